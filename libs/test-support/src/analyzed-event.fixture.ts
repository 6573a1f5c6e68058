import { ArticleAnalyzedEvent, ArticleAnalyzedData } from '@chronicle/contracts';

type Statement = ArticleAnalyzedData['analysis']['statements'][number];
type Actor = ArticleAnalyzedData['analysis']['actors'][number];
type Stance = NonNullable<ArticleAnalyzedData['analysis']['stances']>[number];

const neutral = { score: 0, label: 'neutral' as const };

/** Test builder: an actor with `count` mentions of `name`. */
export function actor(id: string, name: string, count = 1): Actor {
  return {
    id,
    name,
    kind: id.startsWith('person:') ? 'person' : 'organization',
    mentions: Array.from({ length: count }, (_, i) => ({ start: i * 10, end: i * 10 + name.length, text: name })),
    sentiment: neutral,
  };
}

/** Test builder: an actor with the given sentiment toward it. */
export function feltActor(id: string, name: string, score: number, count = 1): Actor {
  const label = score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral';
  return { ...actor(id, name, count), sentiment: { score, label } };
}

/** Test builder: a statement at [start, start + text.length). */
export function statement(
  text: string,
  speaker: { actorId: string; name: string } | null,
  start = 0,
  kind: 'direct' | 'indirect' = 'direct',
): Statement {
  return { kind, start, end: start + text.length, text, speaker, sentiment: neutral };
}

/** Test builder: a stance at [start, start + text.length), its cue "criticized" just before it. */
export function stance(text: string, speaker: { actorId: string; name: string } | null, start = 11): Stance {
  return {
    start,
    end: start + text.length,
    text,
    cue: 'criticized',
    cueSpan: { start: start - 11, end: start - 1 },
    speaker,
    sentiment: neutral,
  };
}

/** Test builder: an ArticleAnalyzed event. */
export function analyzed(
  eventId: string,
  articleId: string,
  content: {
    actors?: Actor[];
    statements?: Statement[];
    stances?: Stance[];
    outlet?: string;
    publishedAt?: string;
    sourceOffset?: string;
  },
): ArticleAnalyzedEvent {
  return {
    id: eventId,
    type: 'ArticleAnalyzed',
    version: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
    metadata: { correlationId: articleId, causationId: null },
    data: {
      articleId,
      sourceEventId: `src-${eventId}`,
      ...(content.sourceOffset === undefined ? {} : { sourceOffset: content.sourceOffset }),
      url: `https://news.example/${articleId}`,
      outlet: content.outlet ?? 'Example News',
      title: `Title ${articleId}`,
      publishedAt: content.publishedAt ?? '2026-01-01T00:00:00.000Z',
      receivedAt: '2026-01-01T00:00:01.000Z',
      analyzedAt: '2026-01-01T00:00:02.000Z',
      analysis: {
        id: articleId,
        analyzerVersion: 'test/1',
        actors: content.actors ?? [],
        places: [],
        statements: content.statements ?? [],
        ...(content.stances ? { stances: content.stances } : {}),
        targets: [],
      },
    },
  };
}
