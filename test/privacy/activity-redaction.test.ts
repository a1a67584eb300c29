import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { redactActivity } from '../../src/privacy/activity-redaction.ts';
import { LiveRedactor } from '../../src/privacy/live-redactor.ts';
import { Redactor } from '../../src/privacy/redactor.ts';
import { messageActivity, postJson } from '../helpers/activity.ts';
import { type Conversation, directLine, startConversation } from '../helpers/directline.ts';
import { randomLuhnCard } from '../helpers/luhn.ts';
import { onlyNockedOutsideServers } from '../helpers/outside-servers.ts';
import { makeTempDir, testConfig } from '../helpers/test-config.ts';

/** The secrets one case puts into an activity: unique per case, so a leak names its case. */
interface Secrets {
  readonly card: string;
  readonly card2: string;
  readonly email: string;
  readonly phone: string;
  readonly member: string;
}

function secrets(): Secrets {
  const tag = randomUUID().slice(0, 8);
  const six = String(Number.parseInt(tag.slice(0, 5), 16) % 1_000_000).padStart(6, '0');
  return {
    card: randomLuhnCard(),
    card2: randomLuhnCard().replace(/(\d{4})(?=\d)/g, '$1 '),
    email: `x.${tag}@example.com`,
    phone: `+44 20 7946 ${six.slice(0, 4)}`,
    member: `MEM-${six}`,
  };
}

/** The strings that must be gone: each secret, and a card's digits without its spaces. */
function clearStrings(s: Secrets): string[] {
  return [s.card, s.card2, s.card2.replace(/ /g, ''), s.email, s.phone, s.member];
}

type Shape = (s: Secrets) => Record<string, unknown>;

/**
 * Activity shapes a customer's client can send, with what each carries where; the counts are what
 * redaction must report on the record. Written here, not copied from a channel: nested form
 * values, arrays, attachment names, URLs, inline card content, channelData, entities, keys.
 */
const SHAPES: ReadonlyArray<[string, Shape, Record<string, number>]> = [
  [
    'a flat form submission in value',
    (s) => ({ text: '', value: { cardNumber: s.card, note: `call ${s.phone}` } }),
    { card: 1, phone: 1 },
  ],
  [
    'a nested form with an array of contacts',
    (s) => ({ value: { form: { payment: { number: s.card2 } }, contacts: [{ email: s.email }, { id: s.member }] } }),
    { card: 1, email: 1, 'member-id': 1 },
  ],
  [
    'an array value with a nested array',
    (s) => ({ value: [s.card, { x: [`ring ${s.phone}`] }] }),
    { card: 1, phone: 1 },
  ],
  ['a string value', (s) => ({ value: `my card ${s.card}` }), { card: 1 }],
  [
    'an attachment name and URL',
    (s) => ({
      attachments: [
        {
          contentType: 'image/png',
          contentUrl: `https://files.example.test/up?card=${s.card}`,
          name: `receipt ${s.card2}.png`,
        },
      ],
    }),
    { card: 2 },
  ],
  [
    'an Adaptive Card with text blocks and inputs',
    (s) => ({
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: `card on file ${s.card}` },
              { type: 'Input.Text', id: 'mail', value: s.email },
            ],
          },
        },
      ],
    }),
    { card: 1, email: 1 },
  ],
  [
    'a hero card whose buttons carry values',
    (s) => ({
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.hero',
          content: { title: 'me', text: s.member, buttons: [{ type: 'imBack', title: 'call', value: s.phone }] },
        },
      ],
    }),
    { 'member-id': 1, phone: 1 },
  ],
  [
    'free fields in channelData',
    (s) => ({ channelData: { clientActivityID: `c-${randomUUID()}`, note: s.card, postBack: { who: s.email } } }),
    { card: 1, email: 1 },
  ],
  ['text and value together', (s) => ({ text: `card ${s.card}`, value: { confirm: s.card2 } }), { card: 2 }],
  ['an entity with an address', (s) => ({ entities: [{ type: 'Place', address: `call ${s.phone}` }] }), { phone: 1 }],
  ['a typed key in a submitted form', (s) => ({ value: { [s.card]: true, [s.email]: 'yes' } }), { card: 1, email: 1 }],
  ['speak and summary', (s) => ({ text: 'hi', speak: s.card, summary: `mail ${s.email}` }), { card: 1, email: 1 }],
  ['an event with a value', (s) => ({ type: 'event', name: 'form/submitted', value: { card: s.card } }), { card: 1 }],
];

const redactor = new Redactor(
  ['card', 'email', 'phone'],
  [{ name: 'member-id', regex: /MEM-\d{6}/, replacement: '[member]' }],
);

