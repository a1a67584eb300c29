/** The webhook bodies we can send. */
export const WEBHOOK_FORMATS = ['generic', 'slack'] as const;
/** `generic`: our JSON document; `slack`: a Slack-compatible `{ text }` incoming-webhook body. */
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Delivery of new-ticket notifications to the agents' chat tool. */
export interface WebhookConfig {
  /** Empty = webhooks are off (notifications stay pending in the outbox). */
  readonly url: string;
  readonly format: WebhookFormat;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** First retry delay; each further retry doubles it (plus jitter). */
  readonly backoffBaseMs: number;
  /** How often the outbox is checked for work other processes queued. */
  readonly pollIntervalMs: number;
}
