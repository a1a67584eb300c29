import path from 'node:path';
import { Kysely, Migrator } from 'kysely';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { migrateToLatest } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import type { Database } from '../../src/store/schema.ts';
import { Sqlite3Dialect } from '../../src/store/sqlite3-dialect.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

// It upgrades a SQLite file written by the migrations before 011 (PostgreSQL runs them all in test/store).
describe.skipIf(ON_POSTGRES)('migration 011-audit-events', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('upgrades a database with agents (their tokens never expire) and goes back down', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const db = new Kysely<Database>({
      dialect: new Sqlite3Dialect(
        () =>
          new Promise((resolve, reject) => {
            const opened = new sqlite3.Database(path.join(dir, 'db.sqlite'), (err) =>
              err ? reject(err) : resolve(opened),
            );
          }),
      ),
    });
    cleanups.push(() => db.destroy());
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    expect((await migrator.migrateTo('010-knowledge-changes')).error).toBeUndefined();
    await db
      .insertInto('agents')
      .values({
        name: 'Old',
        email: null,
        role: 'admin',
        token_hash: 'h',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();

    await migrateToLatest(db);
    const [old] = await createCrmServices(db).agents.list();
    expect(old).toMatchObject({ name: 'Old', expiresAt: null });
    await db
      .insertInto('audit_events')
      .values({
        at: '2026-01-02T00:00:00.000Z',
        actor_kind: 'cli',
        actor_id: null,
        actor_name: 'ops',
        action: 'x.y',
        target_type: null,
        target_id: null,
        address: null,
        detail: '{}',
      })
      .execute();

    expect((await migrator.migrateTo('010-knowledge-changes')).error).toBeUndefined();
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('audit_events');
    const agentColumns = (await db.introspection.getTables())
      .find((t) => t.name === 'agents')
      ?.columns.map((c) => c.name);
    expect(agentColumns).not.toContain('expires_at');
  });
});
