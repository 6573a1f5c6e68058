import { EntityManager } from 'typeorm';

type Sql = Pick<EntityManager, 'query'>;

/** One version of a projection: the live one, a rebuild under way, or one retired or failed. */
export interface ProjectionVersionRow {
  name: string;
  version: number;
  status: 'live' | 'building' | 'retired' | 'failed';
  consumer: string;
  shadowSchema: string | null;
  startedAt: string;
  activatedAt: string | null;
  eventsDone: number;
  eventsTotal: number | null;
  error: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toVersion(r: Record<string, unknown>): ProjectionVersionRow {
  return {
    name: r.name as string,
    version: Number(r.version),
    status: r.status as ProjectionVersionRow['status'],
    consumer: r.consumer as string,
    shadowSchema: r.shadow_schema as string | null,
    startedAt: iso(r.started_at as Date)!,
    activatedAt: iso(r.activated_at as Date | null),
    eventsDone: Number(r.events_done),
    eventsTotal: r.events_total === null ? null : Number(r.events_total),
    error: r.error as string | null,
  };
}

/**
 * The `projection_versions` table: which version of each projection serves reads and how far a
 * rebuild has got. The rebuild (CLI) writes it; the api reads it for /v1/admin and /metrics.
 */
export class ProjectionVersions {
  constructor(private readonly sql: Sql) {}

  /** Every version of `name`, newest first. */
  async history(name: string): Promise<ProjectionVersionRow[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      'SELECT * FROM projection_versions WHERE name = $1 ORDER BY version DESC',
      [name],
    );
    return rows.map(toVersion);
  }

  /** The live and building versions of every projection. */
  async current(): Promise<ProjectionVersionRow[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      "SELECT * FROM projection_versions WHERE status IN ('live', 'building')",
    );
    return rows.map(toVersion);
  }

  /** Records version 1 as live if the projection has no version yet (it was built by the live service). */
  async ensureLive(name: string, consumer: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO projection_versions (name, version, status, consumer, started_at, activated_at)
       VALUES ($1, 1, 'live', $2, now(), now()) ON CONFLICT DO NOTHING`,
      [name, consumer],
    );
  }

  /** Marks every `building` version failed; returns their shadow schemas and consumers, to clean up. */
  async failBuilding(name: string, reason: string): Promise<Array<{ shadowSchema: string | null; consumer: string }>> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [Array<{ shadow_schema: string | null; consumer: string }>, number] = await this.sql.query(
      `UPDATE projection_versions SET status = 'failed', error = $2 WHERE name = $1 AND status = 'building'
       RETURNING shadow_schema, consumer`,
      [name, reason],
    );
    return rows.map((r) => ({ shadowSchema: r.shadow_schema, consumer: r.consumer }));
  }

  /** Marks one version failed, if it is still building. */
  async failVersion(name: string, version: number, reason: string): Promise<void> {
    await this.sql.query(
      `UPDATE projection_versions SET status = 'failed', error = $3 WHERE name = $1 AND version = $2 AND status = 'building'`,
      [name, version, reason],
    );
  }

  async nextVersion(name: string): Promise<number> {
    const [{ next }]: Array<{ next: number | null }> = await this.sql.query(
      'SELECT MAX(version) + 1 AS next FROM projection_versions WHERE name = $1',
      [name],
    );
    return Number(next ?? 1);
  }

  /** Starts a rebuild's version; the partial unique index allows one per projection at a time. */
  async startBuilding(name: string, version: number, consumer: string, shadowSchema: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO projection_versions (name, version, status, consumer, shadow_schema, started_at)
       VALUES ($1, $2, 'building', $3, $4, now())`,
      [name, version, consumer, shadowSchema],
    );
  }

  async recordProgress(name: string, version: number, total: number, done: number): Promise<void> {
    await this.sql.query('UPDATE projection_versions SET events_total = $3, events_done = $4 WHERE name = $1 AND version = $2', [
      name,
      version,
      total,
      done,
    ]);
  }

  /** Retires the live version and makes `version` live under the live consumer's name (inside the swap's transaction). */
  async activate(name: string, version: number, liveConsumer: string): Promise<void> {
    await this.sql.query(`UPDATE projection_versions SET status = 'retired' WHERE name = $1 AND status = 'live'`, [name]);
    await this.sql.query(
      `UPDATE projection_versions SET status = 'live', activated_at = now(), consumer = $3 WHERE name = $1 AND version = $2`,
      [name, version, liveConsumer],
    );
  }
}
