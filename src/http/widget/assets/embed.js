// @ts-check
// answerdesk website widget. Paste into any page:
//   <script src="https://your-answerdesk-host/widget/embed.js" defer></script>
// It adds a floating chat button that opens the chat (an iframe of /widget/frame on the answerdesk
// server, so the host page's styles and scripts cannot reach the chat and vice versa).
// Signed-in customers: add data-token-url="/your/answerdesk-token" to the script tag. This page then
// POSTs to that URL on your own site (with its cookies) and hands the answerdesk token it returns
// ({"token": "…"}, made by your server with DIRECTLINE_SECRET) to the chat, which uses it instead
// of an anonymous one. See README, "Who the customer is".
// A classic script, not a module: other sites paste it as one tag, and it needs document.currentScript.
/** @import { EmbedConfig } from './embed.types.js' */
(() => {
  'use strict';
  if (window.__answerdeskWidget) return;
  window.__answerdeskWidget = true;

  const config = /** @type {EmbedConfig} */ (/*ANSWERDESK_CONFIG*/ {});
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  const origin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const tokenUrl = script ? script.getAttribute('data-token-url') : null;
  const label = `Chat with ${config.botName}`;
  const SVG = 'http://www.w3.org/2000/svg';
  const CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
  const CLOSE_ICON = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';

  /** @param {HTMLElement} element @param {Readonly<Record<string, string>>} styles */
  function css(element, styles) {
    for (const [key, value] of Object.entries(styles)) element.style.setProperty(key, value);
  }

  /** @param {string} d the icon's path */
  function icon(d) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '26');
    svg.setAttribute('height', '26');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    return svg;
  }

  function launcher() {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'answerdesk-launcher';
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-expanded', 'false');
    button.title = label;
    css(button, {
      position: 'fixed',
      right: '20px',
      bottom: '20px',
      width: '56px',
      height: '56px',
      'border-radius': '50%',
      border: 'none',
      padding: '0',
      cursor: 'pointer',
      color: '#fff',
      background: config.accentColor,
      'box-shadow': '0 4px 14px rgba(0,0,0,.25)',
      'z-index': '2147483000',
      display: 'flex',
      'align-items': 'center',
      'justify-content': 'center',
    });
    button.appendChild(icon(CHAT_ICON));
    return button;
  }

  function chatFrame() {
    const frame = document.createElement('iframe');
    frame.src = `${origin}/widget/frame${tokenUrl ? '#site-token' : ''}`;
    frame.title = label;
    frame.className = 'answerdesk-frame';
    frame.setAttribute('allow', 'clipboard-write');
    css(frame, {
      position: 'fixed',
      right: '20px',
      bottom: '88px',
      width: 'min(380px, calc(100vw - 40px))',
      height: 'min(600px, calc(100vh - 120px))',
      border: 'none',
      'border-radius': '12px',
      background: '#fff',
      'box-shadow': '0 8px 28px rgba(0,0,0,.28)',
      'z-index': '2147483000',
    });
    return frame;
  }

  /**
   * The chat asks for the site's token; only the answerdesk frame gets it.
   *
   * @param {string} url the site's data-token-url
   * @param {() => HTMLIFrameElement | null} currentFrame
   */
  function answerTokenRequests(url, currentFrame) {
    window.addEventListener('message', (event) => {
      const frame = currentFrame();
      if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
      if (event.data?.answerdesk !== 'token-request') return;
      const target = frame.contentWindow;
      if (!target) return;
      fetch(url, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((res) => {
          if (!res.ok) throw new Error(`the token URL answered ${res.status}`);
          return res.json();
        })
        .then(
          (body) => target.postMessage({ answerdesk: 'token', token: body?.token }, origin),
          (error) => {
            console.error('answerdesk: could not get a chat token from data-token-url', error);
            target.postMessage({ answerdesk: 'token-error' }, origin);
          },
        );
    });
  }

  function mount() {
    const button = launcher();
    /** @type {HTMLIFrameElement | null} */
    let frame = null;
    button.addEventListener('click', () => {
      const opening = !frame || frame.style.display === 'none';
      if (!frame) {
        frame = chatFrame();
        document.body.appendChild(frame);
      } else {
        frame.style.display = opening ? 'block' : 'none';
      }
      button.replaceChildren(icon(opening ? CLOSE_ICON : CHAT_ICON));
      button.setAttribute('aria-expanded', String(opening));
    });
    document.body.appendChild(button);
    if (tokenUrl) answerTokenRequests(tokenUrl, () => frame);
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
