import type { Config } from '../../config/config.ts';
import type { WidgetClientConfig } from './assets/widget-config.types.d.ts';
import { escapeHtml } from './html-escape.ts';
import { scriptSafeJson } from './script-safe-json.ts';

const WIDGET_MODES = ['page', 'frame'] as const;
/** `page`: the full-page demo at `/widget`; `frame`: the chat alone, for the iframe of `embed.js`. */
export type WidgetMode = (typeof WIDGET_MODES)[number];

export interface WidgetPageOptions {
  readonly mode: WidgetMode;
  readonly widget: Config['widget'];
  readonly directLinePath: string;
  readonly nonce: string;
  /** Query string that busts caches when Web Chat is upgraded, e.g. `v=4.18.1`. */
  readonly webChatVersion: string;
}

/**
 * The chat page. Nothing runs inline: configuration travels in a JSON data block (never executed,
 * escaped so no value can close the element), and every script is a file from this server (Web
 * Chat's bundle, a deferred classic script, then the page's ES module `chat.js`, which runs after
 * it and imports only files of `assets/`), which is what the strict Content-Security-Policy from
 * {@link widgetContentSecurityPolicy} allows.
 */
export function renderWidgetPage(options: WidgetPageOptions): string {
  const { mode, widget, nonce } = options;
  const config: WidgetClientConfig = {
    botName: widget.botName,
    accentColor: widget.accentColor,
    botAvatarInitials: widget.botAvatarInitials,
    directLinePath: options.directLinePath,
    nonce,
  };
  const title = escapeHtml(`Chat with ${widget.botName}`);
  const header =
    mode === 'page'
      ? `<header class="answerdesk-header"><h1>${title}</h1><p>Ask a question in your own words. A person can take over at any time.</p></header>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/widget/assets/widget.css">
<script type="application/json" id="answerdesk-widget-config">${scriptSafeJson(config)}</script>
<script src="/widget/assets/webchat.js?${escapeHtml(options.webChatVersion)}" defer></script>
<script type="module" src="/widget/assets/chat.js"></script>
</head>
<body class="answerdesk-${mode}">
${header}<main id="answerdesk-chat" class="answerdesk-chat" aria-label="${title}"><p class="answerdesk-status">Connecting…</p></main>
</body>
</html>
`;
}

/**
 * The hash of an empty `<style>` element. Web Chat's scroll container (react-scroll-to-bottom)
 * creates its emotion `<style>` without Web Chat's nonce, empty, and fills it through the CSSOM
 * (`insertRule`), which CSP does not govern. Allowing exactly the empty element keeps every
 * `<style>` with content still needing the nonce.
 */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/**
 * A strict policy for the chat pages: scripts only from this server (no inline, no eval), styles
 * from this server plus Web Chat's nonce-tagged `<style>` elements (and empty ones, see
 * {@link EMPTY_STYLE_HASH}), network only to this origin
 * (REST and the WebSocket stream), images from this server and `data:`/`blob:` (Web Chat's icons).
 * `frameAncestors` says who may frame the page: `'self'` for `/widget`, `*` for the embed frame.
 */
export function widgetContentSecurityPolicy(
  nonce: string,
  host: string,
  secure: boolean,
  frameAncestors: string,
): string {
  const ws = `${secure ? 'wss' : 'ws'}://${host}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}
