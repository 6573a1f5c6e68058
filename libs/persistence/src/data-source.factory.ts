import { DataSource } from 'typeorm';
import { ActorKeyEntity } from './entities/actor-key.entity';
import { ActorTotalsByDayEntity } from './entities/actor-totals-by-day.entity';
import { ActorPairCompactionEntity } from './entities/actor-pair-compaction.entity';
import { ActorPairEntryEntity } from './entities/actor-pair-entry.entity';
import { ActorPairKeyEntity } from './entities/actor-pair-key.entity';
import { ActorPairVectorEntity } from './entities/actor-pair-vector.entity';
import { ActorSentimentCompactionEntity } from './entities/actor-sentiment-compaction.entity';
import { ActorSentimentEntryEntity } from './entities/actor-sentiment-entry.entity';
import { ActorEntity } from './entities/actor.entity';
import { AlertEntity } from './entities/alert.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { ArticleEntity } from './entities/article.entity';
import { ConsumerPositionEntity } from './entities/consumer-position.entity';
import { FeedEntrySeenEntity } from './entities/feed-entry-seen.entity';
import { FeedSourceEntity } from './entities/feed-source.entity';
import { MentionEntity } from './entities/mention.entity';
import { NoveltyClusterMemberEntity } from './entities/novelty-cluster-member.entity';
import { NoveltyClusterEntity } from './entities/novelty-cluster.entity';
import { OutletActorEntity } from './entities/outlet-actor.entity';
import { OutletEntity } from './entities/outlet.entity';
import { ProjectionRebuildEntity } from './entities/projection-rebuild.entity';
import { ProjectionVersionEntity } from './entities/projection-version.entity';
import { RateLimitHitEntity } from './entities/rate-limit-hit.entity';
import { StatementReachEntity } from './entities/statement-reach.entity';
import { StatementEntity } from './entities/statement.entity';
import { SubscriptionEntity } from './entities/subscription.entity';
import { InitialReadModels1764043200000 } from './migrations/1764043200000-InitialReadModels';
import { ReadModelsV21764046800000 } from './migrations/1764046800000-ReadModelsV2';
import { AlertRules1764050000000 } from './migrations/1764050000000-AlertRules';
import { ProjectionVersions1764048000000 } from './migrations/1764048000000-ProjectionVersions';
import { ProjectionWritePath1764052000000 } from './migrations/1764052000000-ProjectionWritePath';
import { SentimentEntries1764054000000 } from './migrations/1764054000000-SentimentEntries';
import { PositionClusterIds1764056000000 } from './migrations/1764056000000-PositionClusterIds';
import { PositionFingerprints1764069500000 } from './migrations/1764069500000-PositionFingerprints';
import { SentimentDayEntries1764070000000 } from './migrations/1764070000000-SentimentDayEntries';
import { ActorNameSearch1764070200000 } from './migrations/1764070200000-ActorNameSearch';
import { StreamCommitOrder1764070400000 } from './migrations/1764070400000-StreamCommitOrder';
import { ApiKeysAndTenants1764058000000 } from './migrations/1764058000000-ApiKeysAndTenants';
import { WebhookSecretRotation1764060000000 } from './migrations/1764060000000-WebhookSecretRotation';
import { ProjectionRebuildRequests1764062000000 } from './migrations/1764062000000-ProjectionRebuildRequests';
import { RateLimitCounters1764064000000 } from './migrations/1764064000000-RateLimitCounters';
import { FeedSources1764066000000 } from './migrations/1764066000000-FeedSources';
import { FeedSourceOutcomes1764067000000 } from './migrations/1764067000000-FeedSourceOutcomes';
import { ActorPairsAndDashboardIndexes1764068000000 } from './migrations/1764068000000-ActorPairsAndDashboardIndexes';
import { ActorPairsByWeek1764070600000 } from './migrations/1764070600000-ActorPairsByWeek';
import { ActorPairEntries1764070800000 } from './migrations/1764070800000-ActorPairEntries';
import { ClusterMergeIndexes1764071000000 } from './migrations/1764071000000-ClusterMergeIndexes';
import { NoveltyCandidateIndex1764071200000 } from './migrations/1764071200000-NoveltyCandidateIndex';
import { LedgerSweeps1764071400000 } from './migrations/1764071400000-LedgerSweeps';
import { ActorSearchText1764071600000 } from './migrations/1764071600000-ActorSearchText';
import { ActorRunningTotals1764071800000 } from './migrations/1764071800000-ActorRunningTotals';
import { ActorPairVectors1764072000000 } from './migrations/1764072000000-ActorPairVectors';
import { DropLedgerSweeps1764072200000 } from './migrations/1764072200000-DropLedgerSweeps';
import { PairChangeRows1764072400000 } from './migrations/1764072400000-PairChangeRows';
import { OutletActorsHotUpdates1764072600000 } from './migrations/1764072600000-OutletActorsHotUpdates';
import { SentimentHourEntriesOnly1764072800000 } from './migrations/1764072800000-SentimentHourEntriesOnly';
import { SentimentTotalsWatermark1764073000000 } from './migrations/1764073000000-SentimentTotalsWatermark';
import { NoveltyClustersHotUpdates1764073200000 } from './migrations/1764073200000-NoveltyClustersHotUpdates';
import { LedgerRoundWindows1764073400000 } from './migrations/1764073400000-LedgerRoundWindows';
import { ArticleStances1764073600000 } from './migrations/1764073600000-ArticleStances';
import { ArticleStancesBySpeaker1764073800000 } from './migrations/1764073800000-ArticleStancesBySpeaker';
import { StatementSearch1764068200000 } from './migrations/1764068200000-StatementSearch';

