import { TopicKey } from '@chronicle/contracts';
import { actorSentimentSelect, SENTIMENT_COMPACTION_TABLE, SENTIMENT_ENTRIES_TABLE } from './actor-sentiment';
import { AggregateDerivation, READ_MODEL_AGGREGATE_DERIVATIONS } from './aggregate-derivation';

/** A read model computed from tables of the same projection at query time. */
export interface ReadModelView {
  name: string;
  /** Its SELECT over the tables in `schema`. */
  select: (schema: string) => string;
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
  tables: string[];
  /** Views over those tables: a rebuild creates them over its shadow tables, the swap re-points the live ones. */
  views?: readonly ReadModelView[];
  /**
   * How to derive the aggregate tables from the row tables. A rebuild of a projection that has
   * them loads only rows while it catches up, then derives the aggregates once and maintains
   * them incrementally from there on.
   */
  aggregateDerivations?: readonly AggregateDerivation[];
}

/**
 * The projections Chronicle can rebuild. A new read-model table must be listed here, or a
 * rebuild (which runs with only the shadow schema on its search path) fails loudly.
 */
export const PROJECTIONS: Record<string, ProjectionDefinition> = {
  'read-models': {
    service: 'project',
    group: 'chronicle-project',
    topics: ['articles', 'analyses'],
    tables: [
      'articles',
      'actors',
      'mentions',
      'statements',
      // Compaction locks the ledger before its row, as the swap does (in this order).
      SENTIMENT_ENTRIES_TABLE,
      SENTIMENT_COMPACTION_TABLE,
      'statement_reach',
      'outlet_actors',
      'outlets',
    ],
    views: [{ name: 'actor_sentiment', select: actorSentimentSelect }],
    aggregateDerivations: READ_MODEL_AGGREGATE_DERIVATIONS,
  },
};

export function projectionNamed(name: string): ProjectionDefinition {
  const projection = PROJECTIONS[name];
  if (!projection) throw new Error(`unknown projection "${name}" (known: ${Object.keys(PROJECTIONS).join(', ')})`);
  return projection;
}
