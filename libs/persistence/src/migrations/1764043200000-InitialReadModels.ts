import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialReadModels1764043200000 implements MigrationInterface {
  name = 'InitialReadModels1764043200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE articles (
        id text PRIMARY KEY,
        url text,
        outlet text,
        title text NOT NULL,
        body text NOT NULL,
        published_at timestamptz,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'live',
        analyzer_version text,
        analysis_event_id text,
        analyzed_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE actors (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        role text,
        aliases text[] NOT NULL DEFAULT '{}',
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        mention_count int NOT NULL DEFAULT 0,
        article_count int NOT NULL DEFAULT 0,
        statement_count int NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX actors_name_lower_idx ON actors (lower(name) text_pattern_ops)`);
    await queryRunner.query(`
      CREATE TABLE mentions (
        actor_id text NOT NULL,
        article_id text NOT NULL,
        count int NOT NULL,
        sentiment_score real NOT NULL,
        sentiment_label text NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (actor_id, article_id)
      )`);
    await queryRunner.query(`CREATE INDEX mentions_article_idx ON mentions (article_id)`);
    await queryRunner.query(`
      CREATE TABLE statements (
        id text PRIMARY KEY,
        article_id text NOT NULL,
        speaker_id text,
        speaker_name text,
        kind text NOT NULL,
        text text NOT NULL,
        cue text,
        start_offset int NOT NULL,
        end_offset int NOT NULL,
        sentiment_score real NOT NULL,
        sentiment_label text NOT NULL,
        cluster_id text NOT NULL,
        said_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX statements_speaker_time_idx ON statements (speaker_id, said_at)`);
    await queryRunner.query(`CREATE INDEX statements_article_idx ON statements (article_id)`);
    await queryRunner.query(`
      CREATE TABLE consumer_positions (
        consumer text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (consumer, topic, partition)
      )`);
    await queryRunner.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        actors text[] NOT NULL,
        actor_keys text[] NOT NULL,
        kinds text[] NOT NULL DEFAULT '{direct}',
        webhook_url text NOT NULL,
        secret text,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX subscriptions_actor_keys_idx ON subscriptions USING gin (actor_keys)`);
    await queryRunner.query(`
      CREATE TABLE alerts (
        id text PRIMARY KEY,
        subscription_id uuid NOT NULL,
        cluster_id text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        statement_id text NOT NULL,
        statement_text text NOT NULL,
        article_id text NOT NULL,
        article_url text,
        outlet text,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz,
        CONSTRAINT alerts_subscription_cluster_key UNIQUE (subscription_id, cluster_id)
      )`);
    await queryRunner.query(`CREATE INDEX alerts_pending_idx ON alerts (next_attempt_at) WHERE status = 'pending'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['alerts', 'subscriptions', 'consumer_positions', 'statements', 'mentions', 'actors', 'articles']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
