import { TopicKey } from '@chronicle/contracts';
import {
  actorPairsSlice,
  actorSentimentSlice,
  AGGREGATE_SLICES,
  READ_MODEL_INDEXES_BUILT_AFTER_LOAD,
  READ_MODEL_TABLES,
  READ_MODEL_VIEWS,
  ReadModelView,
  SqlRunner,
} from '@chronicle/read-models';

/** Fills some aggregate tables from the row tables, in the current search path and UTC. */
export interface AggregateDerivation {
  /** The tables it truncates and fills; no two derivations share one, so they may run at once. */
  tables: readonly string[];
  derive: (sql: SqlRunner) => Promise<void>;
  /**
   * Starts before the deferred indexes are built and before the other derivations, which then run beside it
   * instead of before it: for a derivation that takes most of the time and reads no table with a deferred index.
   */
  startsFirst?: boolean;
}

export interface ProjectionDefinition {
  /** Service whose handlers fold this projection (a rebuild runs the same code). */
  service: 'project';
  /** Consumer group name without prefix, as the live service uses it. */
  group: string;
  topics: TopicKey[];
  /**
   * Every table the projection writes; a rebuild creates all of them in its shadow schema. The
   * swap locks them in this order: a transaction that takes table locks one after another must
   * take them in the same order.
   */
  tables: readonly string[];
  /** Views over those tables: a rebuild creates them over its shadow tables, the swap re-points the live ones. */
  views?: readonly ReadModelView[];
  /**
   * How to derive the aggregate tables from the row tables. A rebuild of a projection that has
   * them loads only rows while it catches up, then derives the aggregates once and maintains
   * them incrementally from there on.
   */
  aggregateDerivations?: readonly AggregateDerivation[];
  /**
   * Secondary indexes (live names) a rebuild leaves off its shadow tables while it loads rows and
   * builds with the aggregate derivations; only a projection with derivations has that step.
   */
  indexesBuiltAfterLoad?: readonly string[];
}

/**
 * The projections Chronicle can rebuild. Their tables, views and derivations come from the
 * read-model registry (libs/read-models), so a new read model is rebuilt without a change here.
 */
export const PROJECTIONS: Record<string, ProjectionDefinition> = {
  'read-models': {
    service: 'project',
    group: 'chronicle-project',
    topics: ['articles', 'analyses'],
    tables: READ_MODEL_TABLES,
    views: READ_MODEL_VIEWS,
    aggregateDerivations: AGGREGATE_SLICES.map((slice) => ({
      tables: slice.derivedTables ?? slice.tables,
      derive: (sql: SqlRunner) => slice.derive(sql),
      // The two longest in a 100,000-event rebuild, which read only the mentions: the sentiment hours and days
      // (about 5 s, and 3 s of index builds after them) and the co-mentions (about 4 s, counted in Node; 27–34 s as a
      // self-join in SQL, when it alone started first). Started after the index builds, the sentiment derivation ran
      // alone at the end.
      startsFirst: slice === actorSentimentSlice || slice === actorPairsSlice,
    })),
    indexesBuiltAfterLoad: READ_MODEL_INDEXES_BUILT_AFTER_LOAD,
  },
};

export function projectionNamed(name: string): ProjectionDefinition {
  const projection = PROJECTIONS[name];
  if (!projection) throw new Error(`unknown projection "${name}" (known: ${Object.keys(PROJECTIONS).join(', ')})`);
  return projection;
}
