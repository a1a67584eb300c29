import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import type { CustomerService } from '../../src/customers/customer.service.ts';
import { ValidationError } from '../../src/shared/app.error.ts';
import { normalizeEmail } from '../../src/shared/email-address.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('normalizeEmail', () => {
  it.each([
    ['Casey@Example.COM', 'casey@example.com'],
    ['  casey.o+shop@mail.example.co.uk ', 'casey.o+shop@mail.example.co.uk'],
    ['casey', undefined],
    ['casey@example', undefined],
    ['casey @example.com', undefined],
    ['Casey <casey@example.com>', undefined],
    ['a@b.c', undefined],
    [`${'x'.repeat(250)}@example.com`, undefined],
  ])('reads %j as %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });
});

describe('CustomerService.updateContact', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let customers: CustomerService;
  beforeEach(async () => {
    ctx = await freshDatabase();
    customers = createCrmServices(ctx.db).customers;
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  it('saves a trimmed name and a lower-cased email', async () => {
    const { customerId } = await seedConversation(ctx.db, { conversationId: 'c1' });
    const result = await customers.updateContact(customerId, { name: '  Casey   Jones ', email: 'Casey@Example.com' });
    expect(result).toMatchObject({
      kind: 'updated',
      customer: { id: customerId, name: 'Casey Jones', email: 'casey@example.com' },
    });
  });

  it('reports every bad field at once and changes nothing', async () => {
    const { customerId } = await seedConversation(ctx.db, { conversationId: 'c1', name: 'Casey' });
    const attempt = customers.updateContact(customerId, { name: ' ', email: 'not-an-email' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      problems: ['name: must not be empty', 'email: "not-an-email" is not a valid email address'],
    });
    expect(await customers.findById(customerId)).toMatchObject({ name: 'Casey', email: null });
  });

  it('refuses an unknown customer', async () => {
    await expect(customers.updateContact(42, { name: 'X' })).rejects.toThrow(/customerId: there is no customer 42/);
  });

  it('keeps the same customer when they give their own email again', async () => {
    const { customerId } = await seedConversation(ctx.db, { conversationId: 'c1' });
    await customers.updateContact(customerId, { email: 'casey@example.com' });
    expect(await customers.updateContact(customerId, { email: 'CASEY@example.com' })).toMatchObject({
      kind: 'updated',
      customer: { id: customerId },
    });
  });

  it('merges a returning customer into the one who already has the email: identities, conversations, messages, tickets', async () => {
    const first = await seedConversation(ctx.db, {
      conversationId: 'old',
      userId: 'web-1',
      name: 'Casey',
      messages: ['my parcel is late'],
    });
    await customers.updateContact(first.customerId, { email: 'casey@example.com' });
    const { tickets, feedback } = createCrmServices(ctx.db);
    await tickets.escalate({
      conversationId: 'old',
      customerId: first.customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'late parcel',
    });

    const second = await seedConversation(ctx.db, {
      conversationId: 'new',
      userId: 'web-2',
      messages: ['me again', 'still late'],
    });
    await feedback.recordHandoffRequest('new', second.messageIds[1] ?? null, 'requested');
    await tickets.escalate({
      conversationId: 'new',
      customerId: second.customerId,
      reason: 'requested',
      priority: 'high',
      subject: 'still late',
    });
    expect(second.customerId).not.toBe(first.customerId);

    const result = await customers.updateContact(second.customerId, { email: ' Casey@Example.com ' });
    expect(result).toMatchObject({
      kind: 'merged',
      mergedCustomerId: second.customerId,
      customer: { id: first.customerId, name: 'Casey', email: 'casey@example.com' },
    });

    const db = ctx.db;
    expect(await customers.findById(second.customerId)).toBeUndefined();
    const owners = async (
      table: 'customer_identities' | 'conversations' | 'messages' | 'handoff_requests' | 'tickets',
    ) => [...new Set((await db.selectFrom(table).select('customer_id').execute()).map((r) => r.customer_id))];
    for (const table of ['customer_identities', 'conversations', 'messages', 'handoff_requests', 'tickets'] as const) {
      expect(await owners(table), table).toEqual([first.customerId]);
    }
    // The returning channel user is now recognised as the merged customer.
    const next = await seedConversation(ctx.db, { conversationId: 'new', userId: 'web-2', messages: ['hello?'] });
    expect(next.customerId).toBe(first.customerId);
  });

  it('takes the newly given name over the stored one when merging, and keeps the earliest first-seen time', async () => {
    const first = await seedConversation(ctx.db, {
      conversationId: 'a',
      userId: 'u1',
      name: 'C.',
      at: '2024-06-01T00:00:00.000Z',
    });
    await customers.updateContact(first.customerId, { email: 'casey@example.com' });
    const second = await seedConversation(ctx.db, {
      conversationId: 'b',
      userId: 'u2',
      at: '2025-02-01T00:00:00.000Z',
    });
    const result = await customers.updateContact(second.customerId, {
      name: 'Casey Jones',
      email: 'casey@example.com',
    });
    expect(result.customer).toMatchObject({
      id: first.customerId,
      name: 'Casey Jones',
      firstSeenAt: '2024-06-01T00:00:00.000Z',
      lastSeenAt: '2025-02-01T00:00:00.000Z',
    });
  });

  it('keeps an unverified customer apart from the owner of the email they type: no merge, no email, owner untouched', async () => {
    const owner = await seedConversation(ctx.db, { conversationId: 'owner', userId: 'web-1', name: 'Casey' });
    await customers.updateContact(owner.customerId, { email: 'casey@example.com' });
    const stranger = await seedConversation(ctx.db, { conversationId: 'anon', userId: 'dl_x', verified: false });

    const result = await customers.updateContact(stranger.customerId, { name: 'Mallory', email: 'CASEY@example.com' });

    expect(result).toEqual({
      kind: 'unlinked',
      claimedEmail: 'casey@example.com',
      customer: expect.objectContaining({ id: stranger.customerId, name: 'Mallory', email: null }),
    });
    expect(await customers.findById(owner.customerId)).toMatchObject({ name: 'Casey', email: 'casey@example.com' });
    const conversation = await ctx.db
      .selectFrom('conversations')
      .select('customer_id')
      .where('id', '=', 'anon')
      .executeTakeFirstOrThrow();
    expect(conversation.customer_id).toBe(stranger.customerId);
  });

  it('rolls the whole merge back when a step fails', async () => {
    const first = await seedConversation(ctx.db, { conversationId: 'a', userId: 'u1' });
    await customers.updateContact(first.customerId, { email: 'casey@example.com' });
    const second = await seedConversation(ctx.db, { conversationId: 'b', userId: 'u2' });
    // A table the merge does not know about still references the customer: the final delete fails.
    await sql`create table blocker (customer_id integer references customers(id))`.execute(ctx.db);
    await sql`insert into blocker (customer_id) values (${second.customerId})`.execute(ctx.db);
    // SQLite: "FOREIGN KEY constraint failed"; PostgreSQL: "... violates foreign key constraint ...".
    await expect(customers.updateContact(second.customerId, { email: 'casey@example.com' })).rejects.toThrow(
      /FOREIGN KEY/i,
    );
    expect(await customers.findById(second.customerId)).toBeDefined();
    const identity = await ctx.db
      .selectFrom('customer_identities')
      .select('customer_id')
      .where('channel_user_id', '=', 'u2')
      .executeTakeFirst();
    expect(identity?.customer_id).toBe(second.customerId);
  });
});
