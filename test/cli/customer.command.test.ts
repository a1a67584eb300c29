import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runCli } from '../helpers/cli.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { makeTempDir } from '../helpers/test-config.ts';

/** `answerdesk customer export|erase` on a real SQLite file, run as a user would. */
describe('answerdesk customer', () => {
  const { dir, cleanup } = makeTempDir();
  const file = path.join(dir, 'crm.sqlite');
  let customerId = 0;

  beforeAll(async () => {
    const db = await openDatabase(file);
    ({ customerId } = await seedConversation(db, {
      conversationId: 'conv-cli',
      name: 'Robin Cli',
      messages: ['my card 4111111111111111 was refused', 'please help'],
    }));
    const crm = createCrmServices(db);
    await crm.customers.updateContact(customerId, { email: 'Robin.CLI@example.com' });
    await crm.tickets.escalate({
      conversationId: 'conv-cli',
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'card 4111111111111111 refused',
    });
    await db.destroy();
  });
  afterAll(() => cleanup());

  it('exports everything stored about a customer found by email, as JSON on stdout', async () => {
    const run = await runCli(['customer', 'export', 'robin.cli@EXAMPLE.com', '--db', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const exported = JSON.parse(run.stdout) as {
      customer: { id: number; email: string; name: string };
      conversations: Array<{ messages: Array<{ text: string }> }>;
      tickets: Array<{ ticket: { subject: string }; events: unknown[]; notifications: unknown[] }>;
    };
    expect(exported.customer).toMatchObject({ id: customerId, email: 'robin.cli@example.com', name: 'Robin Cli' });
    expect(exported.conversations[0]?.messages.map((m) => m.text)).toEqual([
      'my card 4111111111111111 was refused',
      'please help',
    ]);
    expect(exported.tickets[0]?.ticket.subject).toBe('card 4111111111111111 refused');
    expect(exported.tickets[0]?.events).toHaveLength(1);
    expect(exported.tickets[0]?.notifications).toHaveLength(1);
  }, 60_000);

  it.each([
    ['nobody', /neither a customer id .* nor an email address/],
    ['0', /neither a customer id/],
    ['999', /There is no customer with id 999/],
    ['ghost@example.com', /There is no customer with that email address/],
  ])(
    'refuses "%s" with a clear error and exit code 1',
    async (reference, message) => {
      const run = await runCli(['customer', 'erase', reference, '--yes', '--db', file]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    },
    60_000,
  );

  it('does not erase without the typed confirmation', async () => {
    const run = await runCli(['customer', 'erase', String(customerId), '--db', file], {}, 'no\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Not erased.');
    const after = await runCli(['customer', 'export', String(customerId), '--db', file]);
    expect(after.stdout).toContain('robin.cli@example.com');
  }, 90_000); // two CLI processes, each loading the app through tsx

  it('erases after "erase" is typed, and the export then holds nothing that identifies them', async () => {
    const run = await runCli(['customer', 'erase', 'robin.cli@example.com', '--db', file], {}, 'erase\n');
    expect(run.stderr).toContain('Type "erase" to go on');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`Customer ${customerId} erased: 1 identities removed; 1 conversations, 2 messages, 1 tickets`),
    );
    const after = await runCli(['customer', 'export', String(customerId), '--db', file]);
    expect(after.status).toBe(0);
    expect(after.stdout).not.toMatch(/robin|4111111111111111/i);
    expect(JSON.parse(after.stdout)).toMatchObject({ customer: { id: customerId, name: null, email: null } });
    expect((JSON.parse(after.stdout) as { customer: { erasedAt: string } }).customer.erasedAt).toMatch(/^\d{4}-/);
  }, 90_000);
});
