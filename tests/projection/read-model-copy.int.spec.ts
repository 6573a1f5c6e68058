import { foldAnalyses, MentionRow, StatementRow } from '@chronicle/read-models';
import { ArticleAnalyzedEvent, EventBatch } from '@chronicle/contracts';
import { applyBatchOnce, createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectAnalyses } from '../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

/** Text that COPY's text format and array literals both give meaning to, plus non-ASCII. */
const AWKWARD = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  '"quoted", {braced}',
  'NULL',
  '\\N',
  'Zürich – 東京 🙂',
  '',
];

function awkwardAnalysis(version: number): ArticleAnalyzedEvent {
  const name = (i: number) => `Actor ${AWKWARD[i % AWKWARD.length]} ${i}`;
  const actors = Array.from({ length: 6 }, (_, i) => ({
    id: `person:awkward-${i}`,
    name: name(i),
    kind: 'person' as const,
    ...(i % 2 === 0 ? { role: `Role ${AWKWARD[(i + 3) % AWKWARD.length]}` } : {}),
    // Several spellings, so mentions carry alias arrays with awkward elements.
    mentions: [name(i), `${AWKWARD[(i + 1) % AWKWARD.length]}`, `Alias ${AWKWARD[(i + 5) % AWKWARD.length]}`].map((text, m) => ({
      start: m * 40,
      end: m * 40 + text.length,
      text,
    })),
    sentiment: { score: [0.1, -0.333, 0.7071067811865476, 0, -1, 1 / 3][i]!, label: 'neutral' as const },
  }));
  const statements = AWKWARD.map((text, s) => ({
    kind: s % 2 === 0 ? ('direct' as const) : ('indirect' as const),
    start: 500 + s * 100,
    end: 500 + s * 100 + text.length + 20,
    text: `v${version} says: ${text} (${s})`,
    ...(s % 3 === 0 ? {} : { cue: `cue ${AWKWARD[s]}` }),
    speaker: s === 4 ? null : { actorId: actors[s % actors.length]!.id, name: actors[s % actors.length]!.name },
    sentiment: { score: 0.1 * s - 0.45, label: 'neutral' as const },
  }));
  return {
    id: `awkward-analysis-v${version}`,
    type: 'ArticleAnalyzed',
    version: 1,
    occurredAt: '2026-03-01T10:00:00.000Z',
    metadata: { correlationId: 'awkward', causationId: null },
    data: {
      articleId: 'awkward-article',
      sourceEventId: `awkward-submitted-v${version}`,
      sourceOffset: String(version),
      url: 'https://news.example/awkward',
      outlet: 'Outlet\twith "tab"',
      title: 'Awkward',
      publishedAt: '2026-03-01T09:59:59.123Z',
      receivedAt: '2026-03-01T10:00:00.000Z',
      analyzedAt: '2026-03-01T10:00:01.000Z',
      analysis: { id: 'awkward-article', analyzerVersion: `test/${version}`, actors, places: [], statements, targets: [] },
    },
  };
}

function batch(events: ArticleAnalyzedEvent[], firstOffset: number): EventBatch<ArticleAnalyzedEvent> {
  return {
    consumer: 'copy-test',
    topic: 'chronicle.analyses.v1',
    partition: 0,
    events: events.map((event, i) => ({ event, offset: String(firstOffset + i), key: event.data.articleId })),
    nextOffset: BigInt(firstOffset + events.length),
  };
}

/** The rows as the database gives them back, in the fold's field names. */
async function storedRows(dataSource: DataSource): Promise<{ mentions: MentionRow[]; statements: StatementRow[] }> {
  const iso = (value: Date) => value.toISOString();
  // `real` read as float8 is exactly the float32 the column holds (its text form is rounded).
  const mentions = await dataSource.query('SELECT *, sentiment_score::float8 AS sentiment_score FROM mentions ORDER BY actor_id');
  const statements = await dataSource.query(
    'SELECT *, sentiment_score::float8 AS sentiment_score FROM statements ORDER BY start_offset',
  );
  return {
    mentions: mentions.map((r: Record<string, never>) => ({
      actorId: r.actor_id,
      articleId: r.article_id,
      outlet: r.outlet,
      name: r.name,
      kind: r.kind,
      role: r.role,
      aliases: r.aliases,
      count: r.count,
      sentimentScore: r.sentiment_score,
      sentimentLabel: r.sentiment_label,
      seenAt: iso(r.seen_at),
    })),
    statements: statements.map((r: Record<string, never>) => ({
      id: r.id,
      articleId: r.article_id,
      outlet: r.outlet,
      speakerId: r.speaker_id,
      speakerName: r.speaker_name,
      kind: r.kind,
      text: r.text,
      cue: r.cue,
      startOffset: r.start_offset,
      endOffset: r.end_offset,
      sentimentScore: r.sentiment_score,
      sentimentLabel: r.sentiment_label,
      clusterId: r.cluster_id,
      saidAt: iso(r.said_at),
    })),
  };
}

/** What a `real` column holds for a JS number. */
const asReal = (score: number) => Math.fround(score);

function expectedRows(event: ArticleAnalyzedEvent): { mentions: MentionRow[]; statements: StatementRow[] } {
  const [article] = foldAnalyses([event]);
  return {
    mentions: [...article!.mentions]
      .sort((a, b) => (a.actorId < b.actorId ? -1 : 1))
      .map((m) => ({ ...m, sentimentScore: asReal(m.sentimentScore) })),
    statements: [...article!.statements]
      .sort((a, b) => a.startOffset - b.startOffset)
      .map((s) => ({ ...s, sentimentScore: asReal(s.sentimentScore) })),
  };
}

describe(PgReadModelTransaction.name, () => {
  let url: string;
  let dataSource: DataSource;
  const apply = (b: EventBatch<ArticleAnalyzedEvent>) =>
    applyBatchOnce(dataSource, b, (manager, fresh) =>
      projectAnalyses(
        new PgReadModelTransaction(manager),
        fresh.map((e) => e.event),
      ),
    );

  beforeAll(async () => {
    url = await createTestDatabase('read-model-copy');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when mention and statement rows hold tabs, newlines, backslashes, quotes and non-ASCII text', () => {
    it('stores exactly the rows the fold produced', async () => {
      const first = awkwardAnalysis(1);
      await apply(batch([first], 0));
      expect(await storedRows(dataSource)).toEqual(expectedRows(first));
    });

    it('changes nothing when the same batch is delivered again', async () => {
      const before = await storedRows(dataSource);
      const { applied } = await apply(batch([awkwardAnalysis(1)], 0));
      expect(applied).toBe(0);
      expect(await storedRows(dataSource)).toEqual(before);
    });

    it('replaces the stored rows, read back from the table, with a newer analysis', async () => {
      const second = awkwardAnalysis(2);
      await apply(batch([second], 1));
      expect(await storedRows(dataSource)).toEqual(expectedRows(second));
      const [actors] = await dataSource.query('SELECT count(*)::int AS n, sum(mention_count)::int AS mentions FROM actors');
      expect(actors).toEqual({ n: 6, mentions: 18 });
    });
  });
});
