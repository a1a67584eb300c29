import express, { type Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../store/database.ts';

/** `GET /healthz`: 200 when the database answers, 503 otherwise. */
export function healthRoutes(db: Db): Router {
  const router = express.Router();
  router.get('/healthz', async (_req, res) => {
    const started = performance.now();
    try {
      await sql`select 1`.execute(db);
      res.json({ status: 'ok', database: 'ok', databaseMs: Math.round((performance.now() - started) * 100) / 100 });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}
