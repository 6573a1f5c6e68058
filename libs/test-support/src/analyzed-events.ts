import { seededRandom } from '@chronicle/domain';
import { ArticleAnalyzedEvent } from '@chronicle/contracts';

/** The 16 words generated statements and titles are made of (a search for any one matches about half of them). */
export const GENERATED_WORDS =
  'government minister budget deal talks strike port energy prices election vote reform union court border trade'.split(' ');
const WORDS = GENERATED_WORDS;
const LABELS = ['negative', 'neutral', 'positive'] as const;

/**
 * `count` ArticleAnalyzed events of realistic size: ~10 actors (Zipf-like popularity over 3,000),
 * ~5 statements (a fifth of them quotes re-run from other outlets), 40 outlets, one month.
 */
export function analyzedEvents(count: number, seed = 42): ArticleAnalyzedEvent[] {
  return [...analyzedEventStream(count, seed)];
}

/** {@link analyzedEvents} one at a time, so a caller can keep each in another form (a log of encoded messages). */
export function* analyzedEventStream(count: number, seed = 42): Generator<ArticleAnalyzedEvent> {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const zipf = (n: number) => Math.min(n - 1, Math.floor(Math.pow(random(), 2.5) * n));
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[pick(WORDS.length)]).join(' ');
  const quotes = Array.from({ length: 5000 }, (_, i) => `${sentence(14)} (${i})`);
  for (let i = 0; i < count; i += 1) {
    const articleId = `bench-${i}`;
    const publishedAt = new Date(Date.UTC(2026, 0, 1) + pick(30 * 24 * 3600) * 1000).toISOString();
    const actorCount = 7 + pick(7);
    const actorIds = new Set<number>();
    while (actorIds.size < actorCount) actorIds.add(zipf(3000));
    const actors = [...actorIds].map((n) => {
      const kind = n % 4 === 0 ? ('organization' as const) : ('person' as const);
      const name = kind === 'person' ? `Person ${n} Surname${n}` : `Organisation ${n}`;
      const label = LABELS[pick(3)]!;
      return {
        id: `${kind}:actor-${n}`,
        name,
        kind,
        ...(n % 3 === 0 ? { role: ['Minister', 'Spokesperson', 'Chief Executive'][n % 3 === 0 ? pick(3) : 0]! } : {}),
        mentions: Array.from({ length: 1 + pick(4) }, (_, m) => ({
          start: m * 50,
          end: m * 50 + 12,
          text: m === 0 ? name : `Surname${n}`,
        })),
        sentiment: { score: Math.round((random() * 2 - 1) * 1000) / 1000, label },
      };
    });
    const statements = Array.from({ length: 3 + pick(5) }, (_, s) => {
      const speaker = actors[pick(actors.length)]!;
      const text = random() < 0.2 ? quotes[zipf(quotes.length)]! : `${sentence(18)} ${i}-${s}`;
      return {
        kind: random() < 0.6 ? ('direct' as const) : ('indirect' as const),
        start: 1000 + s * 300,
        end: 1000 + s * 300 + text.length,
        text,
        cue: 'said',
        speaker: { actorId: speaker.id, name: speaker.name },
        sentiment: { score: Math.round((random() * 2 - 1) * 1000) / 1000, label: LABELS[pick(3)]! },
      };
    });
    yield {
      id: `bench-analysis-${i}`,
      type: 'ArticleAnalyzed',
      version: 1,
      occurredAt: publishedAt,
      metadata: { correlationId: articleId, causationId: `bench-submitted-${i}` },
      data: {
        articleId,
        sourceEventId: `bench-submitted-${i}`,
        sourceOffset: String(i),
        url: `https://outlet-${i % 40}.example/${i}`,
        outlet: `Outlet ${i % 40}`,
        title: sentence(9),
        publishedAt,
        receivedAt: publishedAt,
        analyzedAt: publishedAt,
        analysis: { id: articleId, analyzerVersion: 'bench/1', actors, places: [], statements, targets: [] },
      },
    };
  }
}
