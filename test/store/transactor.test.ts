import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SequenceRepository } from '../../src/store/sequence.repository.ts';
import { Transactor } from '../../src/store/transactor.ts';
import { freshDatabase } from '../helpers/test-database.ts';

describe('Transactor', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  let transactor: Transactor;
  let sequences: SequenceRepository;

  beforeEach(async () => {
    ctx = await freshDatabase();
    transactor = new Transactor(ctx.db);
    // Built once, on the transactor's database, the way the services receive their repositories.
    sequences = new SequenceRepository(transactor.db);
  });
  afterEach(async () => {
    await ctx.cleanup();
  });

  async function stored(): Promise<number> {
    const row = await ctx.db
      .selectFrom('sequences')
      .select('value')
      .where('name', '=', 'ticket_reference')
      .executeTakeFirstOrThrow();
    return row.value;
  }

  it('rolls back every write a repository made inside a failed run', async () => {
    const before = await stored();
    await expect(
      transactor.run(async () => {
        await sequences.next('ticket_reference');
        await sequences.next('ticket_reference');
        throw new Error('step two failed');
      }),
    ).rejects.toThrow('step two failed');
    expect(await stored()).toBe(before);
  });

  it('commits the writes of a successful run, and a nested run joins the outer one', async () => {
    const before = await stored();
    await expect(
      transactor.run(async () => {
        await transactor.run(() => sequences.next('ticket_reference'));
        await sequences.next('ticket_reference');
        throw new Error('outer failed');
      }),
    ).rejects.toThrow('outer failed');
    expect(await stored()).toBe(before);
    expect(await transactor.run(() => sequences.next('ticket_reference'))).toBe(before + 1);
    expect(await stored()).toBe(before + 1);
  });

  it('keeps concurrent runs apart: each sees only its own transaction', async () => {
    const before = await stored();
    const results = await Promise.allSettled([
      transactor.run(async () => {
        await sequences.next('ticket_reference');
        throw new Error('this one fails');
      }),
      transactor.run(() => sequences.next('ticket_reference')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await stored()).toBe(before + 1);
  });

  it('uses the database itself outside a run', async () => {
    const before = await stored();
    expect(await sequences.next('ticket_reference')).toBe(before + 1);
    expect(await stored()).toBe(before + 1);
  });
});
