import { WebhookTargetPolicy } from '@chronicle/domain';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryFailureReason, WebhookHttpClient, WebhookTargetRefusedError } from './webhook-http.client';

describe(WebhookHttpClient.name, () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      request.resume();
      if (request.url === '/redirect') response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      else if (request.url === '/slow') setTimeout(() => response.writeHead(204).end(), 500);
      else response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  describe('when the target is loopback and nothing is allow-listed', () => {
    it('refuses before connecting, by literal and by name', async () => {
      const client = new WebhookHttpClient(new WebhookTargetPolicy([]));
      const before = hits;
      await expect(client.post(`http://127.0.0.1:${port}/hook`, {}, '{}', 1000)).rejects.toBeInstanceOf(
        WebhookTargetRefusedError,
      );
      await expect(client.post(`http://localhost:${port}/hook`, {}, '{}', 1000)).rejects.toThrow(/refused/);
      expect(hits).toBe(before);
      client.close();
    });
  });

  describe('when loopback is allow-listed', () => {
    const client = new WebhookHttpClient(new WebhookTargetPolicy(['127.0.0.0/8', '::1']));
    afterAll(() => client.close());

    it('delivers and answers the status', async () => {
      expect(await client.post(`http://127.0.0.1:${port}/hook`, { 'content-type': 'application/json' }, '{"a":1}', 1000)).toBe(
        204,
      );
    });

    it('does not follow a redirect (the 3xx is the answer)', async () => {
      const before = hits;
      expect(await client.post(`http://127.0.0.1:${port}/redirect`, {}, '{}', 1000)).toBe(302);
      expect(hits).toBe(before + 1);
    });

    it('gives up after the timeout', async () => {
      await expect(client.post(`http://127.0.0.1:${port}/slow`, {}, '{}', 100)).rejects.toThrow(/timed out/);
    });
  });

  describe('when an allow-listed private port is closed, open but silent, or open', () => {
    it('records the same reason for the closed and the silent one, so deliveries cannot scan ports', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const client = new WebhookHttpClient(new WebhookTargetPolicy([`127.0.0.1:${closedPort}`, `127.0.0.1:${port}`]));
      const reasonFor = (url: string, timeoutMs: number) =>
        client.post(url, {}, '{}', timeoutMs).then(
          (status) => `HTTP ${status}`,
          (error: unknown) => deliveryFailureReason(error),
        );
      const refused = await reasonFor(`http://127.0.0.1:${closedPort}/hook`, 1000);
      const silent = await reasonFor(`http://127.0.0.1:${port}/slow`, 100);
      expect(refused).toBe(silent);
      expect(refused).not.toMatch(/ECONNREFUSED|refused|timed out after/);
      expect(await reasonFor(`http://127.0.0.1:${closedPort + (closedPort === 65535 ? -1 : 1)}/hook`, 1000)).toMatch(
        /WEBHOOK_ALLOWED_HOSTS/,
      );
      client.close();
    });
  });
});
