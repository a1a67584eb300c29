import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../store/database.ts';
import type { AgentTable } from './agent.table.ts';
import type { Agent } from './agent.ts';

function rowToAgent(row: Selectable<AgentTable>): Agent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}

/** The only place that reads and writes `agents`. */
export class AgentRepository {
  constructor(private readonly db: Db) {}

  async insert(values: Insertable<AgentTable>): Promise<Agent> {
    const row = await this.db.insertInto('agents').values(values).returningAll().executeTakeFirstOrThrow();
    return rowToAgent(row);
  }

  async list(): Promise<Agent[]> {
    const rows = await this.db.selectFrom('agents').selectAll().orderBy('id').execute();
    return rows.map(rowToAgent);
  }

  async findById(id: number): Promise<Agent | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : rowToAgent(row);
  }

  /** The active agent with this email, if any (a revoked agent's email may be reused). */
  async findActiveByEmail(email: string): Promise<Agent | undefined> {
    const row = await this.db
      .selectFrom('agents')
      .selectAll()
      .where('email', '=', email)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row === undefined ? undefined : rowToAgent(row);
  }

  /** The agent whose token hashes to `tokenHash`, with the stored hash for a constant-time re-check. */
  async findByTokenHash(tokenHash: string): Promise<{ agent: Agent; tokenHash: string } | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row === undefined ? undefined : { agent: rowToAgent(row), tokenHash: row.token_hash };
  }

  async revoke(id: number, at: string): Promise<Agent | undefined> {
    const row = await this.db
      .updateTable('agents')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : rowToAgent(row);
  }

  /** Gives an active agent a new token hash and expiry: the old token stops matching at once. */
  async replaceToken(id: number, tokenHash: string, expiresAt: string | null): Promise<Agent | undefined> {
    const row = await this.db
      .updateTable('agents')
      .set({ token_hash: tokenHash, expires_at: expiresAt })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : rowToAgent(row);
  }

  /** Display names of the given agents (revoked ones too: their past work still shows). */
  async names(ids: readonly number[]): Promise<Array<{ id: number; name: string }>> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('agents').select(['id', 'name']).where('id', 'in', ids).orderBy('id').execute();
  }
}
