import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as the sites saw it: where, what it answered, and how long the connection was held. */
export interface ServedRequest {
  path: string;
  status: number;
  startedMs: number;
  durationMs: number;
}

export type SiteHandler = (request: IncomingMessage, response: ServerResponse, path: string) => void | Promise<void>;

/**
 * HTTP servers on several loopback addresses (127.0.0.N), one handler for all, so a test's feeds
 * sit on distinct hosts (the feeds service spaces requests per host) without any outside network.
 * Every response is counted by path and status, with its duration measured here, at the server.
 */
export class LoopbackSites {
  private readonly servers = new Map<string, { server: Server; port: number }>();
  readonly served: ServedRequest[] = [];

  constructor(private readonly handler: SiteHandler) {}

  async start(addresses: readonly string[]): Promise<void> {
    for (const address of addresses) {
      const server = createServer((request, response) => this.handle(request, response));
      await new Promise<void>((done) => server.listen(0, address, done));
      this.servers.set(address, { server, port: (server.address() as AddressInfo).port });
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.servers.values()].map(({ server }) => {
        server.closeAllConnections();
        return new Promise((done) => server.close(done));
      }),
    );
  }

  /** `http://127.0.0.N:port` of a started address. */
  origin(address: string): string {
    const entry = this.servers.get(address);
    if (!entry) throw new Error(`${address} is not started`);
    return `http://${address}:${entry.port}`;
  }

  count(path: string, status?: number): number {
    return this.served.filter((request) => request.path === path && (status === undefined || request.status === status)).length;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const startedMs = Date.now();
    // `close` comes when the response is done or the client gave up: the time the fetch held the connection.
    response.once('close', () =>
      this.served.push({ path, status: response.statusCode, startedMs, durationMs: Date.now() - startedMs }),
    );
    Promise.resolve(this.handler(request, response, path)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(599);
      response.end(String(error));
    });
  }
}
