import { randomBytes } from 'node:crypto';
import { redactActivity } from '../privacy/activity-redaction.ts';
import { NO_REDACTION, type RedactionCounts, redactionsColumn, type TextRedactor } from '../privacy/redaction.ts';
import { rewriteQuotes } from './activity-quotes.ts';
import type { ClientActivity } from './client-activity.ts';
import type { AppendOptions, DirectLineRepository } from './directline.repository.ts';
import {
  type ActivitySet,
  activityId,
  type ChannelAccount,
  DIRECT_LINE_CHANNEL_ID,
  type DirectLineActivity,
  seqOfActivityId,
} from './directline-activity.ts';
import type { DirectLineTokens, IssuedToken, TokenClaims } from './directline-tokens.ts';
import type { TokenUser } from './token-request.ts';
import type { TranscriptEvents } from './transcript-events.ts';
import { withUserBinding } from './user-binding.ts';

/** Most activities one poll or stream frame carries; a client with more to catch up asks again. */
export const MAX_ACTIVITIES_PER_SET = 500;

/** A new conversation and the token scoped to it. */
export interface CreatedConversation extends IssuedToken {
  readonly conversationId: string;
}

/** The outcome of checking a token against the conversation a request names. */
export type AccessCheck =
  | { readonly kind: 'ok'; readonly claims: TokenClaims; readonly expiresAt: number }
  | { readonly kind: 'unauthorized'; readonly message: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not-found' };

export type StartResult =
  | { readonly kind: 'started'; readonly conversationUpdate: DirectLineActivity }
  | { readonly kind: 'already-started' }
  | { readonly kind: 'not-found' };

export type BotPostResult = { readonly kind: 'ok'; readonly id: string } | { readonly kind: 'not-found' };

/**
 * A client's post: newly stored (the bot owes it a turn), or a retry of one already stored (with
 * whether its turn has finished), or for a conversation that is gone.
 */
export type UserPostResult =
  | { readonly kind: 'stored'; readonly activity: DirectLineActivity }
  | { readonly kind: 'duplicate'; readonly activity: DirectLineActivity; readonly turnDone: boolean }
  | { readonly kind: 'not-found' };

/** A turn the bot owes: the greeting of a started conversation, or a stored customer activity. */
export type OwedTurn = { readonly kind: 'start' | 'activity'; readonly activity: DirectLineActivity };

/** Most owed activity turns {@link DirectLineService.owedTurns} returns at once. */
const OWED_TURNS_PER_BATCH = 500;

/**
 * Direct Line 3.0 without express or botbuilder: conversations, scoped tokens, and transcripts
 * in which every activity gets an Azure-style id (`<conversationId>|0000042`) and its seq as the
 * watermark. Every append notifies {@link TranscriptEvents} once it is committed.
 */
export class DirectLineService {
  constructor(
    private readonly repository: DirectLineRepository,
    private readonly tokens: DirectLineTokens,
    private readonly events: TranscriptEvents,
    private readonly bot: ChannelAccount,
    private readonly now: () => Date = () => new Date(),
    /** Masks personal data in what customers and agents post before it is stored (issue 18). */
    private readonly redactor: TextRedactor = NO_REDACTION,
  ) {}

  async createConversation(user: TokenUser): Promise<CreatedConversation> {
    const conversationId = randomBytes(16).toString('base64url');
    await this.repository.createConversation(conversationId, user.id, user.name, user.bound, this.now().toISOString());
    const base = { conversationId, userId: user.id, boundUser: user.bound };
    const claims: TokenClaims = user.name === undefined ? base : { ...base, userName: user.name };
    return { conversationId, ...this.tokens.issue(claims) };
  }

  /**
   * Checks a bearer token (possibly absent) for a request about `conversationId` (or, when
   * omitted, about the token's own conversation): 401 problems first, then 403, then 404.
   */
  async authorize(token: string | undefined, conversationId?: string): Promise<AccessCheck> {
    if (token === undefined || token === '')
      return { kind: 'unauthorized', message: 'A Direct Line token is required (Authorization: Bearer <token>).' };
    const check = this.tokens.verify(token, 'conversation');
    if (check.kind === 'expired')
      return { kind: 'unauthorized', message: 'The Direct Line token has expired; generate a new one.' };
    if (check.kind === 'invalid') return { kind: 'unauthorized', message: 'The Direct Line token is not valid.' };
    if (conversationId !== undefined && conversationId !== check.claims.conversationId) return { kind: 'forbidden' };
    const conversation = await this.repository.findConversation(check.claims.conversationId);
    if (conversation === undefined) return { kind: 'not-found' };
    return { kind: 'ok', claims: check.claims, expiresAt: check.expiresAt };
  }

  /** Checks a `streamUrl` token; the stream is always for the token's own conversation. */
  async authorizeStream(token: string | undefined, conversationId: string): Promise<AccessCheck> {
    if (token === undefined || token === '')
      return { kind: 'unauthorized', message: 'The stream URL has no token (t=…).' };
    const check = this.tokens.verify(token, 'stream');
    if (check.kind !== 'valid')
      return {
        kind: 'unauthorized',
        message: 'The stream token is expired or not valid; reconnect to get a new streamUrl.',
      };
    if (conversationId !== check.claims.conversationId) return { kind: 'forbidden' };
    if ((await this.repository.findConversation(conversationId)) === undefined) return { kind: 'not-found' };
    return { kind: 'ok', claims: check.claims, expiresAt: check.expiresAt };
  }

  /** A new conversation token for the same conversation and user, with a new expiry. */
  refresh(claims: TokenClaims): IssuedToken {
    return this.tokens.issue(claims);
  }

  /** A short-lived token for the `t` parameter of a `streamUrl`. */
  streamToken(claims: TokenClaims): IssuedToken {
    return this.tokens.issue(claims, 'stream');
  }

  /**
   * Starts the conversation once: the first call returns the `conversationUpdate` (bot and user
   * joined) to run through the bot; later calls (a reload, a second tab) return `already-started`.
   */
  async start(claims: TokenClaims): Promise<StartResult> {
    const at = this.now().toISOString();
    const conversation = await this.repository.findConversation(claims.conversationId);
    if (conversation === undefined) return { kind: 'not-found' };
    if (!(await this.repository.markStarted(claims.conversationId, at))) return { kind: 'already-started' };
    return {
      kind: 'started',
      conversationUpdate: this.conversationUpdate(
        claims.conversationId,
        this.userAccount(claims),
        at,
        claims.boundUser,
      ),
    };
  }

  /**
   * The turns the bot owes, oldest first within each conversation: greetings of conversations
   * whose start turn never finished, then stored customer activities without a finished turn
   * (at most {@link OWED_TURNS_PER_BATCH}; ask again after running them).
   */
  async owedTurns(): Promise<OwedTurn[]> {
    const starts = (await this.repository.owedStartTurns()).map((row): OwedTurn => {
      const user: ChannelAccount =
        row.user_name === null
          ? { id: row.user_id, role: 'user' }
          : { id: row.user_id, name: row.user_name, role: 'user' };
      return {
        kind: 'start',
        activity: this.conversationUpdate(row.id, user, row.started_at ?? row.created_at, row.user_bound === 1),
      };
    });
    const activities = (await this.repository.owedTurns(OWED_TURNS_PER_BATCH)).map(
      (row): OwedTurn => ({ kind: 'activity', activity: JSON.parse(row.activity) as DirectLineActivity }),
    );
    return [...starts, ...activities];
  }

  /** Records that the bot's turn for `turn` finished, so no restart runs it again. */
  async turnDone(turn: OwedTurn): Promise<void> {
    const at = this.now().toISOString();
    const { conversation, id } = turn.activity;
    if (turn.kind === 'start') return this.repository.markStartTurnDone(conversation.id, at);
    const seq = seqOfActivityId(id);
    if (seq === undefined) throw new Error(`"${id}" is not a Direct Line activity id of this server`);
    await this.repository.markTurnDone(conversation.id, seq, at);
  }

  /**
   * Whether the transcript already shows the bot's answer to `turn`: a bot activity replying to
   * the customer's activity, or, for a greeting, anything at all in the transcript (botbuilder
   * sends the greeting on Direct Line without a `replyToId`, and it is always the first entry).
   */
  async hasReply(turn: OwedTurn): Promise<boolean> {
    const conversationId = turn.activity.conversation.id;
    if (turn.kind === 'activity') return this.repository.hasReplyTo(conversationId, turn.activity.id);
    const conversation = await this.repository.findConversation(conversationId);
    return conversation !== undefined && conversation.last_seq > 0;
  }

  /**
   * Stores a client's activity as the token's user and returns it as the bot sees it. A post
   * repeating a stored one's client activity id stores nothing and returns the stored one.
   * `channelData.answerdesk` is the server's: it says whether the token's user is bound, whatever
   * the client sent there.
   *
   * Everything in it that can carry words (text, value, attachments, channelData…, see
   * `redactActivity`) is redacted before it is stored (so clients, including the poster's own echo,
   * only ever see the masked form) with the counts in `redactions`; the returned `stored` activity
   * keeps the clear form for this turn only (the handoff's email prompt reads it), and a turn run
   * again after a restart reads the masked one.
   */
  async postFromUser(claims: TokenClaims, client: ClientActivity): Promise<UserPostResult> {
    const redaction = redactActivity(client.fields, this.redactor);
    const name = claims.userName ?? client.fromName;
    const from: ChannelAccount = { ...this.userAccount(claims), ...(name === undefined ? {} : { name }) };
    const compose =
      (fields: Readonly<Record<string, unknown>>) =>
      (id: string, timestamp: string): DirectLineActivity => ({
        ...fields,
        type: client.type,
        id,
        timestamp,
        channelId: DIRECT_LINE_CHANNEL_ID,
        conversation: { id: claims.conversationId },
        from,
        recipient: this.bot,
        channelData: withUserBinding(fields.channelData, claims.boundUser),
      });
    const result = await this.append(
      claims.conversationId,
      compose(client.fields),
      {
        turnOwed: true,
        clientActivityId: client.clientActivityId,
        redactions: redactionsColumn(redaction.counts),
      },
      redaction.activity === client.fields
        ? undefined
        : (activity) => compose(redaction.activity)(activity.id, activity.timestamp),
    );
    switch (result.kind) {
      case 'appended':
        return { kind: 'stored', activity: result.activity };
      case 'duplicate':
        return { kind: 'duplicate', activity: result.activity, turnDone: result.turnDone };
      case 'not-found':
        return result;
    }
  }

  /**
   * Stores an activity the bot sent through the Connector API. Connector-only fields (the
   * internal `serviceUrl`, `callerId`) never reach the transcript.
   */
  async postFromBot(
    conversationId: string,
    body: Readonly<Record<string, unknown>>,
    replyToId: string | undefined,
  ): Promise<BotPostResult> {
    const { serviceUrl: _serviceUrl, callerId: _callerId, id: _id, timestamp: _timestamp, ...fields } = body;
    const from = isAccount(body.from) ? { ...body.from, role: 'bot' as const } : this.bot;
    const reply = replyToId ?? (typeof body.replyToId === 'string' ? body.replyToId : undefined);
    // An agent's words are people's free text too; the bot's own (FAQ answers that may well hold
    // the company's phone number) are the admins' and stay as written. What the bot quotes of the
    // customer (the handoff's transcript) comes from the stored, already masked records.
    const redaction = isAgentActivity(body) ? redactActivity(fields, this.redactor) : undefined;
    const compose =
      (kept: Readonly<Record<string, unknown>>) =>
      (id: string, timestamp: string): DirectLineActivity => ({
        ...kept,
        type: typeof body.type === 'string' ? body.type : 'message',
        id,
        timestamp,
        channelId: DIRECT_LINE_CHANNEL_ID,
        conversation: { id: conversationId },
        from,
        ...(reply === undefined ? {} : { replyToId: reply }),
      });
    const stored = await this.append(
      conversationId,
      compose(fields),
      { turnOwed: false, replyToId: reply, redactions: redactionsColumn(redaction?.counts ?? {}) },
      redaction === undefined || redaction.activity === fields
        ? undefined
        : (activity) => compose(redaction.activity)(activity.id, activity.timestamp),
    );
    return stored.kind === 'appended' ? { kind: 'ok', id: stored.activity.id } : { kind: 'not-found' };
  }

  /**
   * Replaces the text of a stored activity of this server (an agent redacting a message after the
   * fact) in every copy of the transcript, and sends the rewritten activity to open clients under
   * its own id, which Web Chat takes as an update of the message it shows; a client that was
   * closed sees the new text on its next load. `rewrite` gets the stored text and returns the new
   * one with the activity's redaction counts (given the stored ones) updated; it is also applied
   * to the `text` of this activity's quotes in later activities (the handoff event's transcript
   * holds copies under the same `id`), never to other activities' words, however alike.
   * Returns false when the activity is unknown or its text did not change.
   */
  async rewriteText(
    id: string,
    rewrite: (text: string, counts: RedactionCounts) => { text: string; counts: RedactionCounts },
  ): Promise<boolean> {
    const seq = seqOfActivityId(id);
    const conversationId = seq === undefined ? undefined : id.slice(0, id.lastIndexOf('|'));
    if (seq === undefined || conversationId === undefined) return false;
    const changed = await this.repository.rewriteActivity(
      conversationId,
      id,
      seq,
      (json, redactions) => {
        const activity = JSON.parse(json) as DirectLineActivity & { text?: unknown };
        if (typeof activity.text !== 'string') return undefined;
        const next = rewrite(activity.text, redactions === null ? {} : (JSON.parse(redactions) as RedactionCounts));
        if (next.text === activity.text) return undefined;
        return {
          activity: JSON.stringify({ ...activity, text: next.text }),
          redactions: redactionsColumn(next.counts),
        };
      },
      (json) => {
        const quoted = rewriteQuotes(JSON.parse(json), id, (text) => rewrite(text, {}).text);
        return quoted.changed ? JSON.stringify(quoted.value) : json;
      },
      this.now().toISOString(),
    );
    // Inside a caller's transaction (an agent's redaction), streams hear of it once it is committed.
    if (changed) this.repository.afterCommit(() => this.events.notify(conversationId));
    return changed;
  }

  /** Activities after `watermark` (0 = from the start) and the watermark to ask with next. */
  async activitiesAfter(conversationId: string, watermark: number): Promise<ActivitySet> {
    const rows = await this.repository.activitiesAfter(conversationId, watermark, MAX_ACTIVITIES_PER_SET);
    const last = rows.at(-1);
    return {
      activities: rows.map((row) => JSON.parse(row.activity) as DirectLineActivity),
      watermark: String(last === undefined ? watermark : last.seq),
    };
  }

  private userAccount(claims: TokenClaims): ChannelAccount {
    return claims.userName === undefined
      ? { id: claims.userId, role: 'user' }
      : { id: claims.userId, name: claims.userName, role: 'user' };
  }

  /** The `conversationUpdate` (bot and user joined) that the greeting turn runs; its id is seq 0. */
  private conversationUpdate(
    conversationId: string,
    user: ChannelAccount,
    at: string,
    boundUser: boolean,
  ): DirectLineActivity {
    return {
      type: 'conversationUpdate',
      id: activityId(conversationId, 0),
      timestamp: at,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversationId },
      from: user,
      recipient: this.bot,
      membersAdded: [this.bot, user],
      channelData: withUserBinding(undefined, boundUser),
    };
  }

  private async append(
    conversationId: string,
    build: (id: string, timestamp: string) => DirectLineActivity,
    options: AppendOptions,
    /** What is stored, when it differs from what is returned (the redacted copy). */
    storedForm?: (activity: DirectLineActivity) => DirectLineActivity,
  ): Promise<
    | { kind: 'appended'; activity: DirectLineActivity }
    | { kind: 'duplicate'; activity: DirectLineActivity; turnDone: boolean }
    | { kind: 'not-found' }
  > {
    const timestamp = this.now().toISOString();
    let activity: DirectLineActivity | undefined;
    const result = await this.repository.append(
      conversationId,
      (next) => {
        activity = build(activityId(conversationId, next), timestamp);
        return JSON.stringify(storedForm === undefined ? activity : storedForm(activity));
      },
      timestamp,
      options,
    );
    switch (result.kind) {
      case 'not-found':
        return result;
      case 'duplicate':
        return {
          kind: 'duplicate',
          activity: JSON.parse(result.activity) as DirectLineActivity,
          turnDone: result.turnDone,
        };
      case 'appended':
        if (activity === undefined) throw new Error('append stored a row without building its activity');
        // Inside a turn's transaction, streams hear of the reply once it is committed.
        this.repository.afterCommit(() => this.events.notify(conversationId));
        return { kind: 'appended', activity };
    }
  }
}

/** Whether the bot is relaying an agent's message (`LiveChat` marks them `channelData.answerdesk.author`). */
function isAgentActivity(body: Readonly<Record<string, unknown>>): boolean {
  const channelData = body.channelData as { answerdesk?: { author?: unknown } } | undefined;
  return typeof channelData === 'object' && channelData !== null && channelData.answerdesk?.author === 'agent';
}

function isAccount(value: unknown): value is ChannelAccount {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
