/** Most buttons read from one activity: a transcript line, not a menu. */
const MAX_OFFERED = 20;

/** A button's label: its title, else its text value (Web Chat shows the same). */
function label(action: unknown): string | undefined {
  if (typeof action !== 'object' || action === null) return undefined;
  const { title, value } = action as { title?: unknown; value?: unknown };
  const text = typeof title === 'string' && title.trim() !== '' ? title : typeof value === 'string' ? value : undefined;
  return text?.trim() || undefined;
}

/**
 * The labels of the buttons a stored activity (JSON, as clients received it) offered: its
 * suggested actions, then the buttons of its cards; empty for anything else, including JSON that
 * does not parse. Labels are plain text for the reader to show as text.
 */
export function offeredActionsOf(activityJson: string): string[] {
  let activity: unknown;
  try {
    activity = JSON.parse(activityJson);
  } catch {
    return [];
  }
  if (typeof activity !== 'object' || activity === null) return [];
  const { suggestedActions, attachments } = activity as { suggestedActions?: unknown; attachments?: unknown };
  const actions: unknown[] = [];
  const suggested = (suggestedActions as { actions?: unknown } | undefined)?.actions;
  if (Array.isArray(suggested)) actions.push(...suggested);
  if (Array.isArray(attachments)) {
    for (const attachment of attachments) {
      const buttons = (attachment as { content?: { buttons?: unknown } } | null)?.content?.buttons;
      if (Array.isArray(buttons)) actions.push(...buttons);
    }
  }
  return actions.flatMap((a) => label(a) ?? []).slice(0, MAX_OFFERED);
}
