import 'reflect-metadata';
import { buildOpenApiDocument, DeclaredRoute, declaredRoutes, openApiPath } from '@chronicle/platform';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedsModule } from '../../feeds/src/feeds.module';
import { IngestModule } from '../../ingest/src/ingest.module';
import { ApiModule } from './api.module';

type Operation = {
  security?: Array<Record<string, string[]>>;
  'x-required-scope'?: string;
  parameters?: Array<{ name: string; schema?: unknown }>;
  responses: Record<string, unknown>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operationsOf(document: OpenAPIObject): Array<{ key: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ key: `${method.toUpperCase()} ${path}`, operation }] : [];
    }),
  );
}

const keyOf = (route: DeclaredRoute) => `${route.method} ${openApiPath(route.path)}`;

describe(buildOpenApiDocument.name, () => {
  for (const [service, module] of [
    ['api', ApiModule],
    ['ingest', IngestModule],
    ['feeds', FeedsModule],
  ] as Array<[string, Type<unknown>]>) {
    describe(`when documenting the ${service} service`, () => {
      let app: INestApplication;
      let document: OpenAPIObject;
      const routes = declaredRoutes(module);

      beforeAll(async () => {
        // Preview mode resolves the module graph without instantiating providers: no database, no broker.
        app = await NestFactory.create(module, { preview: true, abortOnError: false, logger: false });
        document = buildOpenApiDocument(app, module, service);
      });

      afterAll(async () => {
        await app?.close();
      });

      it('has one operation per declared route, and no other', () => {
        expect(
          operationsOf(document)
            .map(({ key }) => key)
            .sort(),
        ).toEqual(routes.map(keyOf).sort());
      });

      it('gives every keyed operation the bearer scheme and the scope its route declares', () => {
        expect(document.components?.securitySchemes?.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
        const operations = new Map(operationsOf(document).map(({ key, operation }) => [key, operation]));
        for (const route of routes) {
          const operation = operations.get(keyOf(route))!;
          if (route.path.startsWith('/health')) {
            expect(operation.security, keyOf(route)).toEqual([]);
            continue;
          }
          expect(operation.security, keyOf(route)).toEqual([{ apiKey: [] }]);
          expect(operation['x-required-scope'], keyOf(route)).toBe(route.access);
          expect(Object.keys(operation.responses), keyOf(route)).toEqual(expect.arrayContaining(['401', '403', '429']));
        }
      });

      it('documents each parameter as the client sends it, absence told by `required` alone', () => {
        const parameters = operationsOf(document).flatMap(({ operation }) => operation.parameters ?? []);
        expect(parameters.length).toBeGreaterThan(0);
        for (const parameter of parameters) expect(JSON.stringify(parameter.schema), parameter.name).not.toContain('"not":{}');
      });

      it('documents a successful answer with its body for every operation', () => {
        for (const { key, operation } of operationsOf(document)) {
          const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
          expect(success.length, key).toBeGreaterThan(0);
          for (const [status, response] of success) {
            if (status === '204') continue;
            expect(
              Object.values((response as { content?: Record<string, { schema?: unknown }> }).content ?? {})[0]?.schema,
              `${key} ${status}`,
            ).toBeDefined();
          }
        }
      });
    });
  }
});
