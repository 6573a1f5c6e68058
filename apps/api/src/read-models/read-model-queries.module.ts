import {
  ActorPairQueries,
  ActorQueries,
  ActorSentimentQueries,
  ArticleQueries,
  ContributionQueries,
  OutletQueries,
} from '@chronicle/read-models';
import { Global, Module } from '@nestjs/common';
import { dataSourceProvider } from '../common/data-source-provider';

/** The read models' queries (each slice's `queries.ts`), injectable into controllers. */
@Global()
@Module({
  providers: [ActorQueries, ActorSentimentQueries, ArticleQueries, ContributionQueries, OutletQueries, ActorPairQueries].map(
    (type) => dataSourceProvider<object>(type),
  ),
  exports: [ActorQueries, ActorSentimentQueries, ArticleQueries, ContributionQueries, OutletQueries, ActorPairQueries],
})
export class ReadModelQueriesModule {}
