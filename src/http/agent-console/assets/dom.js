// @ts-check
// Building DOM from data. Strings always become text nodes: nothing here (or anywhere in the
// console) assigns HTML, and the page's Trusted Types policy would refuse it anyway.

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Readonly<Record<string, string | number | boolean | null | undefined>>} Attributes */

/**
 * The element with `id`, checked to be of `type`, so a renamed id fails at start, loudly.
 *
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} type
 * @returns {T}
 */
export function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`agent console: the page has no ${type.name} #${id}`);
  return node;
}

/**
 * An element with attributes and children; strings become text nodes, never markup.
 * `className` sets the class; `true` gives an empty attribute; null, undefined and false are skipped.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes | null} attrs
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'className') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
  return node;
}

/**
 * A coloured label: `badge('urgent', 'priority-urgent')` is `<span class="badge badge-priority-urgent">`.
 *
 * @param {string} text
 * @param {string} kind
 */
export function badge(text, kind) {
  return el('span', { className: `badge badge-${kind}` }, text);
}
