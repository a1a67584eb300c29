// @ts-check
/** @import { WebChatMiddleware } from './webchat.types.js' */

/**
 * A person's replies arrive from the bot's account (as on any Bot Framework channel) with the
 * agent's display name in `channelData.answerdesk.agentName`; this Web Chat store middleware shows
 * that name before what they wrote. Text only: Web Chat renders `text` itself, and the agent's
 * words are sent as plain text.
 *
 * @type {WebChatMiddleware}
 */
export const showAgentNames = () => (next) => (action) => {
  const activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' ? action.payload?.activity : undefined;
  const data = activity?.channelData?.answerdesk;
  if (activity && data?.author === 'agent' && typeof activity.text === 'string' && typeof data.agentName === 'string') {
    const named = { ...activity, text: `${data.agentName}: ${activity.text}`, textFormat: 'plain' };
    return next({ ...action, payload: { ...action.payload, activity: named } });
  }
  return next(action);
};
