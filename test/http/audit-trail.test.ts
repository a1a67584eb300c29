import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/insights/suggestion.ts';
import { directLine, postActivity, startConversation } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';

interface EventJson {
  id: number;
  at: string;
  actor: { kind: string; agentId: number | null; name: string };
  action: string;
  target: { type: string; id: string } | null;
  address: string | null;
  detail: Record<string, unknown>;
}

/** Texts a person typed during the test: none of them may reach the audit trail. */
const TYPED = {
  note: 'Internal note: customer 4111 1111 1111 1111 sounded upset',
  reply: 'Hello from Jane, your parcel ships tomorrow to 12 Elm Street',
  miss: 'quokka shipment astrology chart',
  outOfScope: 'recommend a hairdresser for my llama',
};

/**
 * The audit trail over the real app: real HTTP, the real Direct Line handoff, a real SQLite file
 * and a private copy of the fixture knowledge (an accept writes into it). Every agent and admin
 * action appears with its actor, target and the request's address; admins read it; nothing edits it.
 */
describe('audit trail', { timeout: 120_000 }, () => {
  let server: RunningApp;
  let knowledgeDir: string;
  let agent: { id: number; token: string };
  let other: { id: number; token: string };
  let admin: { id: number; token: string };

  async function call(method: string, url: string, token: string | undefined, body?: unknown) {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
    };
  }

  async function events(query = ''): Promise<EventJson[]> {
    const res = await call('GET', `/api/admin/audit?limit=1000${query}`, admin.token);
    expect(res.status).toBe(200);
    return res.body.events as EventJson[];
  }

  async function ask(text: string): Promise<void> {
    const conversation = await startConversation(server.url);
    const path = `/conversations/${conversation.conversationId}/activities`;
    expect((await directLine(server.url, 'POST', path, conversation.token, { type: 'message', text })).status).toBe(
      200,
    );
  }

  beforeAll(async () => {
    knowledgeDir = await mkdtemp(path.join(os.tmpdir(), 'answerdesk-audit-kb-'));
    await cp(FIXTURE_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
    server = await startApp({ KNOWLEDGE_DIR: knowledgeDir, HANDOFF_TIMEOUT_SECONDS: '3600' });
    const create = async (name: string, role: 'agent' | 'admin') => {
      const created = await server.app.agents.create({ name, role });
      return { id: created.agent.id, token: created.token };
    };
    agent = await create('Jane Agent', 'agent');
    other = await create('Omar Agent', 'agent');
    admin = await create('Ada Admin', 'admin');
    // A live handoff: T-1001, its customer waiting for a person.
    const customer = await startConversation(server.url);
    for (const text of ['talk to a human', 'skip', 'skip']) {
      const res = await postActivity(server.url, customer, { type: 'message', text });
      expect(res.status).toBe(200);
    }
    await ask(TYPED.miss);
    await ask(TYPED.outOfScope);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('records every agent action on a ticket with the actor, the ticket and the address, and no text', async () => {
    const me = (query: string) => call('GET', `/api/agent/me${query}`, agent.token);
    expect((await me('?signIn=1')).status).toBe(200);
    expect((await me('')).status).toBe(200); // a tab resuming its session: not a new sign-in
    const read = () => call('GET', '/api/agent/tickets/T-1001', agent.token);
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200); // the console's poll of an open ticket: one reading
    let version = ((await read()).body.ticket as { version: number }).version;
    const patch = async (changes: Record<string, unknown>) => {
      const res = await call('PATCH', '/api/agent/tickets/t-1001', agent.token, { version, ...changes });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = (res.body as { version: number }).version;
    };
    await patch({ assignee: 'me' });
    expect((await call('POST', '/api/agent/tickets/T-1001/replies', agent.token, { text: TYPED.reply })).status).toBe(
      201,
    );
    expect((await call('POST', '/api/agent/tickets/T-1001/notes', agent.token, { text: TYPED.note })).status).toBe(201);
    await patch({ priority: 'urgent' });
    await patch({ status: 'solved' });
    await patch({ status: 'open' });
    await patch({ assignee: other.id });
    expect((await call('POST', '/api/agent/tickets/T-9999/notes', agent.token, { text: 'x' })).status).toBe(404);

    const mine = (await events(`&actor=${agent.id}`)).reverse();
    expect(mine.map((e) => [e.action, e.detail])).toEqual([
      ['auth.sign-in', {}],
      ['ticket.read', {}],
      ['ticket.claim', { assigneeId: agent.id }],
      ['ticket.reply', { recorded: true }],
      ['ticket.note', { eventId: expect.any(Number) }],
      ['ticket.priority', { priority: 'urgent' }],
      ['ticket.status', { status: 'solved' }],
      ['ticket.reopen', { status: 'open' }],
      ['ticket.assign', { assigneeId: other.id }],
    ]);
    for (const event of mine) {
      expect(event.actor).toEqual({ kind: 'agent', agentId: agent.id, name: 'Jane Agent' });
      expect(event.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 120_000);
      if (event.action !== 'auth.sign-in') expect(event.target).toEqual({ type: 'ticket', id: 'T-1001' });
    }
    // Notifications are an admin's: redelivering is recorded too.
    expect((await call('POST', '/api/agent/notifications/redeliver', admin.token, { status: 'failed' })).status).toBe(
      200,
    );
    expect((await events('&action=notification.redeliver'))[0]).toMatchObject({
      actor: { kind: 'admin', agentId: admin.id, name: 'Ada Admin' },
      detail: { count: 0 },
    });
  });

  it('records admins reading conversations and changing the knowledge', async () => {
    const suggestions = (await call('GET', '/api/admin/suggestions', admin.token)).body.suggestions as Suggestion[];
    const holding = (text: string) => {
      const found = suggestions.find((s) => s.phrasings.some((p) => p.text === text));
      if (found === undefined) throw new Error(`no suggestion holds "${text}"`);
      return found;
    };
    const missed = holding(TYPED.miss);
    const conversationId = missed.examples[0]?.conversationId ?? '';
    expect((await call('GET', `/api/admin/conversations/${conversationId}`, admin.token)).status).toBe(200);
    expect((await call('GET', '/api/admin/entries', admin.token)).status).toBe(200);
    const dismissed = await call('POST', `/api/admin/suggestions/${missed.id}/dismiss`, admin.token, {
      phrasings: [TYPED.miss],
    });
    expect(dismissed.status).toBe(200);
    const accepted = await call('POST', `/api/admin/suggestions/${holding(TYPED.outOfScope).id}/accept`, admin.token, {
      outOfScope: true,
      phrasings: [TYPED.outOfScope],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const byAdmin = (await events(`&actor=${admin.id}`)).reverse();
    expect(byAdmin.map((e) => [e.action, e.target])).toEqual(
      expect.arrayContaining([
        ['conversation.read', { type: 'conversation', id: conversationId }],
        ['entries.read', null],
        ['knowledge.dismiss', { type: 'suggestion', id: missed.id }],
        ['knowledge.accept', { type: 'suggestion', id: holding(TYPED.outOfScope).id }],
      ]),
    );
    expect(byAdmin.find((e) => e.action === 'knowledge.accept')?.detail).toMatchObject({
      target: 'out-of-scope',
      added: 1,
      file: expect.any(String),
      line: expect.any(Number),
    });
    expect(byAdmin.find((e) => e.action === 'knowledge.dismiss')?.detail).toEqual({ dismissed: 1 });
    for (const event of byAdmin) expect(event.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('never stores what people typed', async () => {
    const rows = JSON.stringify(await server.app.db.selectFrom('audit_events').selectAll().execute());
    for (const text of Object.values(TYPED)) {
      expect(rows).not.toContain(text);
      expect(rows).not.toContain(text.slice(0, 20));
    }
  });

  describe('GET /api/admin/audit', () => {
    it('filters by action prefix and time, and pages newest first with a cursor', async () => {
      const all = await events('&action=ticket.*');
      expect(all.length).toBeGreaterThanOrEqual(8);
      expect(all.every((e) => e.action.startsWith('ticket.'))).toBe(true);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));

      const seen: number[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const res = await call('GET', `/api/admin/audit?action=ticket.*&limit=3&cursor=${cursor}`, admin.token);
        expect(res.status).toBe(200);
        seen.push(...(res.body.events as EventJson[]).map((e) => e.id));
        cursor = res.body.nextCursor as string | null;
      }
      expect(seen).toEqual(all.map((e) => e.id));

      expect(await events('&from=2000-01-01&to=2000-01-02')).toEqual([]);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await events(`&to=${future}&action=ticket.reply`)).length).toBe(1);
      expect((await events('&actor=admin')).every((e) => e.actor.kind === 'admin')).toBe(true);
    });

    it.each([
      ['from', 'from=yesterday'],
      ['from', 'from=2026-02-31'],
      ['to', 'to=12%2F01%2F2026'],
      ['from', 'from=2026-12-02&to=2026-12-01'],
      ['actor', 'actor=jane@example.com'],
      ['action', 'action=ticket.%25'],
      ['action', "action=x'%20or%201=1"],
      ['limit', 'limit=0'],
      ['limit', 'limit=1001'],
      ['cursor', 'cursor=abc'],
      ['since', 'since=7d'],
      ['limit', 'limit=1&limit=2'],
    ])('answers 400 naming %s for ?%s', async (name, query) => {
      const res = await call('GET', `/api/admin/audit?${query}`, admin.token);
      expect(res.status).toBe(400);
      expect((res.body.error as { message: string }).message).toMatch(new RegExp(`^${name}: `));
    });

    it('is for admins only: 401 without a token, 403 for an agent', async () => {
      expect((await call('GET', '/api/admin/audit', undefined)).status).toBe(401);
      expect((await call('GET', '/api/admin/audit', agent.token)).status).toBe(403);
    });

    it.each(['PUT', 'PATCH', 'DELETE', 'POST'])('offers no way to %s events', async (method) => {
      const before = await server.app.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
      const id = before[0]?.id ?? 1;
      const body = { action: 'nothing.happened', detail: {} };
      const onList = await call(method, '/api/admin/audit', admin.token, body);
      expect(onList.status).toBe(405);
      expect(onList.headers.get('allow')).toBe('GET, HEAD');
      expect((await call(method, `/api/admin/audit/${id}`, admin.token, body)).status).toBe(404);
      expect((await call(method, `/api/admin/audit?id=${id}`, admin.token, body)).status).toBe(405);
      const after = await server.app.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
      expect(after.slice(0, before.length)).toEqual(before);
    });
  });
});
