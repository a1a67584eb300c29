// @ts-check
/** @import { AgentJson } from './agent-api.types.js' */

/** Who is signed in to this tab: the agent's token and what `GET /me` said about them, or nobody. */
export class Session {
  /** @type {string | null} */
  token = null;
  /** @type {AgentJson | null} */
  me = null;

  /**
   * The agent's own id, or null when signed out.
   *
   * @returns {number | null}
   */
  get agentId() {
    return this.me === null ? null : this.me.id;
  }
}
