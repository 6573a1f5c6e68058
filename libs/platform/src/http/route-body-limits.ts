import { ChronicleConfig } from '@chronicle/config';
import { DeclaredRoute } from '../auth/declared-routes';
import { BodyLimitSpec, DEFAULT_BODY_LIMIT_BYTES } from './body-limit.decorator';

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  limit: number;
}

function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Each route's body limit, resolved once at startup from its `@BodyLimit` (or the default), looked
 * up per request by method and path. A path no route matches gets the default: the router will
 * answer 404 anyway, after at most that many bytes.
 */
export class RouteBodyLimits {
  private readonly routes: CompiledRoute[];

  constructor(
    routes: ReadonlyArray<DeclaredRoute & { bodyLimit?: BodyLimitSpec }>,
    config: ChronicleConfig,
    private readonly fallback = DEFAULT_BODY_LIMIT_BYTES,
  ) {
    this.routes = routes.map((route) => ({
      method: route.method,
      pattern: patternOf(route.path),
      limit: route.bodyLimit === undefined ? fallback : typeof route.bodyLimit === 'number' ? route.bodyLimit : route.bodyLimit(config),
    }));
  }

  limitFor(method: string, path: string): number {
    const upper = method.toUpperCase();
    return this.routes.find((route) => (route.method === upper || route.method === 'ALL') && route.pattern.test(path))?.limit ?? this.fallback;
  }

  /** Every distinct limit, so one parser per limit can be made up front. */
  distinctLimits(): number[] {
    return [...new Set([this.fallback, ...this.routes.map((route) => route.limit)])];
  }
}
