import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/insights/suggestion.ts';
import { type ActivitySet, directLine, startConversation } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';

interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; problems?: string[] } };
}

/**
 * The admin API over real HTTP on the real app (real SQLite, the real bot behind Direct Line) and
 * a private copy of the fixture knowledge, which the accepts write into.
 */
// Each accept validates the folder in a worker and waits for the retrained matcher: seconds on a busy machine.
describe('admin API /api/admin', { timeout: 90_000 }, () => {
  let server: RunningApp;
  let knowledgeDir: string;
  let adminToken: string;
  let adminId: number;
  let agentToken: string;

  async function api(method: string, url: string, token: string | undefined, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/admin${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiResponse['body'] };
  }
  const admin = (method: string, url: string, body?: unknown) => api(method, url, adminToken, body);

  /** Asks `text` in a new widget conversation; the entry it was answered from (null when not answered) and the reply. */
  async function ask(text: string): Promise<{ entryId: string | null; reply: string }> {
    const conversation = await startConversation(server.url);
    const path = `/conversations/${conversation.conversationId}/activities`;
    const posted = await directLine(server.url, 'POST', path, conversation.token, { type: 'message', text });
    expect(posted.status).toBe(200);
    const { activities } = (await directLine(server.url, 'GET', path, conversation.token)).body as ActivitySet;
    const asked = activities.findIndex((a) => a.text === text);
    const reply = activities
      .slice(asked + 1)
      .map((a) => a.text ?? '')
      .join('\n');
    const record = await server.app.db
      .selectFrom('messages')
      .select('answered_entry_id')
      .where('conversation_id', '=', conversation.conversationId)
      .where('direction', '=', 'inbound')
      .where('text', '=', text)
      .executeTakeFirstOrThrow();
    return { entryId: record.answered_entry_id, reply };
  }

  async function suggestions(): Promise<Suggestion[]> {
    const res = await admin('GET', '/suggestions');
    expect(res.status).toBe(200);
    return res.body.suggestions as Suggestion[];
  }

  /** The suggestion holding `text` among its phrasings, after the message was asked. */
  async function suggestionWith(text: string): Promise<Suggestion> {
    const found = (await suggestions()).find((s) => s.phrasings.some((p) => p.text === text));
    if (found === undefined) throw new Error(`no suggestion holds "${text}"`);
    return found;
  }

  /**
   * Questions the fixture knowledge cannot answer, each asked once before any test writes: a later
   * accept teaches the bot words that would make some of them answered.
   */
  const MISSES = [
    'quokka shipment astrology chart',
    'zebra parcel telepathy refund',
    'wombat courier timetable for my box',
    'do you sell platypus gift vouchers',
    'recommend a hairdresser for my llama',
    'flibbertigibbet quasar voucher',
    'narwhal gorgonzola sonnet',
    'capybara trombone nebula',
    'axolotl hologram marmalade',
    'pelican marzipan kaleidoscope',
    'pelican marzipan zeppelin',
  ];

  /** The suggestion holding one of {@link MISSES}. */
  const miss = (text: string): Promise<Suggestion> => suggestionWith(text);

  const read = (name: string) => readFile(path.join(knowledgeDir, name), 'utf8');
  /** Every FAQ file's name and text. */
  async function snapshot(): Promise<Record<string, string>> {
    const names = await readdir(path.join(knowledgeDir, 'faq'));
    return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(`faq/${name}`)])));
  }

  beforeAll(async () => {
    knowledgeDir = await mkdtemp(path.join(os.tmpdir(), 'answerdesk-admin-kb-'));
    await cp(FIXTURE_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
    server = await startApp({ KNOWLEDGE_DIR: knowledgeDir });
    const created = await server.app.agents.create({ name: 'Ari', role: 'admin' });
    adminToken = created.token;
    adminId = created.agent.id;
    agentToken = (await server.app.agents.create({ name: 'Dana', email: 'dana@example.com' })).token;
    for (const text of MISSES) expect((await ask(text)).entryId, text).toBeNull();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(knowledgeDir, { recursive: true, force: true });
  });

  describe('authentication', () => {
    it.each([
      ['GET', '/suggestions'],
      ['POST', '/suggestions/g1/accept'],
      ['POST', '/suggestions/g1/dismiss'],
      ['GET', '/knowledge-changes'],
    ])('%s %s answers 401 without a token and 403 to an agent', async (method, url) => {
      const body = method === 'POST' ? { outOfScope: true } : undefined;
      expect((await api(method, url, undefined, body)).status).toBe(401);
      const asAgent = await api(method, url, agentToken, body);
      expect(asAgent.status).toBe(403);
      expect(asAgent.body.error?.message).toMatch(/admin role/);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['no destination', {}, /entryId \(an existing entry\), newEntry/],
      ['two destinations', { entryId: 'track-order', outOfScope: true }, /entryId, outOfScope: give only one/],
      ['entryId not a string', { entryId: 7 }, /^entryId: must be a string/],
      ['an empty entryId', { entryId: '  ' }, /^entryId: must not be empty/],
      ['outOfScope false', { outOfScope: false }, /^outOfScope: must be true/],
      ['newEntry without answer', { newEntry: { id: 'x', title: 'X' } }, /^newEntry\.answer: required/],
      [
        'newEntry with an unknown field',
        { newEntry: { id: 'x', title: 'X', answer: 'A', tags: [] } },
        /^newEntry\.tags: unknown field/,
      ],
      ['an unknown field', { entryId: 'track-order', note: 'hi' }, /^note: unknown field/],
      ['phrasings not a list', { entryId: 'track-order', phrasings: 'where' }, /^phrasings: must be a list/],
      ['an empty phrasings list', { entryId: 'track-order', phrasings: [] }, /^phrasings: must name at least one/],
      ['a blank phrasing', { entryId: 'track-order', phrasings: ['ok', ' '] }, /^phrasings\[1\]: must not be empty/],
      ['a body that is a list', [1], /must be a JSON object/],
    ])('an accept with %s is 400 naming the field', async (_what, body, message) => {
      const res = await admin('POST', '/suggestions/g0/accept', body);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toMatch(message);
    });

    it.each(['0', '501', 'ten', '1.5'])('GET /knowledge-changes?limit=%s is 400 naming limit', async (limit) => {
      const res = await admin('GET', `/knowledge-changes?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(`limit: must be a whole number from 1 to 500 (got "${limit}")`);
    });

    it.each(['', '%20', '%205%20'])(
      'GET /knowledge-changes?limit=%s: blank is the default, spaces are trimmed',
      async (limit) => {
        expect((await admin('GET', `/knowledge-changes?limit=${limit}`)).status).toBe(200);
      },
    );

    it('answers 404 naming an unknown suggestion, for accept and dismiss', async () => {
      for (const action of ['accept', 'dismiss']) {
        const res = await admin(
          'POST',
          `/suggestions/gnothere/${action}`,
          action === 'accept' ? { outOfScope: true } : undefined,
        );
        expect(res.status).toBe(404);
        expect(res.body.error?.message).toContain('"gnothere"');
      }
    });

    it("answers 400 naming a phrasing that is not the suggestion's, and 404 naming an unknown entry", async () => {
      const suggestion = await miss('quokka shipment astrology chart');
      const foreign = await admin('POST', `/suggestions/${suggestion.id}/accept`, {
        entryId: 'track-order',
        phrasings: ['quokka shipment astrology chart', 'something else entirely'],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error?.message).toMatch(
        /^phrasings\[1\]: "something else entirely" is not a phrasing of suggestion/,
      );
      const unknown = await admin('POST', `/suggestions/${suggestion.id}/accept`, { entryId: 'track-ordr' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({ code: 'entry_not_found', entryId: 'track-ordr' });
      expect(unknown.body.error?.message).toContain('did you mean "track-order"?');
      await admin('POST', `/suggestions/${suggestion.id}/dismiss`);
    });
  });

  it("lists suggestions in the issue's shape, largest first", async () => {
    await miss('zebra parcel telepathy refund');
    const list = await suggestions();
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) {
      expect(s).toMatchObject({
        id: expect.any(String),
        action: expect.stringMatching(/^(add-phrasings|new-entry|out-of-scope)$/),
        count: expect.any(Number),
        reasons: expect.any(Array),
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
      });
      expect(s.entryId === null || typeof s.entryId === 'string').toBe(true);
      for (const p of s.phrasings) expect(p).toEqual({ text: expect.any(String), count: expect.any(Number) });
    }
    expect(list.map((s) => s.count)).toEqual([...list.map((s) => s.count)].sort((a, b) => b - a));
  });

  it('accepts into an existing entry: the file and line are answered, and the same question is then answered from that entry', async () => {
    const text = 'wombat courier timetable for my box';
    const suggestion = await miss(text);
    const before = await read('faq/orders.yaml');

    const res = await admin('POST', `/suggestions/${suggestion.id}/accept`, {
      entryId: 'order-delayed',
      phrasings: [text],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      file: expect.stringMatching(/faq\/orders\.yaml$/),
      entryId: 'order-delayed',
      added: [text],
      knowledge: { reloaded: true },
    });
    const after = await read('faq/orders.yaml');
    expect(after.split('\n')[(res.body.line as number) - 1]).toBe(`      - ${text}`);
    expect(after.replace(`      - ${text}\n`, '')).toBe(before);

    const answered = await ask(text);
    expect(answered, answered.reply).toMatchObject({ entryId: 'order-delayed' });
    expect((await suggestions()).some((s) => s.phrasings.some((p) => p.text === text))).toBe(false);
    const changes = await admin('GET', '/knowledge-changes');
    expect((changes.body.changes as unknown[])[0]).toMatchObject({
      actorAgentId: adminId,
      file: res.body.file,
      line: res.body.line,
      kind: 'add-phrasings',
      entryId: 'order-delayed',
      phrasings: [text],
      suggestionId: suggestion.id,
    });
  });

  it('creates a new entry that then answers the question', async () => {
    const text = 'do you sell platypus gift vouchers';
    const suggestion = await miss(text);
    const res = await admin('POST', `/suggestions/${suggestion.id}/accept`, {
      newEntry: { id: 'gift-vouchers', title: 'Gift vouchers', answer: 'Platypus vouchers are sold at the till.' },
      phrasings: [text],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entryId: 'gift-vouchers', added: [text] });
    const asked = await ask(text);
    expect(asked.entryId).toBe('gift-vouchers');
    expect(asked.reply).toContain('Platypus vouchers are sold at the till.');
  });

  it('marks phrasings out of scope in out-of-scope.yaml, and dismissing hides a suggestion', async () => {
    const outside = await miss('recommend a hairdresser for my llama');
    const res = await admin('POST', `/suggestions/${outside.id}/accept`, {
      outOfScope: true,
      phrasings: ['recommend a hairdresser for my llama'],
    });
    expect(res.status).toBe(200);
    expect(res.body.file).toMatch(/out-of-scope\.yaml$/);
    expect(await read('out-of-scope.yaml')).toContain('  - recommend a hairdresser for my llama\n');

    const text = 'flibbertigibbet quasar voucher';
    const dismissed = await miss(text);
    const dismiss = await admin('POST', `/suggestions/${dismissed.id}/dismiss`, { phrasings: [text] });
    expect(dismiss).toMatchObject({ status: 200, body: { dismissed: [text] } });
    expect((await suggestions()).some((s) => s.phrasings.some((p) => p.text === text))).toBe(false);
  });

  it('loses nothing when two accepts into the same file run at once', async () => {
    const texts = ['narwhal gorgonzola sonnet', 'capybara trombone nebula'];
    const found: Suggestion[] = [];
    for (const text of texts) found.push(await miss(text));
    const results = await Promise.all(
      texts.map((text, i) =>
        admin('POST', `/suggestions/${found[i]?.id}/accept`, { entryId: 'order-delayed', phrasings: [text] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const orders = await read('faq/orders.yaml');
    for (const text of texts) expect(orders).toContain(`      - ${text}\n`);
  });

  it('answers 409 for a file edited behind the server, leaving the edit as it is', async () => {
    const text = 'axolotl hologram marmalade';
    const suggestion = await miss(text);
    const edited = `${await read('faq/orders.yaml')}# an editor's note, not loaded yet\n`;
    await writeFile(path.join(knowledgeDir, 'faq/orders.yaml'), edited);
    const res = await admin('POST', `/suggestions/${suggestion.id}/accept`, {
      entryId: 'order-delayed',
      phrasings: [text],
    });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/faq\/orders\.yaml changed on disk since the server loaded it/);
    expect(await read('faq/orders.yaml')).toBe(edited);
    await server.app.knowledge.reload();
    const retried = await admin('POST', `/suggestions/${suggestion.id}/accept`, {
      entryId: 'order-delayed',
      phrasings: [text],
    });
    expect(retried.status).toBe(200);
  });

  it.each([
    [
      'an id another entry has',
      'pelican marzipan kaleidoscope',
      { id: 'track-order', title: 'Copy', answer: 'A copy.' },
      /the id "track-order" is used by more than one entry/,
    ],
    [
      'an id the schema rejects',
      'pelican marzipan zeppelin',
      { id: 'Gift Ideas', title: 'Gift ideas', answer: 'Ideas.' },
      /entries\[\d+\]\.id: must be lowercase letters/,
    ],
  ])('refuses a new entry with %s (400 with file:line), writing nothing', async (_what, text, newEntry, problem) => {
    const suggestion = await miss(text);
    const before = await snapshot();
    const res = await admin('POST', `/suggestions/${suggestion.id}/accept`, { newEntry, phrasings: [text] });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('knowledge_invalid');
    expect(res.body.error?.problems?.join('\n')).toMatch(problem);
    expect(res.body.error?.problems?.join('\n')).toMatch(/\.yaml:\d+:\d+: /);
    expect(await snapshot()).toEqual(before);
  });
});
