// @ts-check
// The small Markdown the bot's answers use (knowledge/faq/*.yaml, knowledge/responses.yaml):
// **bold**, *italics* or _italics_, `code`, [links](https://…), "- " and "1. " lists, line breaks
// and blank-line paragraphs. Built as DOM nodes with text nodes only: no HTML string is ever
// parsed (the page's Trusted Types policy would refuse it anyway), so whatever the text holds it
// can only show up as text. A library would not fit: marked, markdown-it and micromark produce an
// HTML string (an innerHTML sink this page forbids), and the AST parsers (mdast) are dozens of
// modules that need a bundler to be served as local ES modules.

/** Link targets that may become links; anything else (javascript:, data:, relative) stays text. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s<>"]+$/i;

/**
 * The first inline token in a string: `**bold**`, `` `code` ``, `[label](target)`, `*em*` or
 * `_em_` (not inside a word, so snake_case and 2*3*4 stay as they are).
 */
const INLINE =
  /\*\*(?=\S)([\s\S]*?\S)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|(?<![\p{L}\p{N}*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/u;

/** A list item line: `- `, `* ` or `+ ` (bulleted) or `1. ` / `1) ` (numbered). */
const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

/**
 * Inline Markdown of one line as nodes; `text` is never interpreted as HTML.
 *
 * @param {string} text
 * @returns {Node[]}
 */
export function inlineNodes(text) {
  /** @type {Node[]} */
  const nodes = [];
  let rest = text;
  while (rest !== '') {
    const m = INLINE.exec(rest);
    if (m === null) {
      nodes.push(document.createTextNode(rest));
      break;
    }
    if (m.index > 0) nodes.push(document.createTextNode(rest.slice(0, m.index)));
    const [whole, bold, code, label, href, star, underscore] = m;
    if (bold !== undefined) nodes.push(wrap('strong', inlineNodes(bold)));
    else if (code !== undefined) nodes.push(wrap('code', [document.createTextNode(code)]));
    else if (label !== undefined && href !== undefined) nodes.push(link(label, href, whole));
    else nodes.push(wrap('em', inlineNodes(star ?? underscore ?? '')));
    rest = rest.slice(m.index + whole.length);
  }
  return nodes;
}

/**
 * @param {'strong' | 'em' | 'code'} tag
 * @param {Node[]} children
 */
function wrap(tag, children) {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

/**
 * A link to an http(s) or mailto target, opened in a new tab without a referrer or an opener;
 * any other target is shown as the text it was written as.
 *
 * @param {string} label
 * @param {string} href
 * @param {string} source
 * @returns {Node}
 */
function link(label, href, source) {
  if (!SAFE_HREF.test(href)) return document.createTextNode(source);
  const a = document.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.append(...inlineNodes(label));
  return a;
}

/**
 * Lines as one paragraph with line breaks between them.
 *
 * @param {string[]} lines
 */
function paragraph(lines) {
  const p = document.createElement('p');
  lines.forEach((line, i) => {
    if (i > 0) p.append(document.createElement('br'));
    p.append(...inlineNodes(line));
  });
  return p;
}

/**
 * The Markdown `text` as block nodes (paragraphs and lists) to append to a container.
 *
 * @example container.replaceChildren(...markdownNodes('Use **My account → Orders**.'))
 * @param {string} text
 * @returns {HTMLElement[]}
 */
export function markdownNodes(text) {
  /** @type {HTMLElement[]} */
  const blocks = [];
  /** @type {string[]} */
  let lines = [];
  /** @type {HTMLOListElement | HTMLUListElement | null} */
  let list = null;
  const endParagraph = () => {
    if (lines.length > 0) blocks.push(paragraph(lines));
    lines = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const item = LIST_ITEM.exec(line);
    if (line.trim() === '') {
      endParagraph();
      list = null;
    } else if (item !== null) {
      endParagraph();
      const tag = item[1] === undefined ? 'ol' : 'ul';
      if (list === null || list.tagName.toLowerCase() !== tag) {
        list = document.createElement(tag);
        if (list instanceof HTMLOListElement && item[2] !== undefined && item[2] !== '1') list.start = Number(item[2]);
        blocks.push(list);
      }
      const li = document.createElement('li');
      li.append(...inlineNodes(item[3] ?? ''));
      list.append(li);
    } else if (list !== null && /^\s{2,}\S/.test(line) && list.lastElementChild !== null) {
      // An indented line continues the list item above it.
      list.lastElementChild.append(document.createElement('br'), ...inlineNodes(line.trim()));
    } else {
      list = null;
      lines.push(line);
    }
  }
  endParagraph();
  return blocks;
}
