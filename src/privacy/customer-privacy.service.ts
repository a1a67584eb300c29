import type { AuditActor, AuditTrail } from '../audit/audit-trail.ts';
import type { Db } from '../store/database.ts';
import { runScrubbing } from '../store/scrubbing-transaction.ts';
import { CustomerDataRepository } from './customer-data.repository.ts';
import { CustomerEraseRepository, type ErasureCounts } from './customer-erase.repository.ts';
import type { CustomerExport } from './customer-export.ts';
import { CustomerNotFoundError } from './customer-not-found.error.ts';
import type { CustomerReference } from './customer-reference.ts';

/** Who asked, and from where (the client address for the admin API; null for the CLI). */
export interface PrivacyRequester {
  readonly actor: AuditActor;
  readonly address?: string | null;
}

/** What an erase did: the customer erased, row counts by table, and whether the WAL was emptied. */
export interface ErasureReport {
  readonly customerId: number;
  readonly erasedAt: string;
  readonly counts: ErasureCounts;
  /** False when another process kept reading an old snapshot: the WAL still holds old pages until its next checkpoint. */
  readonly walTruncated: boolean;
}

export interface CustomerPrivacyDeps {
  readonly db: Db;
  /** Records `customer.export` and `customer.erase`; none = not audited (tests, a CLI without the audit trail). */
  readonly audit?: AuditTrail | undefined;
  readonly clock?: (() => Date) | undefined;
}

/**
 * A customer's rights over their data: a copy of everything stored about them ({@link export}),
 * and erasure ({@link erase}). Both are audited after they succeed.
 */
export class CustomerPrivacyService {
  readonly #data: CustomerDataRepository;

  constructor(private readonly deps: CustomerPrivacyDeps) {
    this.#data = new CustomerDataRepository(deps.db);
  }

  /** @throws CustomerNotFoundError when no customer has that id or email. */
  async export(reference: CustomerReference, requester: PrivacyRequester): Promise<CustomerExport> {
    const at = this.now();
    const exported = await this.deps.db.transaction().execute(async (trx) => {
      const data = new CustomerDataRepository(trx);
      const id = await data.find(reference);
      if (id === undefined) throw new CustomerNotFoundError(reference);
      return data.export(await data.scope(id), at);
    });
    await this.audit('customer.export', Number(exported.customer.id), requester, {
      conversations: exported.conversations.length,
      tickets: exported.tickets.length,
    });
    return exported;
  }

  /**
   * Removes or anonymises everything stored about the customer in one transaction (see
   * `CustomerEraseRepository` for what is kept without identity), overwriting what it removes
   * (`runScrubbing`). Erasing an erased customer again does it again, harmlessly.
   *
   * @throws CustomerNotFoundError when no customer has that id or email.
   */
  async erase(reference: CustomerReference, requester: PrivacyRequester): Promise<ErasureReport> {
    const at = this.now();
    const { value, walTruncated } = await runScrubbing(this.deps.db, async (trx) => {
      const data = new CustomerDataRepository(trx);
      const id = await data.find(reference);
      if (id === undefined) throw new CustomerNotFoundError(reference);
      const scope = await data.scope(id);
      return { customerId: id, counts: await new CustomerEraseRepository(trx).erase(scope, at) };
    });
    await this.audit('customer.erase', value.customerId, requester, {
      conversations: value.counts.conversations,
      tickets: value.counts.tickets,
    });
    return { ...value, erasedAt: at, walTruncated };
  }

  /** The customer's id when they exist (the admin API's 404 before it audits). */
  find(reference: CustomerReference): Promise<number | undefined> {
    return this.#data.find(reference);
  }

  private async audit(
    action: string,
    customerId: number,
    requester: PrivacyRequester,
    detail: Record<string, number>,
  ): Promise<void> {
    await this.deps.audit?.record({
      actor: requester.actor,
      action,
      target: { type: 'customer', id: String(customerId) },
      address: requester.address ?? null,
      detail,
    });
  }

  private now(): string {
    return (this.deps.clock?.() ?? new Date()).toISOString();
  }
}
