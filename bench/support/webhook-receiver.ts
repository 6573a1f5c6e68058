import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The bench's webhook subscriber on loopback: notes when each article's first alert arrived
 * (`performance.now()` of this process) and counts any second delivery for the same article.
 */
export class WebhookReceiver {
  readonly received = new Map<string, number>();
  duplicates = 0;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { article: { id: string } };
      if (this.received.has(body.article.id)) this.duplicates += 1;
      else this.received.set(body.article.id, at);
      response.writeHead(204).end();
    });
  });

  /** Starts listening; returns the URL to subscribe. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): void {
    this.server.close();
  }
}
