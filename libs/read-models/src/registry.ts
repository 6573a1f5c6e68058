import { actorPairsSlice } from './actor-pairs/actor-pairs.slice';
import { ACTOR_PAIR_LEDGER } from './actor-pairs/ledger';
import { SENTIMENT_LEDGER } from './actor-sentiment/compaction';
import { actorSentimentSlice } from './actor-sentiment/actor-sentiment.slice';
import { actorsSlice } from './actors/actors.slice';
import { articlesSlice } from './articles/articles.slice';
import { contributionsSlice } from './contributions/contributions.slice';
import { outletsSlice } from './outlets/outlets.slice';
import { ReadModelSlice, ReadModelView } from './read-model-slice';
import { Ledger } from './sql/ledger-compaction';
import { statementReachSlice } from './statement-reach/statement-reach.slice';

/**
 * The aggregate read models, in the order a batch writes them (each takes its row locks in key
 * order, so every transaction locks rows in the same global order and concurrent replicas never
 * deadlock). The ledgers (sentiment, co-mentions) come first: they are appended with COPY and lock
 * no row, so concurrent batches write them side by side, before the first hot row (a popular actor)
 * makes them wait for each other until commit. Adding an aggregate read model is a new folder and
 * one line here.
 */
export const AGGREGATE_SLICES = [actorSentimentSlice, actorPairsSlice, actorsSlice, statementReachSlice, outletsSlice] as const;

/**
 * Every read model of the project service. Their tables, in this order, are the order a rebuild's
 * swap locks them in (a transaction that takes table locks one after another must take them in
 * the same order) and the tables a rebuild creates in its shadow schema.
 */
export const READ_MODEL_SLICES: readonly ReadModelSlice[] = [
  articlesSlice,
  actorsSlice,
  contributionsSlice,
  actorSentimentSlice,
  statementReachSlice,
  outletsSlice,
  actorPairsSlice,
];

export const READ_MODEL_TABLES: readonly string[] = READ_MODEL_SLICES.flatMap((slice) => slice.tables);

export const READ_MODEL_VIEWS: readonly ReadModelView[] = READ_MODEL_SLICES.flatMap((slice) => slice.views ?? []);

export const READ_MODEL_INDEXES_BUILT_AFTER_LOAD: readonly string[] = READ_MODEL_SLICES.flatMap(
  (slice) => slice.indexesBuiltAfterLoad ?? [],
);

/** The append-only ledgers among the read models' tables (entries a view sums per key). */
export const LEDGERS: readonly Ledger[] = [SENTIMENT_LEDGER, ACTOR_PAIR_LEDGER];
