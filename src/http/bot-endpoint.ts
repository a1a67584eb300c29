import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { activityValidator } from '../shared/activity.schema.ts';
import { HttpError } from './http.error.ts';
import type { InFlight } from './in-flight.ts';
import { isAllowedServiceUrl } from './service-url-allowlist.ts';

/** Who may call `/api/messages` and where replies may go. */
export interface BotEndpointRules {
  /** False in local / Emulator mode (no MicrosoftAppId): nothing is authenticated. */
  readonly authenticated: boolean;
  /** `LOCAL_SERVICE_URLS`: in unauthenticated mode, the only places the bot will post replies to. */
  readonly localServiceUrls: readonly string[];
}

/**
 * `POST /api/messages`: the Bot Framework endpoint. Rejects what is not an activity with a clear
 * 400 before the adapter sees it; the adapter authenticates (401) and runs the turn. Without
 * authentication, an activity whose replies would be posted (any delivery mode but
 * `expectReplies`) must name a `serviceUrl` on the allowlist, so the server cannot be made to
 * POST to arbitrary addresses.
 */
export function botEndpoint(
  adapter: CloudAdapter,
  bot: ActivityHandler,
  inFlight: InFlight,
  rules: BotEndpointRules,
): Router {
  const router = express.Router();
  router.post('/api/messages', async (req: Request, res: Response) => {
    const activity = assertActivity(req.body);
    if (
      !rules.authenticated &&
      activity.deliveryMode !== 'expectReplies' &&
      !isAllowedServiceUrl(activity.serviceUrl, rules.localServiceUrls)
    ) {
      throw new HttpError(
        400,
        'service_url_not_allowed',
        'Without MicrosoftAppId the bot only posts replies to the serviceUrls in LOCAL_SERVICE_URLS ' +
          `(now: ${rules.localServiceUrls.join(', ') || 'none'}); this activity's "/serviceUrl" is not one of them. ` +
          'Send deliveryMode "expectReplies" to get the replies in the response instead.',
      );
    }
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

function assertActivity(body: unknown): Record<string, unknown> {
  const check = validateActivity(body);
  if (check.kind === 'invalid') throw new HttpError(400, 'bad_request', check.problem);
  return check.activity;
}
