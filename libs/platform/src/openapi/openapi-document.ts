import { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { declaredRoutes } from '../auth/declared-routes';
import { isRateLimited } from '../platform.module';
import { errorResponseObject, ErrorStatus } from './zod-openapi.decorators';

/** The name of the bearer security scheme every keyed operation lists. */
export const API_KEY_SECURITY = 'apiKey';

/** Where every service serves its contract: Swagger UI, and the document itself. */
export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** Express-style `/v1/subscriptions/:id` as OpenAPI writes it: `/v1/subscriptions/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Writes each operation's access from the same decorators the auth guard reads, so it is never
 * repeated by hand: public routes need no key; every other one needs a bearer key with its
 * scope (`x-required-scope`), and can answer what the guards answer (401, 403, 503, and 429
 * where keys are rate-limited).
 */
function annotateAccess(document: OpenAPIObject, module: Type<unknown>, service: string): void {
  const guardErrors: ErrorStatus[] = [401, 403, ...(isRateLimited(service) ? [429 as const] : []), 503];
  for (const route of declaredRoutes(module)) {
    const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase() as 'get'] as
      (OperationObject & { 'x-required-scope'?: string }) | undefined;
    if (!operation) continue;
    if (route.access === 'public') {
      operation.security = [];
      continue;
    }
    if (route.access === null) {
      // The guard refuses a route that declares no scope (and a unit test fails on one).
      operation.description = 'Declares no scope, so every request is refused.';
      continue;
    }
    operation.security = [{ [API_KEY_SECURITY]: [] }];
    operation['x-required-scope'] = route.access;
    const needs = `Requires an API key with the \`${route.access}\` scope.`;
    operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
    for (const status of guardErrors) operation.responses[status] ??= errorResponseObject(status);
  }
}

/** Every JSON body is read up to its route's limit, so every operation that takes one can answer 413. */
function annotateBodyLimits(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch, item.delete]) {
      if (operation?.requestBody) operation.responses[413] ??= errorResponseObject(413);
    }
  }
}

/**
 * The OpenAPI document of a service: every route of `module`, with the request and response
 * schemas its zod decorators give, the bearer scheme, and each route's scope.
 */
export function buildOpenApiDocument(app: INestApplication, module: Type<unknown>, service: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Chronicle ${service}`)
    .setDescription(
      `The HTTP contract of Chronicle's \`${service}\` service. Every route except \`/health\`, \`/health/live\` and this ` +
        'document needs `Authorization: Bearer <API key>`; each operation names the scope its key must hold (`x-required-scope`).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from `chronicle keys create`' }, API_KEY_SECURITY)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  annotateAccess(document, module, service);
  annotateBodyLimits(document);
  return document;
}

/**
 * Serves Swagger UI at `/docs` and the document at `/docs/openapi.json`. They are routes of the
 * HTTP adapter, not of a Nest controller, so the auth guard never sees them: open without a key,
 * like health (the contract is no secret; the data behind it is).
 */
export function serveOpenApiDocs(app: INestApplication, module: Type<unknown>, service: string): void {
  const document = buildOpenApiDocument(app, module, service);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, raw: ['json'] });
}
