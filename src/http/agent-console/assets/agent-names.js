// @ts-check
/** @import { TicketDetailJson } from './agent-api.types.js' */
/** @import { Session } from './session.js' */

/**
 * The display name of agent `id` as a ticket mentions them: "Dana (you)" for the signed-in agent,
 * the name the ticket detail lists, else "agent 7".
 *
 * @param {Session} session
 * @param {TicketDetailJson} detail
 * @param {number | null | undefined} id
 * @returns {string | null} null for no agent
 */
export function agentName(session, detail, id) {
  if (id === null || id === undefined) return null;
  if (session.me !== null && id === session.me.id) return `${session.me.name} (you)`;
  const known = detail.agents.find((a) => a.id === id);
  return known ? known.name : `agent ${id}`;
}

/**
 * Who did something in the ticket's history: an agent's name, the customer's name, or "Bot".
 *
 * @param {Session} session
 * @param {TicketDetailJson} detail
 * @param {string} actor `bot`, `customer` or `agent:<id>`
 * @returns {string}
 */
export function actorName(session, detail, actor) {
  const match = /^agent:(\d+)$/.exec(actor);
  if (match) return agentName(session, detail, Number(match[1])) ?? actor;
  if (actor === 'customer') return detail.customer?.name || 'Customer';
  return actor === 'bot' ? 'Bot' : actor;
}