/**
 * One entity per table the migrations create, matching them exactly (tests/persistence/schema-drift
 * checks it). The `actor_sentiment` view has none: its SQL belongs to the projection catalog.
 */
export const ENTITIES = [
  ArticleEntity,
  ActorEntity,
  MentionEntity,
  StatementEntity,
  ConsumerPositionEntity,
  SubscriptionEntity,
  AlertEntity,
  StatementReachEntity,
  OutletActorEntity,
  OutletEntity,
  ActorSentimentEntryEntity,
  ActorSentimentCompactionEntity,
  ProjectionVersionEntity,
  NoveltyClusterEntity,
  NoveltyClusterMemberEntity,
  ApiKeyEntity,
  ProjectionRebuildEntity,
  RateLimitHitEntity,
  FeedSourceEntity,
  FeedEntrySeenEntity,
  ActorPairEntryEntity,
  ActorPairCompactionEntity,
  ActorKeyEntity,
  ActorTotalsByDayEntity,
  ActorPairKeyEntity,
  ActorPairVectorEntity,
];

/** Listed explicitly (not globbed) so the same list works from sources under vitest and from dist. */
export const MIGRATIONS = [
  InitialReadModels1764043200000,
  ReadModelsV21764046800000,
  ProjectionVersions1764048000000,
  AlertRules1764050000000,
  ProjectionWritePath1764052000000,
  SentimentEntries1764054000000,
  PositionClusterIds1764056000000,
  ApiKeysAndTenants1764058000000,
  WebhookSecretRotation1764060000000,
  ProjectionRebuildRequests1764062000000,
  RateLimitCounters1764064000000,
  FeedSources1764066000000,
  FeedSourceOutcomes1764067000000,
  ActorPairsAndDashboardIndexes1764068000000,
  StatementSearch1764068200000,
  PositionFingerprints1764069500000,
  SentimentDayEntries1764070000000,
  ActorNameSearch1764070200000,
  StreamCommitOrder1764070400000,
  ActorPairsByWeek1764070600000,
  ActorPairEntries1764070800000,
  ClusterMergeIndexes1764071000000,
  NoveltyCandidateIndex1764071200000,
  LedgerSweeps1764071400000,
  ActorSearchText1764071600000,
  ActorRunningTotals1764071800000,
  ActorPairVectors1764072000000,
  DropLedgerSweeps1764072200000,
  PairChangeRows1764072400000,
  OutletActorsHotUpdates1764072600000,
  SentimentHourEntriesOnly1764072800000,
  SentimentTotalsWatermark1764073000000,
  NoveltyClustersHotUpdates1764073200000,
  LedgerRoundWindows1764073400000,
  ArticleStances1764073600000,
  ArticleStancesBySpeaker1764073800000,
];

/**
 * A DataSource for Chronicle's database. Schema changes only ever come from migrations.
 * `searchPath` other than public makes unqualified table names resolve to that schema only
 * (a rebuild writes its shadow read models that way, with the same SQL as the live ones).
 */
export function createDataSource(url: string, poolSize = 10, searchPath = 'public'): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'chronicle_migrations',
    synchronize: false,
    // Nor extensions: TypeORM would create uuid-ossp on connect for projection_rebuilds' generated uuid.
    installExtensions: false,
    extra: { max: poolSize, ...(searchPath === 'public' ? {} : { options: `-c search_path=${searchPath}` }) },
  });
}

/** Applies pending migrations; returns the names of those it ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await createDataSource(url, 2).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
