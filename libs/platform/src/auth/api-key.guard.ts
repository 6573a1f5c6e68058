import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { API_SCOPES, ApiScope, bearerToken, DEFAULT_TENANT, parseApiKey, verifyApiKey } from '@chronicle/domain';
import { ApiKeyStore } from '@chronicle/persistence';
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import { ApiKeyCache } from './api-key-cache';
import { Principal, PRINCIPAL_PROPERTY, RequestWithPrincipal } from './principal';
import { PUBLIC_ROUTE, REQUIRED_SCOPE } from './route-access.decorator';

interface HttpRequest extends RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** Stands in for a key when auth is off in development: everything, in the default tenant. */
const AUTH_OFF_PRINCIPAL: Principal = { keyId: null, name: 'auth-off', tenant: DEFAULT_TENANT, scopes: API_SCOPES };

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison is constant-time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Global guard: every HTTP route is closed unless it declares a scope (`@RequiresScope`) or is
 * public (`@PublicRoute`, health only). A missing, malformed, unknown, revoked or expired key is
 * 401; a valid key without the route's scope is 403. Kafka handlers are not HTTP and pass.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate, OnModuleInit {
  private readonly logger = new Logger('Auth');
  /** A revocation takes effect within 10 s; known keys keep working through a 15-minute database outage. */
  private readonly cache: ApiKeyCache;
  /** When this process last recorded each key's use; `last_used_at` is minute-grained anyway. */
  private readonly lastNoted = new Map<string, number>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
  ) {
    this.cache = new ApiKeyCache((prefix) => keys.findByPrefix(prefix), { freshMs: 10_000, staleIfErrorMs: 15 * 60_000, maxEntries: 10_000 });
  }

  onModuleInit(): void {
    if (!this.config.auth.enabled) {
      this.logger.warn(
        '!!! CHRONICLE_AUTH=off: every route is open to anyone who can reach this port, with every scope. Development only; refused in production. !!!',
      );
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const scope = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, targets);
    if (!scope) throw new ForbiddenException('This route declares no scope, so it is closed');
    const request = context.switchToHttp().getRequest<HttpRequest>();
    request[PRINCIPAL_PROPERTY] = this.config.auth.enabled ? await this.authenticate(request, scope, context) : AUTH_OFF_PRINCIPAL;
    return true;
  }

  private async authenticate(request: HttpRequest, scope: ApiScope, context: ExecutionContext): Promise<Principal> {
    const header = request.headers.authorization;
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    const refuse = (message: string): never => {
      context.switchToHttp().getResponse<HttpResponse>().setHeader('WWW-Authenticate', 'Bearer realm="chronicle"');
      throw new UnauthorizedException(message);
    };
    if (token === null) return refuse('Send an API key as "Authorization: Bearer <key>"');
    const metricsToken = this.config.auth.metricsToken;
    if (scope === 'metrics' && metricsToken !== undefined && sameSecret(token, metricsToken)) {
      return { keyId: null, name: 'METRICS_TOKEN', tenant: DEFAULT_TENANT, scopes: ['metrics'] };
    }
    const parts = parseApiKey(token);
    if (!parts) return refuse('The API key is not valid');
    let stored;
    try {
      stored = await this.cache.find(parts.prefix);
    } catch (error) {
      this.logger.error(`API key lookup failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new ServiceUnavailableException('Cannot check API keys right now; retry shortly');
    }
    const verdict = verifyApiKey(token, stored, new Date());
    if (verdict.outcome !== 'valid') {
      this.logger.debug(`refused key ${parts.prefix}: ${verdict.reason}`);
      return refuse('The API key is not valid, or was revoked or has expired');
    }
    if (!verdict.key.scopes.includes(scope)) throw new ForbiddenException(`This route needs the "${scope}" scope`);
    this.noteUse(verdict.key.id);
    return { keyId: verdict.key.id, name: verdict.key.name, tenant: verdict.key.tenant, scopes: verdict.key.scopes };
  }

  private noteUse(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastNoted.get(keyId) ?? 0) < 60_000) return;
    this.lastNoted.set(keyId, now);
    this.keys.touch(keyId).catch(() => undefined);
  }
}
