import { ApiScope } from '@chronicle/domain';
import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { BODY_LIMIT, BodyLimitSpec } from '../http/body-limit.decorator';
import { PUBLIC_ROUTE, REQUIRED_SCOPE } from './route-access.decorator';

/** One HTTP route a module serves, with the access it declares. */
export interface DeclaredRoute {
  method: string;
  /** Express-style path, e.g. `/v1/subscriptions/:id`. */
  path: string;
  controller: string;
  handler: string;
  /** The scope it requires, `public`, or null when it declares neither (the guard then refuses it). */
  access: ApiScope | 'public' | null;
  /** Its `@BodyLimit`, when it declares one. */
  bodyLimit?: BodyLimitSpec;
}

type ModuleLike = Type<unknown> | { module: Type<unknown>; controllers?: Type<unknown>[]; imports?: unknown[] };

function joinPath(...parts: Array<string | undefined>): string {
  const joined = parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

function controllersOf(module: ModuleLike, seen: Set<unknown>): Type<unknown>[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const dynamic = typeof module === 'function' ? undefined : module;
  const type = typeof module === 'function' ? module : module.module;
  const imports: unknown[] = [...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as unknown[]) ?? []), ...(dynamic?.imports ?? [])];
  const own: Type<unknown>[] = [...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type<unknown>[]) ?? []), ...(dynamic?.controllers ?? [])];
  return [
    ...own,
    ...imports.flatMap((imported) => (imported && (typeof imported === 'function' || 'module' in (imported as object)) ? controllersOf(imported as ModuleLike, seen) : [])),
  ];
}

/**
 * Every HTTP route of a Nest module and the modules it imports, read from the decorators the
 * router itself reads: a new route appears here without anyone listing it.
 */
export function declaredRoutes(root: ModuleLike): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const controller of new Set(controllersOf(root, new Set()))) {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const isPublic = Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller);
      const scope = (Reflect.getMetadata(REQUIRED_SCOPE, handler) ?? Reflect.getMetadata(REQUIRED_SCOPE, controller)) as ApiScope | undefined;
      for (const each of Array.isArray(path) ? path : [path]) {
        routes.push({
          method: RequestMethod[method],
          path: joinPath(prefix, each),
          controller: controller.name,
          handler: name,
          access: isPublic ? 'public' : (scope ?? null),
          bodyLimit: Reflect.getMetadata(BODY_LIMIT, handler) as BodyLimitSpec | undefined,
        });
      }
    }
  }
  return routes;
}
