import { DataSource } from 'typeorm';
import { ActorEntity } from './entities/actor.entity';
import { AlertEntity } from './entities/alert.entity';
import { ArticleEntity } from './entities/article.entity';
import { ConsumerPositionEntity } from './entities/consumer-position.entity';
import { MentionEntity } from './entities/mention.entity';
import { StatementEntity } from './entities/statement.entity';
import { SubscriptionEntity } from './entities/subscription.entity';
import { InitialReadModels1764043200000 } from './migrations/1764043200000-InitialReadModels';
import { ReadModelsV21764046800000 } from './migrations/1764046800000-ReadModelsV2';
import { AlertRules1764050000000 } from './migrations/1764050000000-AlertRules';
import { ProjectionVersions1764048000000 } from './migrations/1764048000000-ProjectionVersions';
import { ProjectionWritePath1764052000000 } from './migrations/1764052000000-ProjectionWritePath';
import { SentimentEntries1764054000000 } from './migrations/1764054000000-SentimentEntries';
import { PositionClusterIds1764056000000 } from './migrations/1764056000000-PositionClusterIds';
import { ApiKeysAndTenants1764058000000 } from './migrations/1764058000000-ApiKeysAndTenants';
import { WebhookSecretRotation1764060000000 } from './migrations/1764060000000-WebhookSecretRotation';
import { ProjectionRebuildRequests1764062000000 } from './migrations/1764062000000-ProjectionRebuildRequests';
import { RateLimitCounters1764064000000 } from './migrations/1764064000000-RateLimitCounters';
import { FeedSources1764066000000 } from './migrations/1764066000000-FeedSources';
import { FeedSourceOutcomes1764067000000 } from './migrations/1764067000000-FeedSourceOutcomes';

export const ENTITIES = [
  ArticleEntity,
  ActorEntity,
  MentionEntity,
  StatementEntity,
  ConsumerPositionEntity,
  SubscriptionEntity,
  AlertEntity,
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
