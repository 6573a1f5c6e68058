import { describe, expect, it } from 'vitest';
import { PostgresDatabase, redactUrl } from './postgres-database';

describe(PostgresDatabase.name, () => {
  describe('when given a database URL', () => {
    const database = new PostgresDatabase('postgres://app:secret@db.internal:6543/chronicle?sslmode=disable');

    it('knows its database name', () => {
      expect(database.name).toBe('chronicle');
    });

    it('addresses sibling databases with the same credentials and options', () => {
      expect(database.urlFor('t_other_abc123')).toBe(
        'postgres://app:secret@db.internal:6543/t_other_abc123?sslmode=disable',
      );
    });

    it('rejects database names that would need quoting', async () => {
      await expect(database.createDatabase('x"; DROP DATABASE chronicle; --')).rejects.toThrow(/Invalid database name/);
    });
  });

  describe('when the URL names no database', () => {
    it('fails with the password redacted', () => {
      expect(() => new PostgresDatabase('postgres://app:secret@db.internal:6543/')).toThrow(
        'DATABASE_URL must name a database: postgres://app:***@db.internal:6543/',
      );
    });
  });
});

describe(redactUrl.name, () => {
  it('hides only the password', () => {
    expect(redactUrl('postgres://app:secret@localhost:5432/chronicle')).toBe(
      'postgres://app:***@localhost:5432/chronicle',
    );
  });
});
