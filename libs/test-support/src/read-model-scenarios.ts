import { actor, analyzed, feltActor, statement } from './analyzed-event.fixture';
import { retracted, revised, submitted } from './article-lifecycle.fixture';
import { ProjectionBatch } from './in-memory-projection';

const lindqvistId = 'person:maria-lindqvist';
const herreraId = 'person:juan-herrera';
const lindqvistSpeaks = { actorId: lindqvistId, name: 'Maria Lindqvist' };
const quote = 'We will not yield an inch of our land';

/** Two outlets carry one quote of Lindqvist's; Herrera is mentioned in the first article. */
export const FIRST_ARTICLE = analyzed('e1', 'a1', {
  actors: [feltActor(lindqvistId, 'Maria Lindqvist', 0.5, 2), actor(herreraId, 'Juan Herrera')],
  statements: [statement(quote, lindqvistSpeaks)],
  outlet: 'Wire One',
  publishedAt: '2026-01-01T10:15:00.000Z',
  sourceOffset: '0',
});
export const SECOND_ARTICLE = analyzed('e2', 'a2', {
  actors: [feltActor(lindqvistId, 'Lindqvist', -0.25)],
  statements: [statement(quote, lindqvistSpeaks, 40)],
  outlet: 'Daily Two',
  publishedAt: '2026-01-01T11:30:00.000Z',
  sourceOffset: '1',
});
/** The second article's revision: Lindqvist's quote is gone; Herrera and a council are new to it, with a quote of Herrera's. */
export const SECOND_ARTICLE_REVISED = analyzed('e3', 'a2', {
  actors: [feltActor(herreraId, 'Juan Herrera', 0.75), actor('org:nordic-council', 'Nordic Council')],
  statements: [statement('The council will meet again in spring', { actorId: herreraId, name: 'Juan Herrera' })],
  outlet: 'Daily Two',
  publishedAt: '2026-01-01T11:30:00.000Z',
  sourceOffset: '5',
});

/** A history and one that must leave the same read models. */
export interface ReadModelScenario {
  name: string;
  history: ProjectionBatch[];
  sameAs: ProjectionBatch[];
}

/** The cases every slice is checked against, in memory (unit specs) and in PostgreSQL (integration specs). */
export const READ_MODEL_SCENARIOS: readonly ReadModelScenario[] = [
  {
    name: 'folded twice equals folded once',
    history: [{ analyses: [FIRST_ARTICLE, SECOND_ARTICLE] }, { analyses: [FIRST_ARTICLE, SECOND_ARTICLE] }],
    sameAs: [{ analyses: [FIRST_ARTICLE, SECOND_ARTICLE] }],
  },
  {
    name: 'revised then retracted equals never posted',
    history: [
      { articles: [submitted('0', 'a1', 'First', 'Wire One'), submitted('1', 'a2', 'First', 'Daily Two')] },
      { analyses: [FIRST_ARTICLE, SECOND_ARTICLE] },
      { articles: [revised('5', 'a2', 'Second', 'Daily Two')] },
      { analyses: [SECOND_ARTICLE_REVISED] },
      { articles: [retracted('6', 'a2')] },
    ],
    sameAs: [{ articles: [submitted('0', 'a1', 'First', 'Wire One')] }, { analyses: [FIRST_ARTICLE] }],
  },
  {
    name: 'a revision replaces the version before it',
    history: [{ analyses: [FIRST_ARTICLE, SECOND_ARTICLE] }, { analyses: [SECOND_ARTICLE_REVISED] }],
    sameAs: [{ analyses: [FIRST_ARTICLE, SECOND_ARTICLE_REVISED] }],
  },
];
