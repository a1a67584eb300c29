// @ts-check
// The reply composer's typing signal: the customer sees "typing…" while the agent writes.

/** At most one signal this often: Web Chat shows a typing indicator for 5 s after each one. */
const TYPING_SIGNAL_INTERVAL_MS = 3000;

/**
 * Calls `signal` when the agent types into `textarea` (not when they only clear it), at most once
 * every `intervalMs` counted from the last signal it sent: `signal` says whether it sent one (no
 * ticket shown yet: the next keystroke tries again). It must not throw (a lost signal is harmless).
 *
 * @param {HTMLTextAreaElement} textarea
 * @param {() => boolean} signal
 * @param {number} [intervalMs]
 */
export function wireTypingSignal(textarea, signal, intervalMs = TYPING_SIGNAL_INTERVAL_MS) {
  let last = Number.NEGATIVE_INFINITY;
  textarea.addEventListener('input', () => {
    if (textarea.value.trim() === '') return;
    const now = performance.now();
    if (now - last < intervalMs) return;
    if (signal()) last = now;
  });
}
