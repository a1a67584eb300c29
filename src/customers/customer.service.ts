import { ValidationError } from '../shared/app.error.ts';
import { normalizeEmail } from '../shared/email-address.ts';
import type { Transactor } from '../store/transactor.ts';
import type { CustomerRepository } from './customer.repository.ts';
import type { Customer } from './customer.ts';

/** Contact details a customer gave; omitted fields are left as they are. */
export interface ContactDetails {
  readonly name?: string | undefined;
  readonly email?: string | undefined;
}

/**
 * The outcome of `updateContact`: the customer was updated in place; or the email belonged to an
 * existing customer and this one, verified, was merged into it (`customer` is the one that remains);
 * or the email belonged to an existing customer and this one is not verified, so the two were kept
 * apart and the email not stored (`claimedEmail`: what they typed, for the agent to see).
 */
export type ContactUpdateResult =
  | { readonly kind: 'updated'; readonly customer: Customer }
  | { readonly kind: 'merged'; readonly customer: Customer; readonly mergedCustomerId: number }
  | { readonly kind: 'unlinked'; readonly customer: Customer; readonly claimedEmail: string };

const MAX_NAME_LENGTH = 200;

export interface CustomerServiceDeps {
  readonly transactor: Transactor;
  /** Built on `transactor.db`, so a merge is one transaction. */
  readonly customers: CustomerRepository;
  /**
   * Every other table with a `customer_id` (conversations, tickets), through its owning repository:
   * a merge moves their rows. A new such table must be listed here, or its rows would block the
   * delete (foreign keys are on). Built on `transactor.db` too.
   */
  readonly customerRecords: readonly CustomerOwnedRecords[];
}

/** A repository whose rows belong to a customer: a merge hands them to the surviving record. */
interface CustomerOwnedRecords {
  reassignCustomer(fromId: number, toId: number): Promise<void>;
}

/** Customers as the CRM sees them: one person, one record, however many channels and conversations. */
export class CustomerService {
  constructor(private readonly deps: CustomerServiceDeps) {}

  findById(id: number): Promise<Customer | undefined> {
    return this.deps.customers.findById(id);
  }

  /**
   * Saves a name and/or email for a customer. The email is validated and lower-cased. When another
   * customer already has that email (someone coming back on a new conversation), this customer is
   * merged into that one: identities, conversations, messages, handoff requests and tickets move
   * to the existing customer and this record is deleted, all in one transaction. Only a customer
   * with a verified identity is merged: typing an address proves nothing, and a merge would show a
   * stranger's chat as that customer's, with their history, to the agent. An unverified customer
   * keeps their own record (`unlinked`).
   *
   * @throws ValidationError for an unknown customer, an empty or overlong name, or a bad email.
   */
  async updateContact(customerId: number, details: ContactDetails): Promise<ContactUpdateResult> {
    const problems: string[] = [];
    const name = details.name?.trim().replace(/\s+/g, ' ');
    if (name !== undefined && name === '') problems.push('name: must not be empty');
    if (name !== undefined && name.length > MAX_NAME_LENGTH)
      problems.push(`name: must be at most ${MAX_NAME_LENGTH} characters`);
    const email = details.email === undefined ? undefined : normalizeEmail(details.email);
    if (details.email !== undefined && email === undefined)
      problems.push(`email: "${details.email}" is not a valid email address`);
    if (problems.length > 0) throw new ValidationError('Invalid contact details', problems);

    const { customers } = this.deps;
    return this.deps.transactor.run(async (): Promise<ContactUpdateResult> => {
      const current = await customers.findById(customerId);
      if (current === undefined)
        throw new ValidationError('Invalid contact details', [`customerId: there is no customer ${customerId}`]);
      const owner = email === undefined ? undefined : await customers.findByEmail(email);
      if (owner === undefined || owner.id === current.id) {
        const customer = await customers.updateContact(current.id, { name, email });
        return { kind: 'updated', customer };
      }
      if (!(await customers.hasVerifiedIdentity(current.id))) {
        const customer = name === undefined ? current : await customers.updateContact(current.id, { name });
        return { kind: 'unlinked', customer, claimedEmail: email as string };
      }
      await this.mergeInto(current.id, owner.id);
      const customer = await customers.updateContact(owner.id, {
        // The name just given is the freshest; otherwise keep the one we knew.
        name: name ?? owner.name ?? current.name,
        firstSeenAt: earlier(current.firstSeenAt, owner.firstSeenAt),
        lastSeenAt: later(current.lastSeenAt, owner.lastSeenAt),
      });
      return { kind: 'merged', customer, mergedCustomerId: current.id };
    });
  }

  /**
   * Moves everything that belongs to customer `fromId` to `toId` and deletes `fromId`, each table
   * through its owning repository (`customerRecords`). Runs inside `updateContact`'s transaction.
   */
  private async mergeInto(fromId: number, toId: number): Promise<void> {
    await this.deps.customers.moveIdentities(fromId, toId);
    for (const records of this.deps.customerRecords) await records.reassignCustomer(fromId, toId);
    await this.deps.customers.delete(fromId);
  }
}

/** The earlier of two ISO-8601 UTC timestamps (they sort as text). */
function earlier(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two ISO-8601 UTC timestamps. */
function later(a: string, b: string): string {
  return a >= b ? a : b;
}
