import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Transactor } from '../../src/store/transactor.ts';
import { directLine, startConversation, type WireActivity } from '../helpers/directline.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

/** Questions the fixture knowledge answers outright, and ones it does not know. */
const MESSAGES = [
  'where is my order?',
  'can I return an item?',
  'how do I track my parcel',
  'do you sell garden gnomes',
  'where is my order?',
  'what are your opening hours',
];

describe('turns of one conversation', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([2, 4, 6])(
    'run one after another when the customer sends %i messages at once: each answer follows its message, none runs twice',
    async (count) => {
      const conversation = await startConversation(server.url);
      const original = Transactor.prototype.runTurn;
      let running = 0;
      let mostAtOnce = 0;
      const runTurn = vi.spyOn(Transactor.prototype, 'runTurn').mockImplementation(async function <T>(
        this: Transactor,
        work: () => Promise<T>,
      ): Promise<T> {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        try {
          return (await original.call(this, work)) as T;
        } finally {
          running -= 1;
        }
      });
      const posts = MESSAGES.slice(0, count).map((text) =>
        directLine(server.url, 'POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
          type: 'message',
          from: { id: 'customer' },
          text,
        }),
      );
      const results = await Promise.all(posts);
      const turns = [...runTurn.mock.results];
      runTurn.mockRestore();
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      const res = await directLine(
        server.url,
        'GET',
        `/conversations/${conversation.conversationId}/activities`,
        conversation.token,
      );
      const activities = (res.body as { activities: WireActivity[] }).activities;
      const customer = activities.filter((a) => a.from.role !== 'bot').map((a) => a.id);
      expect(customer).toHaveLength(count);
      // Every message is stored when it is posted; the replies then follow in blocks, one message's
      // replies together, in the order the messages were stored.
      const afterGreeting = activities.slice(activities.findIndex((a) => a.id === customer[0]));
      const owners = afterGreeting.filter((a) => a.from.role === 'bot').map((a) => a.replyToId);
      expect([...new Set(owners)]).toEqual(customer);
      for (const id of customer) {
        const block = owners.filter((o) => o === id).length;
        expect(block).toBeGreaterThanOrEqual(1);
        expect(owners.lastIndexOf(id) - owners.indexOf(id) + 1).toBe(block);
      }
      // Each turn ran once and committed (one that lost a race on the bot state's eTag is rolled back
      // and run again with each write on its own).
      const outcomes = await Promise.allSettled(turns.map((r) => r.value as Promise<unknown>));
      expect(outcomes.map((o) => o.status)).toEqual(customer.map(() => 'fulfilled'));
      expect(mostAtOnce).toBe(1);
    },
  );
});
