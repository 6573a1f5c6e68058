import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ZodDefault, ZodEffects, ZodObject, ZodOptional, ZodRawShape, ZodTypeAny } from 'zod';
import { errorResponseSchema } from './error-response';
import { openApiSchemaOf } from './zod-json-schema';

/** The statuses every Chronicle error answer can have, with what they mean. */
const ERROR_DESCRIPTIONS = {
  400: 'The request is invalid: `problems` names each field and what is wrong with it',
  401: 'No API key, or one that is unknown, revoked or expired (`WWW-Authenticate: Bearer`)',
  403: 'The API key lacks the scope this route requires',
  404: 'Nothing with this id, or it belongs to another tenant',
  409: 'Conflicts with work already under way',
  413: "Too large: the body is over its route's limit (for articles: `MAX_ARTICLE_BYTES`, or the Kafka message limit derived from it)",
  415: 'The request body is not JSON',
  429: "Over the API key's rate limit: retry after `Retry-After` seconds",
  503: 'A dependency (database, broker) is unavailable right now; retry shortly',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

const ERROR_HEADERS: Partial<Record<ErrorStatus, HeadersObject>> = {
  401: { 'WWW-Authenticate': { description: 'Always `Bearer realm="chronicle"`', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds until the key may call again', schema: { type: 'integer' } } },
};

/** The OpenAPI response object of an error status: the shared error schema, and its headers. */
export function errorResponseObject(status: ErrorStatus) {
  return {
    description: ERROR_DESCRIPTIONS[status],
    content: { 'application/json': { schema: openApiSchemaOf(errorResponseSchema) } },
    ...(ERROR_HEADERS[status] ? { headers: ERROR_HEADERS[status] } : {}),
  };
}

/** Documents error answers of a route (or every route of a controller) with the shared error schema. */
export function ErrorResponses(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...errorResponseObject(status) })));
}

function objectShape(schema: ZodTypeAny): ZodRawShape {
  let current: ZodTypeAny = schema;
  // `.refine()`/`.transform()` wrap the object; its fields are what the client sends.
  while (!(current instanceof ZodObject)) {
    const inner = (current._def as { schema?: ZodTypeAny; innerType?: ZodTypeAny }).schema ?? current._def.innerType;
    if (!inner) throw new Error('@ZodQuery/@ZodParams need a z.object() schema');
    current = inner;
  }
  return (current as ZodObject<ZodRawShape>).shape;
}

/**
 * The schema of a parameter or body that may be absent: `required` says whether it may, so the
 * optional wrapper (and the transforms around it, which see what the client sent) come off.
 */
function presentSchema(field: ZodTypeAny) {
  let current = field;
  let fallback: unknown;
  for (;;) {
    if (current instanceof ZodDefault) fallback = (current._def as { defaultValue: () => unknown }).defaultValue();
    if (current instanceof ZodOptional || current instanceof ZodDefault) current = current._def.innerType as ZodTypeAny;
    else if (current instanceof ZodEffects) current = current._def.schema as ZodTypeAny;
    else break;
  }
  return { ...openApiSchemaOf(current), ...(fallback === undefined ? {} : { default: fallback }) };
}

/** Documents the JSON body a route validates with this schema (through `ZodValidationPipe`), and its 400. */
export function ZodBody(schema: ZodTypeAny, description?: string): MethodDecorator {
  return applyDecorators(
    ApiBody({ schema: presentSchema(schema), required: !schema.isOptional(), description }),
    ErrorResponses(400),
  );
}

/** Documents each query parameter of a `z.object()` a route validates its query with, and its 400. */
export function ZodQuery(schema: ZodTypeAny): MethodDecorator {
  const shape = objectShape(schema);
  return applyDecorators(
    ...Object.entries(shape).map(([name, field]) =>
      ApiQuery({ name, required: !field.isOptional(), schema: presentSchema(field), description: field.description }),
    ),
    ErrorResponses(400),
  );
}

/** Documents the path parameters of a `z.object()` a route validates them with, and its 400. */
export function ZodParams(schema: ZodTypeAny): MethodDecorator {
  const shape = objectShape(schema);
  return applyDecorators(
    ...Object.entries(shape).map(([name, field]) =>
      ApiParam({ name, required: true, schema: presentSchema(field), description: field.description }),
    ),
    ErrorResponses(400),
  );
}

/**
 * Documents a successful answer. Its body schema is the zod schema whose `z.infer` type the
 * handler returns, so the documented shape and the compiled one cannot drift apart; `null`
 * for an answer without a body (204).
 */
export function ZodResponse(status: number, schema: ZodTypeAny | null, description: string): MethodDecorator {
  return ApiResponse(schema === null ? { status, description } : { status, description, schema: openApiSchemaOf(schema) });
}
