// @ts-check

/**
 * The ticket's one-line banner: why an action failed, or what changed under the agent's feet.
 *
 * @param {HTMLElement} element
 */
export function createBanner(element) {
  return {
    /** @param {string} text @param {'error' | 'conflict'} kind */
    show(text, kind) {
      element.textContent = text;
      element.className = `banner banner-${kind}`;
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
      element.textContent = '';
    },
  };
}
