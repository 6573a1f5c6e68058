import { ArticleAnalyzedData, ArticleAnalyzedEvent, ArticleLifecycleEvent } from '@chronicle/contracts';
import { seededRandom } from '@chronicle/domain';
import { LoggedEvent, ReferenceLog } from './reference-read-models';

type Actor = ArticleAnalyzedData['analysis']['actors'][number];
type Statement = ArticleAnalyzedData['analysis']['statements'][number];

const ACTORS = [
  {
    id: 'person:anna-berg',
    kind: 'person',
    names: ['Anna Berg', 'Berg', 'Anna M. Berg'],
    roles: ['Prime Minister', 'prime minister'],
  },
  { id: 'person:tomas-herrera', kind: 'person', names: ['Tomas Herrera', 'Herrera'], roles: ['Finance Minister'] },
  { id: 'person:recep-erdogan', kind: 'person', names: ['Recep Tayyip Erdoğan', 'Erdoğan', 'Erdogan'], roles: ['President'] },
  { id: 'person:zoe-angstrom', kind: 'person', names: ['Zoë Ångström', 'Ångström'], roles: [] },
  {
    id: 'person:sam-okafor',
    kind: 'person',
    names: ['Samuel Okafor', 'Sam Okafor', 'Okafor'],
    roles: ['opposition leader', 'MP'],
  },
  { id: 'organization:port-union', kind: 'organization', names: ['Port Workers Union', 'the union'], roles: [] },
  { id: 'organization:central-bank', kind: 'organization', names: ['Central Bank', 'the Bank'], roles: ['regulator'] },
  { id: 'organization:un', kind: 'organization', names: ['United Nations', 'UN'], roles: [] },
] as const;

const QUOTES = [
  'We will not back down on the budget.',
  'We will NOT back down on the budget',
  'The numbers simply do not add up.',
  'Talks will continue next week, as planned.',
  'talks will continue next week as planned',
  'This strike hurts working families.',
  'No.',
  'Interest rates will stay where they are.',
];

const OUTLETS = ['Wire One', 'Daily Two', 'Courier Three', 'Zeitung Vier', null];

/**
 * A seeded log of the articles and analyses topics (one partition each) with everything the read
 * models must get right: revisions, retractions, revivals after a retraction, re-analyses of one
 * version, late analyses of old versions, analyses without `sourceOffset`, quotes re-run by other
 * outlets, speakers not listed as actors, duplicate actors and statement spans, names with accents.
 */
