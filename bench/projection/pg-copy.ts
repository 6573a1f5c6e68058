import { Client } from 'pg';

// pg-copy-streams is not a dependency; pg's own Query class exposes the COPY hooks it needs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Query } = require('pg') as { Query: new (text: string) => NodeJS.EventEmitter & Record<string, unknown> };

interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

function run(client: Client, query: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve, reject) => {
    query.once('end', () => resolve());
    query.once('error', reject);
    (client as unknown as { query(q: unknown): void }).query(query);
  });
}

/** `COPY … TO STDOUT`, collected in memory (text format). */
export async function copyOut(client: Client, sql: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const query = new Query(sql);
  query.handleCopyData = (message: { chunk: Buffer }) => chunks.push(Buffer.from(message.chunk));
  await run(client, query);
  return chunks;
}

/** `COPY … FROM STDIN` of already serialised chunks. */
export async function copyIn(client: Client, sql: string, chunks: Buffer[]): Promise<void> {
  const query = new Query(sql);
  query.handleCopyInResponse = (connection: CopyConnection) => {
    for (const chunk of chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  };
  await run(client, query);
}
