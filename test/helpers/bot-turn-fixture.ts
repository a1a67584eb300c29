import type { Activity } from 'botbuilder';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { DirectLineRepository } from '../../src/directline/directline.repository.ts';
import { activityId } from '../../src/directline/directline-activity.ts';
import type { Db } from '../../src/store/database.ts';

/**
 * Stores a bot message the way a Direct Line turn does: the activity (with its buttons) in the
 * Direct Line transcript under the next seq, and its feedback record (text only) under the id the
 * channel gave it. Creates the Direct Line conversation on first use.
 */
export async function storeBotMessage(
  db: Db,
  conversationId: string,
  activity: Partial<Activity>,
  at = new Date().toISOString(),
): Promise<string> {
  const directLine = new DirectLineRepository(db);
  if ((await directLine.findConversation(conversationId)) === undefined)
    await directLine.createConversation(conversationId, `dl_${conversationId}`, undefined, false, at);
  const appended = await directLine.append(
    conversationId,
    (seq) => JSON.stringify({ ...activity, id: activityId(conversationId, seq), from: { id: 'bot', role: 'bot' } }),
    at,
    { turnOwed: false },
  );
  if (appended.kind !== 'appended') throw new Error(`could not append to ${conversationId}: ${appended.kind}`);
  const id = activityId(conversationId, appended.seq);
  await createCrmServices(db).feedback.recordOutbound({
    conversationId,
    author: 'bot',
    activityType: 'message',
    activityId: id,
    replyToId: null,
    text: activity.text ?? null,
    answeredEntryId: null,
    at,
  });
  return id;
}

/** A "did you mean" message offering `titles` as suggested actions, as the main dialog sends it. */
export function didYouMean(text: string, titles: readonly string[]): Partial<Activity> {
  return {
    type: 'message',
    text,
    textFormat: 'markdown',
    suggestedActions: { to: [], actions: titles.map((title) => ({ type: 'postBack', title, value: { title } })) },
  };
}
