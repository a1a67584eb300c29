// @ts-check

/** @typedef {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} KeyValueStorage */

/**
 * `localStorage` or `sessionStorage`, or a memory stand-in for this page when the browser blocks
 * storage (private modes, third-party iframes).
 *
 * @param {'localStorage' | 'sessionStorage'} name
 * @returns {KeyValueStorage}
 */
export function storageOrMemory(name) {
  try {
    const store = window[name];
    store.setItem('answerdesk.probe', '1');
    store.removeItem('answerdesk.probe');
    return store;
  } catch {
    /** @type {Map<string, string>} */
    const memory = new Map();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, String(value)),
      removeItem: (key) => void memory.delete(key),
    };
  }
}
