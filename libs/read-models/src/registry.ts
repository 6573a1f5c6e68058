import { actorPairsSlice } from './actor-pairs/actor-pairs.slice';
import { actorSentimentSlice } from './actor-sentiment/actor-sentiment.slice';
import { actorsSlice } from './actors/actors.slice';
import { articlesSlice } from './articles/articles.slice';
import { contributionsSlice } from './contributions/contributions.slice';
import { outletsSlice } from './outlets/outlets.slice';
import { ReadModelSlice, ReadModelView } from './read-model-slice';
import { statementReachSlice } from './statement-reach/statement-reach.slice';

/**
 * The aggregate read models, in the order a batch writes them (each takes its row locks in key
 * order, so every transaction locks rows in the same global order and concurrent replicas never
 * deadlock). The sentiment ledger comes first: it is appended with COPY and locks no row, so
 * concurrent batches write it side by side, before the first hot row (a popular actor) makes them
 * wait for each other until commit. Adding an aggregate read model is a new folder and one line here.
 */
export const AGGREGATE_SLICES = [actorSentimentSlice, actorsSlice, statementReachSlice, outletsSlice, actorPairsSlice] as const;

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
