import type { NotificationPayload } from './notification.ts';
import type { WebhookFormat } from './webhook-config.ts';

/** The generic JSON document agents' tools receive. */
export interface GenericWebhookBody {
  readonly event: NotificationPayload['event'];
  readonly ticket: NotificationPayload['ticket'] & { readonly url: string | null };
  readonly customer: NotificationPayload['customer'];
  readonly recentMessages: NotificationPayload['recentMessages'];
  readonly occurredAt: string;
}

/** The link to a ticket in the agent console, when the server's public URL is known. */
function ticketUrl(publicUrl: string, reference: string): string | null {
  return publicUrl === '' ? null : `${publicUrl}/agent#${encodeURIComponent(reference)}`;
}

/** Slack's mrkdwn control characters; escaping them also defuses `<!channel>` in customer text. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackText(payload: NotificationPayload, url: string | null): string {
  const { ticket, customer } = payload;
  const ref = url === null ? ticket.reference : `<${url}|${ticket.reference}>`;
  const siren = ticket.priority === 'urgent' ? ':rotating_light: ' : '';
  const headline =
    payload.event === 'ticket.created'
      ? `${siren}*New ticket ${ref}* · priority *${ticket.priority}* · reason: ${ticket.reason}`
      : `${siren}*Ticket ${ref} escalated again* · priority raised to *${ticket.priority}* · reason: ${ticket.reason}`;
  const name = customer?.name ?? null;
  const email = customer?.email ?? null;
  const who = name !== null && email !== null ? `${name} (${email})` : (name ?? email ?? 'unknown');
  const lines = [
    headline,
    `*Subject:* ${slackEscape(ticket.subject)}`,
    `*Customer:* ${slackEscape(who)}${ticket.category === null ? '' : ` · *Category:* ${slackEscape(ticket.category)}`}`,
    ...payload.recentMessages.map((m) => `> ${slackEscape(m.text.replace(/\s+/g, ' '))}`),
  ];
  return lines.join('\n');
}

/**
 * The request body for one notification: the generic JSON document, or a Slack-compatible
 * `{ text }` (which Mattermost, Rocket.Chat and Discord's `/slack` endpoint also accept).
 */
export function webhookBody(
  payload: NotificationPayload,
  format: WebhookFormat,
  publicUrl: string,
): GenericWebhookBody | { text: string } {
  const url = ticketUrl(publicUrl, payload.ticket.reference);
  if (format === 'slack') return { text: slackText(payload, url) };
  return {
    event: payload.event,
    ticket: { ...payload.ticket, url },
    customer: payload.customer,
    recentMessages: payload.recentMessages,
    occurredAt: payload.occurredAt,
  };
}
