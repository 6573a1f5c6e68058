import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { SseClient } from './support/sse-client';

interface StreamedStatement {
  id: string;
  text: string;
  speaker: { id: string; name: string } | null;
  articleTitle: string | null;
  fragments: Array<{ text: string; match: boolean }>;
}

describe('GET /v1/statements/stream', () => {
  let stack: ChronicleStack;
  let stream: string;

  /** Statements as the projector writes them (seq from the table's default), for speakers by id. */
  const project = async (...statements: Array<[id: string, speaker: string | null, text: string]>): Promise<void> => {
    for (const [id, speaker, text] of statements) {
      await stack.query(
        `INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, start_offset, end_offset,
                                 sentiment_score, sentiment_label, cluster_id, said_at, outlet)
         VALUES ($1, 'a1', $2, $2, 'direct', $3, 0, 5, 0, 'neutral', 'c-' || $1, '2026-05-17T09:00Z', 'Wire One')`,
        [id, speaker, text],
      );
    }
  };
  const statementsOf = (client: SseClient) => client.of<StreamedStatement>('statement');

  beforeAll(async () => {
    stack = await createStack('statement-stream');
    await stack.query(`
      INSERT INTO articles (id, url, outlet, title, body, received_at) VALUES ('a1', 'https://wire.example/a1', 'Wire One', 'Talks', 'body', now())`);
    await project(['old-1', 'person:alpha', 'Said before anyone listened']);
    await stack.cluster.start('api');
    stream = `${stack.cluster.url('api')}/v1/statements/stream`;
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when a new client connects and statements are projected', () => {
    it('sends only those projected since, in order, with the article and one unmatched fragment, and resumes after Last-Event-ID', async () => {
      const first = await SseClient.open(stream);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await project(['new-1', 'person:alpha', 'We will talk'], ['new-2', 'person:beta', 'We will not']);
      await waitFor(() => statementsOf(first).length === 2, { timeoutMs: 15_000, description: 'two streamed statements' });
      first.close();
      const seen = statementsOf(first);
      expect(seen.map((e) => e.data.id)).toEqual(['new-1', 'new-2']);
      expect(seen[0]!.id).toMatch(/^\d+\.\d+$/);
      expect(seen[1]!.id).not.toBe(seen[0]!.id);
      expect(seen[0]!.data).toMatchObject({ articleTitle: 'Talks', fragments: [{ text: 'We will talk', match: false }] });

      await project(['away-1', 'person:alpha', 'Said while away'], ['away-2', 'person:beta', 'Also while away']);
      const resumed = await SseClient.open(stream, { 'last-event-id': seen[0]!.id! });
      await waitFor(() => statementsOf(resumed).length === 3, { timeoutMs: 15_000, description: 'missed statements replayed' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      resumed.close();
      expect(statementsOf(resumed).map((e) => e.data.id)).toEqual(['new-2', 'away-1', 'away-2']);

      const alphaOnly = await SseClient.open(`${stream}?actor=person:alpha&lastEventId=0`);
      await waitFor(() => statementsOf(alphaOnly).length === 3, { timeoutMs: 15_000, description: "alpha's statements" });
      await new Promise((resolve) => setTimeout(resolve, 500));
      alphaOnly.close();
      expect(statementsOf(alphaOnly).map((e) => e.data.id)).toEqual(['old-1', 'new-1', 'away-1']);
    });
  });

  describe('when nothing is projected for 15 s', () => {
    it('sends a heartbeat whose id is the position reached, so resuming from it misses and repeats nothing', async () => {
      const quiet = await SseClient.open(stream);
      await waitFor(() => quiet.events.some((e) => e.event === 'heartbeat'), { timeoutMs: 20_000, description: 'heartbeat' });
      quiet.close();
      await project(['after-quiet', 'person:alpha', 'Said after the quiet']);
      const resumed = await SseClient.open(stream, { 'last-event-id': quiet.events.find((e) => e.event === 'heartbeat')!.id! });
      await waitFor(() => statementsOf(resumed).length >= 1, { timeoutMs: 15_000, description: 'the statement after the quiet' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      resumed.close();
      expect(statementsOf(resumed).map((e) => e.data.id)).toEqual(['after-quiet']);
    }, 40_000);
  });
});
