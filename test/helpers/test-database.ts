import path from 'node:path';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { makeTempDir } from './test-config.ts';

/** A real SQLite file in a fresh temp folder with the real migrations applied. */
export async function freshDatabase(): Promise<{
  db: Db;
  file: string;
  reopen: () => Promise<Db>;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = makeTempDir();
  const file = path.join(dir, 'test.sqlite');
  const opened: Db[] = [await openDatabase(file)];
  return {
    db: opened[0] as Db,
    file,
    reopen: async () => {
      const db = await openDatabase(file);
      opened.push(db);
      return db;
    },
    cleanup: async () => {
      await Promise.allSettled(opened.map((d) => d.destroy()));
      cleanup();
    },
  };
}
