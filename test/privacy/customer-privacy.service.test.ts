import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditTrail } from '../../src/audit/audit-trail.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { CustomerNotFoundError } from '../../src/privacy/customer-not-found.error.ts';
import { CustomerPrivacyService } from '../../src/privacy/customer-privacy.service.ts';
import { parseCustomerReference } from '../../src/privacy/customer-reference.ts';
import type { Db } from '../../src/store/database.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { freshDatabase } from '../helpers/test-database.ts';
import { ON_POSTGRES } from '../helpers/test-postgres.ts';

describe('CustomerPrivacyService', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let events: AuditEvent[];
  let privacy: CustomerPrivacyService;
  const audit: AuditTrail = {
    record: async (event) => {
      events.push(event);
    },
  };
  const requester = { actor: { kind: 'admin', agentId: 7, name: 'Ada' }, address: '203.0.113.9' } as const;

  beforeEach(async () => {
    ({ db, cleanup } = await freshDatabase());
    events = [];
    privacy = new CustomerPrivacyService({ db, audit, clock: () => new Date('2026-12-07T12:00:00.000Z') });
  });
  afterEach(async () => {
    await cleanup();
  });

  it('records customer.export and customer.erase with the actor, address and counts, never the data', async () => {
    const { customerId } = await seedConversation(db, {
      conversationId: 'c1',
      name: 'Kim',
      messages: ['my email is kim@example.com'],
    });
    await createCrmServices(db).customers.updateContact(customerId, { email: 'kim@example.com' });
    const exported = await privacy.export({ kind: 'email', email: 'kim@example.com' }, requester);
    expect(exported.customer).toMatchObject({ id: customerId, name: 'Kim', email: 'kim@example.com', erasedAt: null });
    const erased = await privacy.erase({ kind: 'id', id: customerId }, requester);
    expect(erased).toMatchObject({ customerId, erasedAt: '2026-12-07T12:00:00.000Z', walTruncated: !ON_POSTGRES }); // no WAL file to truncate on PostgreSQL
    expect(events).toEqual([
      {
        ...requester,
        action: 'customer.export',
        target: { type: 'customer', id: String(customerId) },
        detail: { conversations: 1, tickets: 0 },
      },
      {
        ...requester,
        action: 'customer.erase',
        target: { type: 'customer', id: String(customerId) },
        detail: { conversations: 1, tickets: 0 },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('kim');
  });

  it('refuses an unknown customer without auditing anything', async () => {
    await expect(privacy.export({ kind: 'id', id: 42 }, requester)).rejects.toBeInstanceOf(CustomerNotFoundError);
    await expect(privacy.erase({ kind: 'email', email: 'nobody@example.com' }, requester)).rejects.toBeInstanceOf(
      CustomerNotFoundError,
    );
    expect(events).toEqual([]);
  });

  it.each([
    ['17', { kind: 'id', id: 17 }],
    [' Kim@Example.COM ', { kind: 'email', email: 'kim@example.com' }],
  ])('reads "%s" as a customer reference', (raw, expected) => {
    expect(parseCustomerReference(raw, 'arg')).toEqual(expected);
  });

  it.each(['', '0', '-3', '1.5', 'kim', '@', 'a@b', '99999999999999999999'])(
    'refuses "%s" naming where it came from',
    (raw) => {
      expect(() => parseCustomerReference(raw, 'path :id')).toThrow(/path :id: .* is neither a customer id/);
    },
  );
});
