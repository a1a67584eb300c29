import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../../config/config.ts';
import { DIRECT_LINE_BASE_PATH } from '../directline/directline.routes.ts';
import { renderEmbedScript } from './embed-script.ts';
import { renderWidgetPage, type WidgetMode, widgetContentSecurityPolicy } from './widget.page.ts';

const ASSETS_DIR = path.join(import.meta.dirname, 'assets');
/** Web Chat's own bundle is immutable per version, so browsers may keep it a week. */
const WEBCHAT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** The embed snippet changes with configuration; site visitors re-check it now and then. */
const EMBED_MAX_AGE_SECONDS = 300;
/**
 * The files of `assets/` a browser may fetch: the stylesheet and the page's ES modules (`chat.js`
 * and what it imports), listed once at start. `embed.js` is a template served at `/widget/embed.js`
 * with the configuration filled in; type declarations (`*.d.ts`) are for `tsc` only.
 */
function servedAssets(): string[] {
  return fs
    .readdirSync(ASSETS_DIR)
    .filter((name) => /^[\w.-]+\.(?:js|css)$/.test(name) && name !== 'embed.js')
    .sort();
}
const HOST_PATTERN = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** Where Web Chat's prebuilt browser bundle is in our own `node_modules`, and its version. */
function locateWebChat(): { file: string; version: string } {
  const require = createRequire(import.meta.url);
  // The package's "exports" hide dist/ and package.json, so go from its main entry (lib/index.js).
  const root = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { file: path.join(root, 'dist', 'webchat.js'), version };
}

/**
 * The website widget: `/widget` (full-page chat), `/widget/frame` (the chat alone, for the
 * floating button's iframe), `/widget/embed.js` (the one-line snippet site owners paste) and the
 * static assets, Web Chat included, served from this server (no CDN).
 */
export function widgetRoutes(widget: Config['widget']): Router {
  const webChat = locateWebChat();
  const embed = renderEmbedScript(widget);
  const router = express.Router();

  const page = (mode: WidgetMode, frameAncestors: string) => (req: Request, res: Response) => {
    const nonce = randomBytes(16).toString('base64');
    const host = HOST_PATTERN.test(req.host) ? req.host : 'localhost';
    res.set({
      'Content-Security-Policy': widgetContentSecurityPolicy(nonce, host, req.protocol === 'https', frameAncestors),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    if (mode === 'page') res.set('X-Frame-Options', 'SAMEORIGIN');
    res.type('html').send(
      renderWidgetPage({
        mode,
        widget,
        directLinePath: DIRECT_LINE_BASE_PATH,
        nonce,
        webChatVersion: `v=${webChat.version}`,
      }),
    );
  };
  router.get('/widget', page('page', "'self'"));
  // Any website may frame the chat: that is what the embed snippet is for.
  router.get('/widget/frame', page('frame', '*'));

  router.get('/widget/embed.js', (_req, res) => {
    res.set({
      'Cache-Control': `public, max-age=${EMBED_MAX_AGE_SECONDS}`,
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    res.type('text/javascript').send(embed);
  });

  router.get('/widget/assets/webchat.js', (_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.sendFile(webChat.file, { maxAge: WEBCHAT_MAX_AGE_MS, immutable: true }, (err) => err && next(err));
  });
  for (const asset of servedAssets()) {
    router.get(`/widget/assets/${asset}`, (_req, res, next) => {
      res.set('X-Content-Type-Options', 'nosniff');
      // Revalidated on each load (cheap with the ETag), so a deploy shows up at once.
      res.sendFile(
        path.join(ASSETS_DIR, asset),
        { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } },
        (err) => err && next(err),
      );
    });
  }
  return router;
}
