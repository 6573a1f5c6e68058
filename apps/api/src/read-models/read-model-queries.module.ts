import {
  ActorPairQueries,
  ActorQueries,
  ActorSentimentQueries,
  ArticleQueries,
  ContributionQueries,
  OutletQueries,
  SqlRunner,
} from '@chronicle/read-models';
import { preparedStatements } from '@chronicle/persistence';
import { Global, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceProvider } from '../common/data-source-provider';

/**
 * The read models whose statements plan alike for any parameters (an actor, a window, an article id) run as prepared
 * statements (`preparedStatements`). PostgreSQL keeps planning each call when a generic plan looks costlier than the
 * custom ones (an optional bound, `$n IS NULL OR …`, is an index condition only in a plan made for its value), but
 * it trusts its estimates: text and name search, where a rare and a common word need different plans and a generic
 * plan would assume a default selectivity for either, stay unprepared, and so do the keyset pages beside them.
 */
const PREPARED = [ActorSentimentQueries, ActorPairQueries, ArticleQueries] as const;
const UNPREPARED = [ActorQueries, ContributionQueries, OutletQueries] as const;

const PREPARED_STATEMENTS = Symbol('PREPARED_STATEMENTS');

/** The read models' queries (each slice's `queries.ts`), injectable into controllers. */
@Global()
@Module({
  providers: [
    { provide: PREPARED_STATEMENTS, useFactory: preparedStatements, inject: [DataSource] },
    ...PREPARED.map((type): Provider => ({
      provide: type,
      useFactory: (sql: SqlRunner) => new type(sql),
      inject: [PREPARED_STATEMENTS],
    })),
    ...UNPREPARED.map((type) => dataSourceProvider<object>(type)),
  ],
  exports: [...PREPARED, ...UNPREPARED],
})
export class ReadModelQueriesModule {}
