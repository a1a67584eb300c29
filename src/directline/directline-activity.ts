/** A participant in a Direct Line conversation, as Bot Framework activities name it. */
export interface ChannelAccount {
  readonly id: string;
  readonly name?: string;
  readonly role?: 'user' | 'bot';
}

/**
 * An activity as it is stored in a transcript and sent to clients: a Bot Framework activity with
 * the fields Direct Line guarantees (`id`, `type`, `timestamp`, `channelId`, `conversation`,
 * `from`). Everything else the client or the bot sent is kept as it came.
 */
export interface DirectLineActivity {
  readonly type: string;
  readonly id: string;
  readonly timestamp: string;
  readonly channelId: typeof DIRECT_LINE_CHANNEL_ID;
  readonly conversation: { readonly id: string };
  readonly from: ChannelAccount;
  readonly recipient?: ChannelAccount;
  readonly text?: string;
  readonly replyToId?: string;
  readonly channelData?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** What a poll or a stream frame carries: activities after a watermark, and the new watermark. */
export interface ActivitySet {
  readonly activities: readonly DirectLineActivity[];
  readonly watermark: string;
}

/** The `channelId` of every activity on this channel, as on Azure's Direct Line. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

/** Activity ids look like Azure's: `<conversationId>|<seq zero-padded to 7>`. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The seq in an id made by {@link activityId}; `undefined` when `id` is not one. */
export function seqOfActivityId(id: string): number | undefined {
  const match = /\|(\d{7,})$/.exec(id);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Parses a `watermark` query value: absent or empty = 0 (from the start); `undefined` = not a watermark. */
export function parseWatermark(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}
