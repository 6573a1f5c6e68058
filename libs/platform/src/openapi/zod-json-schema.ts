import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, ZodTypeAny } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';

/**
 * A field no schema knows, for `.catchall()`: a problem at its own path ("unknown field") that is
 * reported together with every other problem, where `.strict()` stops at the first. Documented as
 * a field that may not be there.
 */
export const unknownFieldSchema = z
  .unknown()
  .superRefine((_, ctx) => ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'unknown field' }));

/**
 * `a.pipe(b)`: what `a` accepts, with `b`'s bounds when both are the same type (`text.pipe(z.string().max(200))`
 * is a string of at most 200 characters); `b` alone would be wrong when `a` converts (`"10"` piped to a number).
 */
function pipelineSchema(input: ZodTypeAny, output: ZodTypeAny): SchemaObject {
  const accepted = openApiSchemaOf(input);
  const checked = openApiSchemaOf(output);
  return accepted.type !== undefined && accepted.type === checked.type ? { ...accepted, ...checked } : accepted;
}

/**
 * The OpenAPI 3.0 schema of a zod schema, inlined (no `$ref`s). Requests are documented as a
 * client writes them: a transform or pipe is described by what it accepts (`limit` is a string of
 * digits), not by what the handler receives.
 */
export function openApiSchemaOf(schema: ZodTypeAny): SchemaObject {
  // Typed loosely: zod-to-json-schema's generic options make deep schemas too deep for the compiler.
  const convert = zodToJsonSchema as unknown as (schema: ZodTypeAny, options: object) => unknown;
  const converted = convert(schema, {
    target: 'openApi3',
    $refStrategy: 'none',
    effectStrategy: 'input',
    pipeStrategy: 'input',
    override: (def: { typeName?: string; in?: ZodTypeAny; out?: ZodTypeAny }) => {
      if (def === unknownFieldSchema._def) return { not: {} };
      if (def.typeName === 'ZodPipeline') return pipelineSchema(def.in!, def.out!);
      return ignoreOverride;
    },
  }) as SchemaObject & { $schema?: string; definitions?: unknown };
  const { $schema: _dialect, definitions: _definitions, ...openApi } = converted;
  return openApi;
}
