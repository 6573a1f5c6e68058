import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/statements/stream` and `GET /v1/alerts/stream` read rows in `seq` order, but `seq` is drawn when a
 * transaction inserts its rows, not when it commits: of two transactions, the one with the lower positions can
 * commit second, and a reader between the two commits moved past positions whose rows it had not seen yet, then
 * never sent them.
 *
 * Each row now records the id of the transaction that inserted it (`xact_id`: `current_xact_id_bigint()`, the 64-bit
 * `pg_current_xact_id()` as a bigint, a function so the column default reads as one call), and the streams read in
 * (`xact_id`, `seq`) order only rows of transactions older than every transaction still running (`pg_snapshot_xmin`;
 * `libs/read-models/src/sql/commit-ordered-stream.ts`). Rows from before this migration share its transaction id.
 */
export class StreamCommitOrder1764070400000 implements MigrationInterface {
  name = 'StreamCommitOrder1764070400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION current_xact_id_bigint() RETURNS bigint
        LANGUAGE sql VOLATILE PARALLEL UNSAFE
        RETURN pg_current_xact_id()::text::bigint`);
    await queryRunner.query(`ALTER TABLE statements ADD COLUMN xact_id bigint NOT NULL DEFAULT current_xact_id_bigint()`);
    await queryRunner.query(`CREATE UNIQUE INDEX statements_stream_idx ON statements (xact_id, seq)`);
    await queryRunner.query(`ALTER TABLE alerts ADD COLUMN xact_id bigint NOT NULL DEFAULT current_xact_id_bigint()`);
    await queryRunner.query(`CREATE INDEX alerts_tenant_stream_idx ON alerts (tenant, xact_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX alerts_tenant_stream_idx`);
    await queryRunner.query(`ALTER TABLE alerts DROP COLUMN xact_id`);
    await queryRunner.query(`DROP INDEX statements_stream_idx`);
    await queryRunner.query(`ALTER TABLE statements DROP COLUMN xact_id`);
    await queryRunner.query(`DROP FUNCTION current_xact_id_bigint()`);
  }
}
