import type { TurnContext } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import { hasBoundUser } from '../directline/user-binding.ts';
import { DIRECT_LINE_TURN_CLAIM } from './directline-bridge.ts';

/**
 * Whether someone vouches for the user id of this turn, so the CRM may take it as a customer's
 * identity across conversations:
 *
 * - a turn from this server's Direct Line: only when the token was bound with the secret (the
 *   server's `channelData.answerdesk.boundUser` marker, which clients cannot set);
 * - a turn from `/api/messages`: when channels are authenticated (a Microsoft app id is set, so the
 *   Bot Connector vouches for its user ids); in unauthenticated local mode anyone can post any id.
 */
export function isVerifiedUser(context: TurnContext, channelsAuthenticated: boolean): boolean {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
  if (identity?.getClaimValue(DIRECT_LINE_TURN_CLAIM) === 'true') return hasBoundUser(context.activity);
  return channelsAuthenticated;
}
