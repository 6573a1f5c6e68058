import { WebhookTargetPolicy } from '@chronicle/domain';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookHttpClient, WebhookTargetRefusedError } from './webhook-http.client';

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
});
