import { z } from 'zod';

/** One problem a 400 names: where in the request (`q`, `actors.0`, `(root)`) and what is wrong. */
export const requestProblemSchema = z.object({ path: z.string(), message: z.string() });

/**
 * Every error answer: Nest's `{statusCode, error, message}`, and for a request that failed
 * validation (`ZodValidationPipe`) `problems` listing each one. Other fields may follow (a 409
 * names the running rebuild).
 */
export const errorResponseSchema = z
  .object({
    statusCode: z.number().int().min(400).max(599),
    error: z.string().optional(),
    message: z.union([z.string(), z.array(z.string())]),
    problems: z.array(requestProblemSchema).optional(),
  })
  .passthrough();

export type ErrorResponse = z.infer<typeof errorResponseSchema>;
