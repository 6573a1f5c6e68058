import type { OpenAPIObject, OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** One operation of a service's OpenAPI document. */
export interface DocumentedOperation {
  service: 'api' | 'ingest' | 'feeds';
  method: string;
  /** As the document writes it: `/v1/subscriptions/{id}`. */
  path: string;
  /** As Nest and `declaredRoutes` write it: `/v1/subscriptions/:id`. */
  routePath: string;
  /** `x-required-scope`, or `public` for an operation that needs no key. */
  access: string;
  operation: OperationObject & { 'x-required-scope'?: string };
}

/** Fetches a running service's `/docs/openapi.json`, without a key (the contract is public). */
export async function fetchOpenApi(baseUrl: string): Promise<{ status: number; document: OpenAPIObject }> {
  const response = await fetch(`${baseUrl}/docs/openapi.json`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, document: (await response.json()) as OpenAPIObject };
}

/** Every operation of a document: the route list of a service, as the service itself publishes it. */
export function documentedOperations(service: DocumentedOperation['service'], document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, DocumentedOperation['operation'] | undefined>)[method];
      if (!operation) return [];
      return [
        {
          service,
          method: method.toUpperCase(),
          path,
          routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
          access: operation['x-required-scope'] ?? 'public',
          operation,
        },
      ];
    }),
  );
}
