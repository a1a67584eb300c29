import type { Activity, ResourceResponse } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import type { BotPostResult } from '../directline/directline.service.ts';
import { seqOfActivityId } from '../directline/directline-activity.ts';
import { activityValidator } from '../shared/activity.schema.ts';
import { AppError } from '../shared/app.error.ts';

/** Where the bot's Direct Line activities are stored: `DirectLineService.postFromBot`. */
export interface DirectLineReplies {
  postFromBot(
    conversationId: string,
    body: Readonly<Record<string, unknown>>,
    replyToId: string | undefined,
  ): Promise<BotPostResult>;
}

/** The bot's replies are held to the same activity schema as what customers send. */
const validateBotActivity = activityValidator();

/** A reply the transcript refused (what the Connector API would answer with a 4xx). */
class DirectLineReplyError extends AppError {
  constructor(conversationId: string, problem: string) {
    super('directline_reply_refused', `Direct Line conversation "${conversationId}" refused a reply: ${problem}`);
  }
}

type SendToConversation = ConnectorClient['conversations']['sendToConversation'];
type ReplyToActivity = ConnectorClient['conversations']['replyToActivity'];

/**
 * The Connector client of Direct Line turns: the part of the Bot Framework Connector API the
 * adapter calls to send a reply (`sendToConversation`, `replyToActivity`), answered in-process by
 * storing the activity in the Direct Line transcript, so a reply costs no HTTP request. What the
 * turn sends is turned into wire JSON first (as the HTTP client would serialise it), checked
 * against the activity schema, and its `replyToId` kept only when it names an activity of that
 * conversation's transcript: a reply to an id no client has (a proactive turn's own event id)
 * would keep Web Chat waiting up to 5 s for that activity before it shows the reply.
 *
 * Every other Connector operation is the SDK's own, against `serviceUrl`, which no server answers.
 */
export class DirectLineConnectorClient extends ConnectorClient {
  constructor(serviceUrl: string, replies: DirectLineReplies) {
    super(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
    const deliver = async (
      conversationId: string,
      activity: Partial<Activity>,
      replyToId: string | undefined,
    ): Promise<ResourceResponse> => ({ id: await storeReply(replies, conversationId, activity, replyToId) });
    // The SDK types these as overloads with callbacks and an HTTP response beside the id; the
    // adapter only calls the promise form and reads the id.
    this.conversations.sendToConversation = ((conversationId: string, activity: Partial<Activity>) =>
      deliver(conversationId, activity, undefined)) as unknown as SendToConversation;
    this.conversations.replyToActivity = ((conversationId: string, activityId: string, activity: Partial<Activity>) =>
      deliver(conversationId, activity, activityId)) as unknown as ReplyToActivity;
  }
}

async function storeReply(
  replies: DirectLineReplies,
  conversationId: string,
  activity: Partial<Activity>,
  replyToIdOfPath: string | undefined,
): Promise<string> {
  // The wire JSON the HTTP client would have sent (dates as ISO text, no undefined fields), and a
  // copy the turn can no longer change.
  const check = validateBotActivity(JSON.parse(JSON.stringify(activity)) as unknown);
  if (check.kind === 'invalid') throw new DirectLineReplyError(conversationId, check.problem);
  const { replyToId: bodyReplyToId, ...fields } = check.activity;
  const given = replyToIdOfPath ?? (typeof bodyReplyToId === 'string' ? bodyReplyToId : undefined);
  const replyToId = given !== undefined && isTranscriptId(conversationId, given) ? given : undefined;
  const result = await replies.postFromBot(conversationId, fields, replyToId);
  if (result.kind === 'not-found') throw new DirectLineReplyError(conversationId, 'no such conversation');
  return result.id;
}

/** Whether `id` is an activity id of this server's transcript of `conversationId`. */
function isTranscriptId(conversationId: string, id: string): boolean {
  return id.startsWith(`${conversationId}|`) && seqOfActivityId(id) !== undefined;
}
