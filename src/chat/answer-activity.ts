import type { Activity, CardAction } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { KnowledgeEntry } from '../knowledge/knowledge-entry.ts';
import { actionButton } from './support-action.ts';

/**
 * Buttons for entries, by id; unknown or disabled ids are left out. With `question` (the feedback
 * record of the question they are offered for, as in "did you mean"), a click is stored on it.
 */
export function entryButtons(kb: KnowledgeBase, ids: readonly string[], question?: number): CardAction[] {
  return ids.flatMap((id) => {
    const entry = kb.entries.find((e) => e.id === id && e.enabled);
    if (entry === undefined) return [];
    return [
      actionButton(entry.title, { kind: 'entry', entryId: entry.id, ...(question === undefined ? {} : { question }) }),
    ];
  });
}

/**
 * The message that answers with `entry`: its Markdown, its follow-ups as suggested actions, and
 * the entry id in `channelData` so the feedback record knows which answer was given.
 */
export function answerActivity(kb: KnowledgeBase, entry: KnowledgeEntry): Partial<Activity> {
  const followUps = entryButtons(kb, entry.followUps);
  return {
    type: 'message',
    text: entry.answer,
    textFormat: 'markdown',
    channelData: { answerdesk: { entryId: entry.id } },
    ...(followUps.length > 0 ? { suggestedActions: { actions: followUps, to: [] } } : {}),
  };
}

/** A message with suggested actions. */
export function messageWithActions(text: string, actions: CardAction[]): Partial<Activity> {
  return {
    type: 'message',
    text,
    textFormat: 'markdown',
    ...(actions.length > 0 ? { suggestedActions: { actions, to: [] } } : {}),
  };
}
