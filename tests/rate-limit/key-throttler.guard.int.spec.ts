import { ConfigModule, loadConfig } from '@chronicle/config';
import { runMigrations } from '@chronicle/persistence';
import {
  KeyThrottlerGuard,
  LiveStreamSlots,
  LiveStreamSlotsInterceptor,
  Principal,
  PRINCIPAL_PROPERTY,
  PublicRoute,
  RateLimitModule,
  RequestWithPrincipal,
  RequiresScope,
} from '@chronicle/platform';
import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  INestApplication,
  Injectable,
  MessageEvent,
  Module,
  Post,
  Sse,
  UseInterceptors,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { interval, map, Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, waitFor } from '../support/test-environment';

const READ_PER_MINUTE = 5;
const INGEST_PER_MINUTE = 3;
const STREAMS_PER_KEY = 2;

/** Stands in for the API key guard: the key id comes from a header, as if the key were verified. */
@Injectable()
class HeaderKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal & { headers: Record<string, string | undefined> }>();
    const keyId = request.headers['x-test-key'] ?? null;
    const principal: Principal = { keyId, name: keyId ?? 'auth-off', tenant: 'default', scopes: ['read', 'ingest'] };
    request[PRINCIPAL_PROPERTY] = principal;
    return true;
  }
}

@Controller()
class ProbeController {
  @Get('health')
  @PublicRoute()
  health(): string {
    return 'ok';
  }

  @Get('things')
  @RequiresScope('read')
  things(): string[] {
    return [];
  }

  @Get('subscriptions')
  @RequiresScope('subscriptions')
  subscriptions(): string[] {
    return [];
  }

  @Post('articles')
  @RequiresScope('ingest')
  @HttpCode(202)
  submit(): { ids: string[] } {
    return { ids: [] };
  }

  @Sse('stream')
  @RequiresScope('read')
  @UseInterceptors(LiveStreamSlotsInterceptor)
  stream(): Observable<MessageEvent> {
    return interval(50).pipe(map((n) => ({ type: 'tick', data: String(n) })));
  }
}

async function startReplica(databaseUrl: string): Promise<INestApplication> {
  const config = loadConfig({
    CHRONICLE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    RATE_LIMIT_READ_PER_MINUTE: String(READ_PER_MINUTE),
    RATE_LIMIT_INGEST_PER_MINUTE: String(INGEST_PER_MINUTE),
    SSE_STREAMS_PER_KEY: String(STREAMS_PER_KEY),
    SSE_STREAMS_PER_PROCESS: '3',
  });
  @Module({
    imports: [ConfigModule.forRoot(config), RateLimitModule],
    controllers: [ProbeController],
    // In this order, as the services register them: the principal exists when the throttler runs.
    providers: [
      { provide: APP_GUARD, useClass: HeaderKeyGuard },
      { provide: APP_GUARD, useClass: KeyThrottlerGuard },
    ],
  })
  class ReplicaModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ReplicaModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

describe(KeyThrottlerGuard.name, () => {
  let databaseUrl: string;
  let replicas: INestApplication[] = [];
  let urls: string[] = [];

  const call = (replica: number, path: string, key?: string, method = 'GET') =>
    fetch(`${urls[replica]}${path}`, { method, headers: key ? { 'x-test-key': key } : {} });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('key-throttler-guard');
    await runMigrations(databaseUrl);
    replicas = [await startReplica(databaseUrl), await startReplica(databaseUrl)];
    urls = await Promise.all(replicas.map(async (app) => (await app.getUrl()).replace('[::1]', '127.0.0.1')));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  describe('when a key spends its read budget across two replicas', () => {
    it('gets 429 with a Retry-After in whole seconds, while another key still gets 200', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < READ_PER_MINUTE; i++)
        statuses.push((await call(i % 2, i % 2 ? '/things' : '/subscriptions', 'key-a')).status);
      expect(statuses).toEqual(Array(READ_PER_MINUTE).fill(200));

      const refused = await call(1, '/things', 'key-a');
      expect(refused.status).toBe(429);
      const retryAfter = refused.headers.get('retry-after');
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect((await call(0, '/things', 'key-a')).status).toBe(429);

      expect((await call(0, '/things', 'key-b')).status).toBe(200);
      expect((await call(1, '/things', 'key-b')).status).toBe(200);
    });
  });

  describe('when a key is out of read budget', () => {
    it('still has its ingest budget, which runs out on its own', async () => {
      for (let i = 0; i <= READ_PER_MINUTE; i++) await call(0, '/things', 'key-c');
      expect((await call(0, '/things', 'key-c')).status).toBe(429);

      const ingest: number[] = [];
      for (let i = 0; i <= INGEST_PER_MINUTE; i++) ingest.push((await call(i % 2, '/articles', 'key-c', 'POST')).status);
      expect(ingest).toEqual([...Array(INGEST_PER_MINUTE).fill(202), 429]);
    });
  });

  describe('when there is no key', () => {
    it('counts by client address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= READ_PER_MINUTE; i++) statuses.push((await call(i % 2, '/things')).status);
      expect(statuses).toEqual([...Array(READ_PER_MINUTE).fill(200), 429]);
    });
  });

  describe('when a route is public', () => {
    it('is never counted or refused, even for an address out of budget', async () => {
      expect((await call(0, '/things')).status).toBe(429);
      for (let i = 0; i < READ_PER_MINUTE * 2; i++) expect((await call(i % 2, '/health')).status).toBe(200);
    });
  });

  describe('when the counters cannot be reached', () => {
    it('lets requests through rather than failing them', async () => {
      const unmigrated = await createTestDatabase('key-throttler-unmigrated');
      const replica = await startReplica(unmigrated);
      try {
        const url = (await replica.getUrl()).replace('[::1]', '127.0.0.1');
        for (let i = 0; i <= READ_PER_MINUTE; i++)
          expect((await fetch(`${url}/things`, { headers: { 'x-test-key': 'key-d' } })).status).toBe(200);
      } finally {
        await replica.close();
        await dropTestDatabase(unmigrated);
      }
    });
  });

  describe('when a key opens more live streams than it may', () => {
    it('refuses the extra one with 429 and Retry-After, and frees the slots when clients leave', async () => {
      const slots = replicas[0]!.get(LiveStreamSlots);
      const open = async (key: string) => {
        const abort = new AbortController();
        const response = await fetch(`${urls[0]}/stream`, { headers: { 'x-test-key': key }, signal: abort.signal });
        return { response, abort };
      };
      // Only the connection counts against the read budget, so a fresh key.
      const first = await open('key-streams');
      const second = await open('key-streams');
      expect([first.response.status, second.response.status]).toEqual([200, 200]);
      expect(first.response.headers.get('content-type')).toContain('text/event-stream');
      expect(slots.open('key:key-streams')).toBe(2);

      const third = await open('key-streams');
      expect(third.response.status).toBe(429);
      expect(third.response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);

      first.abort.abort();
      await waitFor(() => slots.open('key:key-streams') === 1, { description: 'the slot of the closed stream' });
      const fourth = await open('key-streams');
      expect(fourth.response.status).toBe(200);

      second.abort.abort();
      fourth.abort.abort();
      await waitFor(() => slots.open() === 0, { description: 'every slot free' });
    });
  });
});
