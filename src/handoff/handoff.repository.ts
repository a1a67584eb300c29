import type { Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { HandoffTable } from './handoff.table.ts';
import { HANDOFF_STATES, type Handoff, type HandoffState, LIVE_HANDOFF_STATES } from './handoff.ts';

function rowToHandoff(row: Selectable<HandoffTable>): Handoff {
  const state = HANDOFF_STATES.find((s) => s === row.state) ?? 'failed';
  return {
    ticketId: row.ticket_id,
    conversationId: row.conversation_id,
    state,
    agentId: row.agent_id,
    startedAt: row.started_at,
    stateChangedAt: row.state_changed_at,
  };
}

/** The only place that reads and writes `handoffs`. */
export class HandoffRepository {
  constructor(private readonly db: Db) {}

  /** Starts (or restarts, after a failed or completed one) the live handoff of a ticket. */
  async start(ticketId: number, conversationId: string, at: string): Promise<Handoff> {
    const row = await this.db
      .insertInto('handoffs')
      .values({
        ticket_id: ticketId,
        conversation_id: conversationId,
        state: 'pending',
        agent_id: null,
        started_at: at,
        state_changed_at: at,
      })
      .onConflict((oc) =>
        oc
          .column('ticket_id')
          .doUpdateSet({ state: 'pending', agent_id: null, started_at: at, state_changed_at: at })
          .where('handoffs.state', 'not in', [...LIVE_HANDOFF_STATES]),
      )
      .returningAll()
      .executeTakeFirst();
    return rowToHandoff(
      row ??
        (await this.db.selectFrom('handoffs').selectAll().where('ticket_id', '=', ticketId).executeTakeFirstOrThrow()),
    );
  }

  async live(conversationId: string): Promise<Handoff | undefined> {
    const row = await this.db
      .selectFrom('handoffs')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('state', 'in', [...LIVE_HANDOFF_STATES])
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : rowToHandoff(row);
  }

  async byTicket(ticketId: number): Promise<Handoff | undefined> {
    const row = await this.db.selectFrom('handoffs').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
    return row === undefined ? undefined : rowToHandoff(row);
  }

  /** Moves a handoff from one of `from` to `to`; returns the updated handoff, or undefined if it was not in `from`. */
  async transition(
    ticketId: number,
    from: readonly HandoffState[],
    to: HandoffState,
    at: string,
    agentId?: number,
  ): Promise<Handoff | undefined> {
    const row = await this.db
      .updateTable('handoffs')
      .set({ state: to, state_changed_at: at, ...(agentId === undefined ? {} : { agent_id: agentId }) })
      .where('ticket_id', '=', ticketId)
      .where('state', 'in', [...from])
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : rowToHandoff(row);
  }

  /** Pending handoffs started before `before`: nobody claimed them in time. */
  async pendingSince(before: string): Promise<Handoff[]> {
    const rows = await this.db
      .selectFrom('handoffs')
      .selectAll()
      .where('state', '=', 'pending')
      .where('started_at', '<', before)
      .execute();
    return rows.map(rowToHandoff);
  }
}
