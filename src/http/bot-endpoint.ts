import type { Request, Response, Router } from 'express';
import express from 'express';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { activityValidator } from '../shared/activity-schema.ts';
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

/** The activity schema plus what the Bot Framework endpoint needs to run a turn: who and which conversation. */
const validateActivity = activityValidator({
  type: 'object',
  required: ['conversation', 'from'],
  properties: { conversation: { type: 'object', required: ['id'] }, from: { type: 'object', required: ['id'] } },
});

function assertActivity(body: unknown): void {
  const check = validateActivity(body);
  if (check.kind === 'invalid') throw new HttpError(400, 'bad_request', check.problem);
}
