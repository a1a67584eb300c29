import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_SCORECARD } from '../../src/health/health-scorecard.ts';
import { scoreCustomer } from '../../src/health/health-scorer.ts';
import { KnowledgeValidationError } from '../../src/knowledge/files/knowledge-validation.error.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { HEALTH_NOW, type SeededHealth, seedHealthHistory } from '../helpers/health-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';
import { makeTempDir } from '../helpers/test-config.ts';

interface ListBody {
  customers?: Array<{
    id: number;
    name: string | null;
    score: number;
    band: string;
    reasons: Array<{ measure: string; value: number; points: number }>;
    openTickets: number;
    lastContactAt: string;
  }>;
  total?: number;
  error?: { code: string; message: string };
}

const HOSTILE_NAME = '=HYPERLINK("http://evil.example","click"),<img src=x onerror=alert(1)>';

describe('the customer health API', () => {
  let server: RunningApp;
  let knowledgeDir: string;
  let cleanupKnowledge: () => void;
  let admin: string;
  let agent: string;
  let seeded: SeededHealth;

  async function get(
    url: string,
    token: string | undefined,
  ): Promise<{ status: number; body: unknown; res: Response }> {
    const res = await fetch(`${server.url}${url}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    const body: unknown = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: res.status, body, res };
  }

  beforeAll(async () => {
    // A copy of the fixture folder, so a test can edit health.yaml under the running server.
    ({ dir: knowledgeDir, cleanup: cleanupKnowledge } = makeTempDir());
    await cp(path.join(REPO_ROOT, 'test/fixtures/knowledge'), knowledgeDir, { recursive: true });
    server = await startApp({ KNOWLEDGE_DIR: knowledgeDir }, { clock: () => HEALTH_NOW });
    admin = (await server.app.agents.create({ name: 'Ada', email: 'ada@example.com', role: 'admin' })).token;
    agent = (await server.app.agents.create({ name: 'Bo', email: 'bo@example.com' })).token;
    seeded = await seedHealthHistory(server.app.db, { avery: HOSTILE_NAME });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    cleanupKnowledge?.();
  });

  it.each(['/api/admin/customers', '/api/admin/customers.csv', '/api/admin/customers/1'])(
    '%s answers 401 without a token and 403 for an agent',
    async (url) => {
      expect((await get(url, undefined)).status).toBe(401);
      expect((await get(url, 'not-a-token')).status).toBe(401);
      expect((await get(url, agent)).status).toBe(403);
    },
  );

  it.each<[string, string]>([
    ['/api/admin/customers?health=purple', 'health: "purple" is not one of red, yellow, green'],
    ['/api/admin/customers?health=red&health=green', 'health: give it once'],
    ['/api/admin/customers?limit=0', 'limit: must be a whole number from 1 to 500'],
    ['/api/admin/customers?limit=abc', 'limit: must be a whole number'],
    ['/api/admin/customers?offset=-1', 'offset: must be a whole number'],
    ['/api/admin/customers.csv?health=orange', 'health: "orange" is not one of'],
    ['/api/admin/customers/abc', 'id: must be a customer id'],
    ['/api/admin/customers/0', 'id: must be a customer id'],
    ['/api/admin/customers/1.5', 'id: must be a customer id'],
  ])('%s answers 400 naming the parameter', async (url, message) => {
    const { status, body } = await get(url, admin);
    expect(status).toBe(400);
    expect((body as ListBody).error?.message).toContain(message);
  });

  it('lists the customers worst first with their score, band, top reasons, open tickets and last contact', async () => {
    const { status, body } = await get('/api/admin/customers', admin);
    expect(status).toBe(200);
    const expected = [seeded.avery, seeded.blake, seeded.casey]
      .map((c) => ({ id: c.id, ...scoreCustomer(c.signals, DEFAULT_HEALTH_SCORECARD), open: c.signals.openTickets }))
      .sort((a, b) => a.score - b.score);
    const list = body as ListBody;
    expect(list.total).toBe(3);
    expect(list.customers?.map((c) => [c.id, c.score, c.band, c.reasons, c.openTickets])).toEqual(
      expected.map((c) => [c.id, c.score, c.band, c.reasons.slice(0, 3), c.open]),
    );
    expect(list.customers?.[0]?.name).toBe(HOSTILE_NAME);
    expect(list.customers?.[0]?.lastContactAt).toBe('2025-03-05T12:00:00.000Z');
  });

  it.each(['red', 'yellow', 'green'] as const)('filters the list to the %s band', async (band) => {
    const { body } = await get(`/api/admin/customers?health=${band}`, admin);
    const inBand = [seeded.avery, seeded.blake, seeded.casey].filter(
      (c) => scoreCustomer(c.signals, DEFAULT_HEALTH_SCORECARD).band === band,
    );
    expect((body as ListBody).customers?.map((c) => c.id).sort()).toEqual(inBand.map((c) => c.id).sort());
  });

  it('exports the list as CSV with formula-looking cells defused', async () => {
    const { status, body, res } = await get('/api/admin/customers.csv', admin);
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="customers-all.csv"');
    const lines = String(body).split('\r\n');
    expect(lines[0]).toBe('id,name,email,score,band,reasons,open_tickets,last_contact_at');
    const avery = scoreCustomer(seeded.avery.signals, DEFAULT_HEALTH_SCORECARD);
    expect(lines[1]).toBe(
      [
        seeded.avery.id,
        `"'${HOSTILE_NAME.replaceAll('"', '""')}"`,
        '',
        avery.score,
        avery.band,
        avery.reasons.map((r) => `${r.measure} ${r.value} (-${r.points})`).join('; '),
        1,
        '2025-03-05T12:00:00.000Z',
      ].join(','),
    );
    expect(lines).toHaveLength(5);
    const red = await get('/api/admin/customers.csv?health=green', admin);
    expect(red.res.headers.get('content-disposition')).toBe('attachment; filename="customers-green.csv"');
  });

  it('gives the profile with every reason, conversation, ticket and rating; 404 for no such customer', async () => {
    const { status, body } = await get(`/api/admin/customers/${seeded.avery.id}`, admin);
    expect(status).toBe(200);
    const health = scoreCustomer(seeded.avery.signals, DEFAULT_HEALTH_SCORECARD);
    expect(body).toMatchObject({
      customer: { id: seeded.avery.id, name: HOSTILE_NAME },
      score: health.score,
      band: health.band,
      reasons: health.reasons,
      conversations: [
        { id: 'avery-2', messages: 1, messagesUrl: '/api/admin/conversations/avery-2' },
        { id: 'avery-1', messages: 3, customerMessages: 3, complaints: 1, negativeMessages: 2 },
      ],
      tickets: [
        { conversationId: 'avery-2', status: 'solved', csatRating: 1, csatComment: 'Still no parcel.' },
        { conversationId: 'avery-1', status: 'new', csatRating: null },
      ],
      ratings: [{ rating: 1, comment: 'Still no parcel.' }],
    });
    const linked = await get('/api/admin/conversations/avery-1', admin);
    expect(linked.status).toBe(200);
    const missing = await get('/api/admin/customers/999999', admin);
    expect(missing.status).toBe(404);
    expect((missing.body as ListBody).error?.message).toBe('No customer with id 999999.');
  });

  it('shows the band on each ticket of the agent queue and on the open ticket', async () => {
    const health = scoreCustomer(seeded.avery.signals, DEFAULT_HEALTH_SCORECARD);
    const queue = await get('/api/agent/tickets?status=new,open,pending,solved', agent);
    const tickets = (
      queue.body as { tickets: Array<{ reference: string; customerId: number; customerHealth: unknown }> }
    ).tickets;
    expect(tickets.length).toBe(3);
    for (const ticket of tickets) {
      const who = [seeded.avery, seeded.blake].find((c) => c.id === ticket.customerId);
      const expected = who === undefined ? undefined : scoreCustomer(who.signals, DEFAULT_HEALTH_SCORECARD);
      expect(ticket.customerHealth).toEqual({ score: expected?.score, band: expected?.band });
    }
    const averyTicket = tickets.find((t) => t.customerId === seeded.avery.id);
    const detail = await get(`/api/agent/tickets/${averyTicket?.reference}`, agent);
    expect((detail.body as { customerHealth: unknown }).customerHealth).toEqual({
      score: health.score,
      band: health.band,
    });
  });

  it('scores with the edited health.yaml after a reload, and keeps the last good one after a bad edit', {
    timeout: 120_000,
  }, async () => {
    const file = path.join(knowledgeDir, 'health.yaml');
    const good = await readFile(file, 'utf8');
    const blake = async () =>
      (await get(`/api/admin/customers/${seeded.blake.id}`, admin)).body as { score: number; band: string };
    const before = scoreCustomer(seeded.blake.signals, DEFAULT_HEALTH_SCORECARD);
    expect(await blake()).toMatchObject({ score: before.score, band: 'green' });
    try {
      // Out of the schema's range: refused, the last good scorecard keeps scoring.
      await writeFile(file, good.replace('green: 75', 'green: 101'));
      const failed = await server.app.knowledge.reload();
      expect(failed.kind).toBe('failed');
      expect(String(failed.kind === 'failed' ? failed.error : '')).toMatch(/health\.yaml:\d+:\d+: bands\.green: /);
      expect(await blake()).toMatchObject({ score: before.score, band: 'green' });
      // Stricter bands and a heavier weight: the next request scores with them.
      await writeFile(
        file,
        good
          .replace('yellow: 50', 'yellow: 95')
          .replace('green: 75', 'green: 100')
          .replace('missingCsat: { weight: 2,', 'missingCsat: { weight: 5,'),
      );
      // The file watcher may have swapped it already: then this reload finds nothing new.
      expect(['swapped', 'unchanged']).toContain((await server.app.knowledge.reload()).kind);
      expect(server.app.knowledge.snapshot().knowledgeBase.health.bands).toEqual({ yellow: 95, green: 100 });
      expect(await blake()).toMatchObject({ score: before.score - 3, band: 'red' });
    } finally {
      await writeFile(file, good);
      await server.app.knowledge.reload();
    }
  });
});

describe('a broken health.yaml at start', () => {
  it('refuses to start, naming the file, line, column and field', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      await cp(path.join(REPO_ROOT, 'test/fixtures/knowledge'), dir, { recursive: true });
      const file = path.join(dir, 'health.yaml');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('windowDays: 90', 'windowDays: ninety'));
      const line = text.split('\n').findIndex((l) => l.startsWith('windowDays:')) + 1;
      const failure = await startApp({ KNOWLEDGE_DIR: dir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(KnowledgeValidationError);
      expect((failure as KnowledgeValidationError).problems).toEqual([
        expect.stringMatching(new RegExp(`health\\.yaml:${line}:1: windowDays: must be a whole number, but is text`)),
      ]);
    } finally {
      cleanup();
    }
  });
});
