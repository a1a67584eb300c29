import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/store/sqlite-backup.ts';
import { runCli } from '../helpers/cli.ts';
import { directLine, startConversation } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { makeTempDir } from '../helpers/test-config.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

/** The texts of every customer message in a SQLite file's Direct Line transcripts. */
async function transcriptTexts(app: RunningApp): Promise<Set<string>> {
  const rows = await app.app.db.selectFrom('directline_activity').select('activity').execute();
  return new Set(rows.map((r) => (JSON.parse(r.activity) as { text?: string }).text ?? ''));
}

/**
 * `answerdesk backup` while a server is under load: Direct Line posts are in flight when the
 * backup starts (from another process, as an operator runs it); the backup restored into a new
 * server holds every message that was acknowledged (2xx) before the backup started.
 */
describe('answerdesk backup', () => {
  const { dir: backupDir, cleanup } = makeTempDir();
  const started: RunningApp[] = [];
  const cleanups: Array<() => void> = [];
  afterAll(async () => {
    await Promise.allSettled(started.map((s) => s.stop()));
    cleanup();
    for (const done of cleanups) done();
  });

  it.skipIf(ON_POSTGRES)(
    'takes a consistent copy of a live database under load, and a new server restored from it has every acknowledged message',
    async () => {
      const live = await startApp();
      started.push(live);
      const file = path.join(live.dir, 'test.sqlite');
      const acked: Array<{ text: string; at: number }> = [];
      let loading = true;
      const customer = async (n: number): Promise<void> => {
        const conversation = await startConversation(live.url, { id: `load-${n}` });
        for (let i = 0; loading; i += 1) {
          const text = `load ${n}/${i} how do I track my order`;
          const res = await directLine(
            live.url,
            'POST',
            `/conversations/${conversation.conversationId}/activities`,
            conversation.token,
            { type: 'message', from: { id: `load-${n}` }, text },
          );
          expect(res.status).toBe(200);
          acked.push({ text, at: performance.now() });
        }
      };
      const load = [1, 2, 3].map(customer);
      await expect.poll(() => acked.length, { timeout: 20_000 }).toBeGreaterThan(15);

      const target = path.join(backupDir, 'answerdesk-backup.sqlite');
      // In this process but on a connection of its own, as the CLI's: it starts at a known moment
      // (the CLI spends seconds loading first, long enough for the WAL to be checkpointed).
      const backupStarted = performance.now();
      const progress: number[] = [];
      const result = await backupSqlite(file, target, (p) => progress.push(p.copied));
      const ackedBeforeBackup = acked.filter((a) => a.at < backupStarted).map((a) => a.text);
      loading = false;
      await Promise.all(load);
      const inFlightDuring = acked.filter((a) => a.at > backupStarted).length;
      expect(result.pages).toBeGreaterThan(0);
      expect(progress.at(-1)).toBe(result.pages);
      // The server kept answering while the backup ran.
      expect(inFlightDuring).toBeGreaterThan(0);
      expect(fs.existsSync(`${target}.partial`)).toBe(false);

      // Restore: the server is stopped, the copy put in place of a database file, a server started on it.
      await live.stop();
      started.splice(started.indexOf(live), 1);
      const restoredDir = makeTempDir();
      cleanups.push(restoredDir.cleanup);
      fs.copyFileSync(target, path.join(restoredDir.dir, 'restored.sqlite'));
      const restored = await startApp({ DATABASE_URL: `file:${path.join(restoredDir.dir, 'restored.sqlite')}` });
      started.push(restored);
      const texts = await transcriptTexts(restored);
      const missing = ackedBeforeBackup.filter((t) => !texts.has(t));
      expect(ackedBeforeBackup.length).toBeGreaterThan(15);
      expect(missing).toEqual([]);
      const stored = await restored.app.db
        .selectFrom('messages')
        .select('text')
        .where('direction', '=', 'inbound')
        .execute();
      const feedbackTexts = new Set(stored.map((m) => m.text));
      expect(ackedBeforeBackup.filter((t) => !feedbackTexts.has(t))).toEqual([]);
      // The command itself, on the restored server's live database.
      const again = await runCli([
        'backup',
        path.join(backupDir, 'second.sqlite'),
        '--db',
        path.join(restoredDir.dir, 'restored.sqlite'),
      ]);
      expect(again.stderr).toMatch(/backup: \d+\/\d+ pages \(100%\)/);
      expect(again.stdout).toMatch(/written to .*second\.sqlite: \d+ pages, \d+ bytes in \d+ ms/);
      expect(again.status).toBe(0);
      // The restored server serves.
      const conversation = await startConversation(restored.url, { id: 'after-restore' });
      expect(conversation.conversationId).not.toBe('');
    },
    90_000,
  );

  it('refuses a PostgreSQL database, naming pg_dump', async () => {
    const run = await runCli(['backup', path.join(backupDir, 'pg.sqlite')], {
      DATABASE_URL: 'postgres://answerdesk@db.example/answerdesk',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/copies a SQLite database[\s\S]*pg_dump/);
    expect(fs.existsSync(path.join(backupDir, 'pg.sqlite'))).toBe(false);
  }, 60_000);

  it.skipIf(ON_POSTGRES)(
    'refuses a missing database and an existing backup file, naming the file',
    async () => {
      const missing = await runCli([
        'backup',
        path.join(backupDir, 'x.sqlite'),
        '--db',
        '/nonexistent/answerdesk.sqlite',
      ]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('No SQLite database at /nonexistent/answerdesk.sqlite');
      const source = path.join(backupDir, 'source.sqlite');
      const existing = path.join(backupDir, 'exists.sqlite');
      fs.writeFileSync(source, '');
      fs.writeFileSync(existing, 'keep me');
      const refused = await runCli(['backup', existing, '--db', source]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`${existing} already exists`);
      expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    },
    90_000,
  ); // two CLI processes, each loading the app through tsx
});
