import {
  ActorQueries,
  ActorSentimentQueries,
  ArticleQueries,
  ContributionQueries,
  OutletQueries,
  SqlRunner,
} from '@chronicle/read-models';
import { Global, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';

type QueriesClass = new (sql: SqlRunner) => object;

const queries = (type: QueriesClass): Provider => ({
  provide: type,
  useFactory: (dataSource: DataSource) => new type(dataSource),
  inject: [DataSource],
});

/** The read models' queries (each slice's `queries.ts`), injectable into controllers. */
@Global()
@Module({
  providers: [ActorQueries, ActorSentimentQueries, ArticleQueries, ContributionQueries, OutletQueries].map(queries),
  exports: [ActorQueries, ActorSentimentQueries, ArticleQueries, ContributionQueries, OutletQueries],
})
export class ReadModelQueriesModule {}
