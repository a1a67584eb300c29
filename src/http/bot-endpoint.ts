import type { Request, Response, Router } from 'express';
import express from 'express';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { HttpError } from './http-error.ts';
import type { InFlight } from './in-flight.ts';

/**
 * `POST /api/messages`: the Bot Framework endpoint. Rejects what is not an activity with a clear
 * 400 before the adapter sees it; the adapter authenticates (401) and runs the turn.
 */
export function botEndpoint(adapter: CloudAdapter, bot: ActivityHandler, inFlight: InFlight): Router {
  const router = express.Router();
  router.post('/api/messages', async (req: Request, res: Response) => {
    assertActivity(req.body);
    await inFlight.track(adapter.process(req, res, (context) => bot.run(context)));
  });
  return router;
}

function assertActivity(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'The request body must be a JSON object (a Bot Framework activity) sent with Content-Type: application/json.');
  }
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') {
    throw new HttpError(400, 'bad_request', 'The request body is not a Bot Framework activity: the "type" field is missing.');
  }
  for (const field of ['conversation', 'from'] as const) {
    const value = activity[field];
    if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'string') {
      throw new HttpError(400, 'bad_request', `The activity has no "${field}.id".`);
    }
  }
  if (activity.text !== undefined && typeof activity.text !== 'string') {
    throw new HttpError(400, 'bad_request', 'The activity\'s "text" must be a string.');
  }
}
