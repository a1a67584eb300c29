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

  describe('runTurn (the transaction begins at the first write)', () => {
    async function put(name: string): Promise<void> {
      await transactor.db.insertInto('directline_key').values({ name, value: 'v', created_at: '2024-01-01' }).execute();
    }
    async function storedKeys(prefix: string): Promise<string[]> {
      const rows = await ctx.db
        .selectFrom('directline_key')
        .select('name')
        .where('name', 'like', `${prefix}%`)
        .orderBy('name')
        .execute();
      return rows.map((r) => r.name);
    }
    /** A pause standing for the bot's CPU work and its awaits, seeded so runs interleave alike. */
    const pause = (turn: number, step: number) =>
      new Promise((resolve) => setTimeout(resolve, ((turn * 7 + step * 13) % 11) + 1));

    it.each([4, 12, 25])(
      'keeps each of %i concurrent turns all or nothing, a thrown turn rolled back whole',
      async (n) => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: n }, (_, turn) =>
            transactor.runTurn(async () => {
              await transactor.db.selectFrom('sequences').selectAll().execute();
              await pause(turn, 0);
              for (let step = 0; step < 4; step++) {
                await put(`n${n}-t${String(turn).padStart(2, '0')}-${step}`);
                await transactor.db.selectFrom('directline_key').select('name').execute();
                await pause(turn, step + 1);
                if (turn % 3 === 1 && step === 2) throw new Error(`turn ${turn} failed`);
              }
            }),
          ),
        );
        for (const [turn, outcome] of outcomes.entries()) {
          const prefix = `n${n}-t${String(turn).padStart(2, '0')}-`;
          const expected = turn % 3 === 1 ? [] : [0, 1, 2, 3].map((step) => `${prefix}${step}`);
          expect({ turn, status: outcome.status, keys: await storedKeys(prefix) }).toEqual({
            turn,
            status: turn % 3 === 1 ? 'rejected' : 'fulfilled',
            keys: expected,
          });
        }
      },
    );

    it('lets other turns read, write and commit while one has not written yet', async () => {
      let open = (): void => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const slow = transactor.runTurn(async () => {
        await transactor.db.selectFrom('sequences').selectAll().execute();
        await gate; // matching, dialogs: no statement, so no connection held
        await put('slow-1');
      });
      const quick = transactor.runTurn(async () => {
        await transactor.db.selectFrom('sequences').selectAll().execute();
        await put('quick-1');
      });
      // With the transaction begun at the start (`run`), `quick` would wait for `slow`, which waits for the gate.
      const finished = await Promise.race([
        quick.then(() => 'quick committed'),
        new Promise((resolve) => setTimeout(() => resolve('quick still waiting'), 3_000)),
      ]);
      open();
      await slow;
      await quick;
      expect(finished).toBe('quick committed');
      expect(await storedKeys('quick-')).toEqual(['quick-1']);
      expect(await storedKeys('slow-')).toEqual(['slow-1']);
    });

    it('runs afterCommit callbacks once the turn commits, never when it rolls back', async () => {
      const heard: string[] = [];
      await transactor.runTurn(async () => {
        await put('heard-1');
        transactor.afterCommit(() => heard.push('committed'));
        expect(heard).toEqual([]);
      });
      await expect(
        transactor.runTurn(async () => {
          await put('heard-2');
          transactor.afterCommit(() => heard.push('rolled back'));
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(heard).toEqual(['committed']);
      expect(await storedKeys('heard-')).toEqual(['heard-1']);
    });

    it('commits runAhead work on its own before the turn has written, and joins the turn after', async () => {
      await expect(
        transactor.runTurn(async () => {
          await transactor.runAhead(() => put('ahead-1'));
          await put('turn-1');
          await transactor.runAhead(() => put('ahead-2'));
          throw new Error('the turn failed');
        }),
      ).rejects.toThrow('the turn failed');
      // The first ran before the turn's transaction began; the second joined it and rolled back with it.
      expect(await storedKeys('ahead-')).toEqual(['ahead-1']);
      expect(await storedKeys('turn-')).toEqual([]);
    });
  });
});