describe('redactActivity', () => {
  it.each(SHAPES)('masks %s and counts it by type', (_what, shape, counts) => {
    const s = secrets();
    const activity = { type: 'message', id: 'a-1', ...shape(s) };
    const before = JSON.stringify(activity);
    const result = redactActivity(activity, redactor);
    const stored = JSON.stringify(result.activity);
    for (const clear of clearStrings(s)) expect(stored).not.toContain(clear);
    expect(result.counts).toEqual(counts);
    // The original is untouched (the turn reads the clear form).
    expect(JSON.stringify(activity)).toBe(before);
  });

  it('keeps ids, routing and the client activity id exactly, and returns the same object when nothing is masked', () => {
    const card = randomLuhnCard();
    const activity = {
      type: 'message',
      id: card,
      from: { id: card, name: 'Casey' },
      conversation: { id: card },
      replyToId: card,
      channelData: { clientActivityID: card, answerdesk: { boundUser: true } },
      text: 'nothing here',
    };
    const result = redactActivity(activity, redactor);
    expect(result.activity).toBe(activity);
    expect(result.counts).toEqual({});
  });
});

/**
 * Over the real app (SQLite or PostgreSQL, real HTTP): a customer posts each shape through Direct
 * Line, and another through Bot Framework's `/api/messages`; afterwards no table holds a clear
 * string, the stored Direct Line activity and the feedback record report the types, the stored
 * activity keeps its client activity id, and the log holds nothing either.
 */
describe('redaction at the door of every activity field', () => {
  onlyNockedOutsideServers();
  let app: App;
  let url: string;
  let cleanup: () => void;
  let conversation: Conversation;
  const logLines: string[] = [];

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = makeTempDir());
    const config = testConfig(dir, { LOG_LEVEL: 'debug' });
    const live = new LiveRedactor(config.redactionTypes);
    app = await createApp(config, createLogger('debug', { write: (line: string) => void logLines.push(line) }, live), {
      redactor: live,
    });
    url = `http://127.0.0.1:${(await app.start()).port}`;
    conversation = await startConversation(url, { id: 'fields-customer', name: '' });
  });
  afterAll(async () => {
    await app?.stop();
    cleanup?.();
  });

  /** Every row of every table, as one string. */
  async function wholeDatabase(): Promise<string> {
    const tables = await app.db.introspection.getTables();
    expect(tables.length).toBeGreaterThan(10);
    const dumps: string[] = [];
    for (const table of tables) {
      const rows = await app.db
        .selectFrom(table.name as 'messages')
        .selectAll()
        .execute();
      dumps.push(`${table.name}: ${JSON.stringify(rows)}`);
    }
    return dumps.join('\n');
  }

  async function feedbackRecord(activityId: string): Promise<{ redactions: string | null }> {
    let row: { redactions: string | null } | undefined;
    await expect
      .poll(
        async () =>
          (row = await app.db
            .selectFrom('messages')
            .select('redactions')
            .where('activity_id', '=', activityId)
            .executeTakeFirst()),
        { timeout: 10_000 },
      )
      .toBeDefined();
    return row as { redactions: string | null };
  }

  it.each(SHAPES)(
    'stores %s masked in the transcript, the feedback record and the log',
    async (_what, shape, counts) => {
      const s = secrets();
      const clientActivityID = `client-${randomUUID()}`;
      const body = shape(s);
      const channelData = { ...(body.channelData as object | undefined), clientActivityID };
      const res = await directLine(
        url,
        'POST',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
        {
          type: 'message',
          from: { id: 'fields-customer' },
          ...body,
          channelData,
        },
      );
      expect(res.status).toBe(200);
      const { id } = res.body as { id: string };
      const record = await feedbackRecord(id);
      expect(JSON.parse(record.redactions ?? '{}')).toEqual(counts);
      const stored = await app.db
        .selectFrom('directline_activity')
        .select(['activity', 'redactions'])
        .where('conversation_id', '=', conversation.conversationId)
        .where('client_activity_id', '=', clientActivityID)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.redactions ?? '{}')).toEqual(counts);
      expect(
        (JSON.parse(stored.activity) as { channelData: { clientActivityID: string } }).channelData.clientActivityID,
      ).toBe(clientActivityID);

      const everything = await wholeDatabase();
      const log = logLines.join('');
      for (const clear of clearStrings(s)) {
        expect(everything, `the database holds ${clear}`).not.toContain(clear);
        expect(log, `the log holds ${clear}`).not.toContain(clear);
      }
    },
  );

  it.each(SHAPES)('counts %s on the feedback record of a Bot Framework channel', async (_what, shape, counts) => {
    const s = secrets();
    const activity = messageActivity('', {
      deliveryMode: 'expectReplies',
      conversation: { id: `fields-api-${randomUUID()}` },
      ...shape(s),
    });
    const res = await postJson(`${url}/api/messages`, activity);
    expect(res.status).toBe(200);
    const record = await feedbackRecord(activity.id as string);
    expect(JSON.parse(record.redactions ?? '{}')).toEqual(counts);
    const everything = await wholeDatabase();
    for (const clear of clearStrings(s)) expect(everything, `the database holds ${clear}`).not.toContain(clear);
  });
});