export function generatedLog(seed: number, articleCount: number): ReferenceLog {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const score = () => Math.round((random() * 2 - 1) * 1000) / 1000;
  const labelOf = (s: number) => (s > 0.1 ? 'positive' : s < -0.1 ? 'negative' : 'neutral');

  type Version = { kind: 'ArticleSubmitted' | 'ArticleRevised' | 'ArticleRetracted'; content: number };
  const plans: Version[][] = [];
  for (let i = 0; i < articleCount; i += 1) {
    const plan: Version[] = [{ kind: 'ArticleSubmitted', content: 0 }];
    if (chance(0.3)) plan.push({ kind: 'ArticleRevised', content: 1 });
    if (chance(0.1)) plan.push({ kind: 'ArticleRevised', content: 2 });
    if (chance(0.2)) plan.push({ kind: 'ArticleRetracted', content: -1 });
    if (plan[plan.length - 1]!.kind === 'ArticleRetracted' && chance(0.3)) plan.push({ kind: 'ArticleRevised', content: 3 });
    plans.push(plan);
  }

  const articleId = (i: number) => `generated-${i}`;
  const outletOf = (i: number) => OUTLETS[i % OUTLETS.length]!;
  const published = (i: number, content: number): string | null =>
    (i + content) % 9 === 4
      ? null
      : new Date(Date.UTC(2026, 2, 1) + ((i * 7 + content * 13) % 80) * 3_600_000 + (i % 60) * 60_000).toISOString();
  const received = (i: number, content: number) => new Date(Date.UTC(2026, 2, 4) + i * 1000 + content * 60_000).toISOString();

  // The articles topic: each article's events in order, articles interleaved.
  const articles: Array<LoggedEvent<ArticleLifecycleEvent>> = [];
  const versionOffsets: Array<Array<{ offset: string; content: number }>> = plans.map(() => []);
  const cursors = plans.map(() => 0);
  let open = plans.map((_, i) => i);
  while (open.length > 0) {
    const i = pick(open);
    const step = plans[i]![cursors[i]!]!;
    cursors[i]! += 1;
    if (cursors[i] === plans[i]!.length) open = open.filter((j) => j !== i);
    const offset = String(articles.length);
    const base = {
      version: 1,
      occurredAt: received(i, Math.max(step.content, 0)),
      metadata: { correlationId: articleId(i), causationId: null },
    };
    if (step.kind === 'ArticleRetracted') {
      articles.push({
        partition: 0,
        offset,
        event: {
          ...base,
          id: `retracted-${i}-${offset}`,
          type: 'ArticleRetracted',
          data: {
            articleId: articleId(i),
            ...(chance(0.5) ? { reason: `correction ${offset}` } : {}),
            retractedAt: base.occurredAt,
          },
        },
      });
      continue;
    }
    versionOffsets[i]!.push({ offset, content: step.content });
    articles.push({
      partition: 0,
      offset,
      event: {
        ...base,
        id: `${step.kind}-${i}-${offset}`,
        type: step.kind,
        data: {
          articleId: articleId(i),
          url: `https://news.example/${i}`,
          outlet: outletOf(i),
          title: `Article ${i}, version ${step.content}`,
          body: `Body of article ${i}, version ${step.content}.`,
          publishedAt: published(i, step.content),
          language: 'en',
          receivedAt: received(i, step.content),
        },
      },
    });
  }

  const analysisOf = (
    i: number,
    content: number,
    sourceOffset: string | undefined,
    analyzer: string,
    n: number,
  ): ArticleAnalyzedEvent => {
    const chosen = ACTORS.filter(() => chance(0.35));
    const cast = chosen.length > 0 ? chosen : [pick(ACTORS)];
    const actors: Actor[] = cast.map((a) => {
      const s = score();
      const mentions = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, m) => {
        const text = pick(a.names);
        return { start: m * 40, end: m * 40 + text.length, text };
      });
      return {
        id: a.id,
        name: pick(a.names),
        kind: a.kind,
        ...(a.roles.length > 0 && chance(0.6) ? { role: pick(a.roles) } : {}),
        mentions,
        sentiment: { score: s, label: labelOf(s) },
      };
    });
    if (chance(0.1)) actors.push({ ...actors[0]!, name: `${actors[0]!.name} (again)` });
    const statements: Statement[] = [];
    for (let s = 0; s < Math.floor(random() * 5); s += 1) {
      const text = chance(0.5) ? pick(QUOTES) : `Article ${i} version ${content} statement ${s} by ${analyzer}.`;
      const roll = random();
      const speaker =
        roll < 0.65
          ? { actorId: actors[0]!.id, name: actors[0]!.name }
          : roll < 0.8
            ? null
            : { actorId: 'person:not-listed', name: 'Someone Unlisted' };
      const start = chance(0.1) && statements.length > 0 ? statements[statements.length - 1]!.start : 200 + s * 100 + content;
      const sc = score();
      statements.push({
        kind: chance(0.6) ? 'direct' : 'indirect',
        start,
        end: start + text.length,
        text,
        ...(chance(0.7) ? { cue: 'said' } : {}),
        speaker,
        sentiment: { score: sc, label: labelOf(sc) },
      });
    }
    return {
      id: `analysis-${i}-${content}-${analyzer}-${n}`,
      type: 'ArticleAnalyzed',
      version: 1,
      occurredAt: received(i, content),
      metadata: { correlationId: articleId(i), causationId: null },
      data: {
        articleId: articleId(i),
        sourceEventId: `source-${i}-${content}`,
        ...(sourceOffset === undefined ? {} : { sourceOffset }),
        url: `https://news.example/${i}`,
        outlet: outletOf(i),
        title: `Article ${i}, version ${content}`,
        publishedAt: published(i, content),
        receivedAt: received(i, content),
        analyzedAt: new Date(Date.UTC(2026, 2, 10) + n * 1000).toISOString(),
        analysis: { id: articleId(i), analyzerVersion: analyzer, actors, places: [], statements, targets: [] },
      },
    };
  };

  // The analyses topic: each version analysed, some twice (a newer analyzer), some late, some without `sourceOffset`.
  let n = 0;
  const perArticle: ArticleAnalyzedEvent[][] = versionOffsets.map((versions, i) => {
    const events: ArticleAnalyzedEvent[] = [];
    for (const { offset, content } of versions) {
      events.push(analysisOf(i, content, offset, 'analyzer/1', (n += 1)));
      if (chance(0.15)) events.push(analysisOf(i, content, offset, 'analyzer/2', (n += 1)));
    }
    if (events.length > 1 && chance(0.3)) events.push(events.shift()!);
    if (chance(0.05))
      events.splice(Math.floor(random() * (events.length + 1)), 0, analysisOf(i, 0, undefined, 'legacy/0', (n += 1)));
    return events;
  });
  const analyses: Array<LoggedEvent<ArticleAnalyzedEvent>> = [];
  let remaining = perArticle.map((_, i) => i).filter((i) => perArticle[i]!.length > 0);
  while (remaining.length > 0) {
    const i = pick(remaining);
    analyses.push({ partition: 0, offset: String(analyses.length), event: perArticle[i]!.shift()! });
    if (perArticle[i]!.length === 0) remaining = remaining.filter((j) => j !== i);
  }
  return { articles, analyses };
}
