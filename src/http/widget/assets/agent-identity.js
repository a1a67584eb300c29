// @ts-check
/** @import { ReactElementLike, WebChatActivity, WebChatIdentityProps } from './webchat.types.js' */

/**
 * React's element marker. Web Chat's bundle keeps its React private (no `window.React`), and its
 * middleware must return React elements; an element is a plain object tagged with this symbol
 * (React 16, which webchat.js 4.18 bundles), so the page builds the few it needs by hand rather
 * than loading a second React.
 */
const REACT_ELEMENT = Symbol.for('react.element');

/**
 * @param {string} type an HTML tag
 * @param {string | null} key
 * @param {Record<string, unknown>} props
 * @returns {ReactElementLike}
 */
function element(type, key, props) {
  return { $$typeof: REACT_ELEMENT, type, key, ref: null, props, _owner: null };
}

/**
 * The person who sent `activity`, when it is an agent's (the server sends agents' messages and
 * typing from `agent-<id>` with their name, and marks them `channelData.answerdesk.author`).
 *
 * @param {WebChatActivity | undefined} activity
 * @returns {{ id: string, name: string } | undefined}
 */
function agentOf(activity) {
  const from = activity?.from;
  if (activity?.channelData?.answerdesk?.author !== 'agent' || typeof from?.id !== 'string') return undefined;
  return { id: from.id, name: typeof from.name === 'string' && from.name.trim() !== '' ? from.name : 'Support' };
}

/**
 * Up to two initials of a name: "Jane Doe" → "JD", "Ola" → "O".
 *
 * @param {string} name
 */
function initials(name) {
  const words = name.trim().split(/\s+/u);
  const first = words[0] ?? '';
  const last = words.length > 1 ? (words.at(-1) ?? '') : '';
  return (Array.from(first)[0] ?? '') + (Array.from(last)[0] ?? '');
}

/**
 * @template T
 * @param {readonly T[]} items
 * @param {(last: T, current: T) => boolean} same
 * @returns {T[][]}
 */
function bin(items, same) {
  /** @type {T[][]} */
  const bins = [];
  for (const item of items) {
    const last = bins.at(-1);
    const previous = last?.at(-1);
    if (last !== undefined && previous !== undefined && same(previous, item)) last.push(item);
    else bins.push([item]);
  }
  return bins;
}

/**
 * Web Chat props that show a person's messages as theirs, as Web Chat shows any other sender: the
 * bot keeps its initials, an agent gets their own initials (the name as the avatar's label) and
 * their name beside the time (once per run of messages), and a run of messages from one sender is grouped by sender id, not
 * only by role (an agent and the bot are both `bot` to the channel). Names are React text: never HTML.
 *
 * @returns {WebChatIdentityProps}
 */
export function agentIdentityProps() {
  return {
    avatarMiddleware: () => (next) => (args) => {
      const agent = agentOf(args.activity);
      if (agent === undefined) return next(args);
      return () =>
        element('div', null, {
          className: 'answerdesk-agent-avatar',
          role: 'img',
          'aria-label': agent.name,
          title: agent.name,
          children: initials(agent.name),
        });
    },
    activityStatusMiddleware: () => (next) => (args) => {
      const agent = agentOf(args.activity);
      const status = next(args);
      // Named once per run of messages, where Web Chat shows the time.
      if (agent === undefined || args.hideTimestamp) return status;
      return element('span', null, {
        className: 'answerdesk-agent-status',
        children: [
          element('span', 'name', { className: 'answerdesk-agent-name', children: agent.name }),
          status ? element('span', 'status', { children: status }) : null,
        ],
      });
    },
    groupActivitiesMiddleware: () => (next) => (args) => ({
      ...next(args),
      sender: bin(args.activities, (x, y) => x.from?.role === y.from?.role && x.from?.id === y.from?.id),
    }),
  };
}
