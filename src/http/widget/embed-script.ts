import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config.ts';
import { AppError } from '../../shared/app.error.ts';
import type { EmbedConfig } from './assets/embed.types.d.ts';
import { scriptSafeJson } from './script-safe-json.ts';

/** The snippet's source: a classic script with a placeholder for its configuration. */
const EMBED_TEMPLATE_FILE = path.join(import.meta.dirname, 'assets', 'embed.js');
const PLACEHOLDER = '/*ANSWERDESK_CONFIG*/ {}';

/**
 * The embed snippet (`/widget/embed.js`) with the widget's name and colour written in as
 * script-safe JSON. Reads the template on each call: call it once.
 *
 * @throws AppError (`page_template_invalid`) when the template lacks its placeholder.
 */
export function renderEmbedScript(widget: Config['widget'], file = EMBED_TEMPLATE_FILE): string {
  const template = fs.readFileSync(file, 'utf8');
  if (!template.includes(PLACEHOLDER)) {
    throw new AppError('page_template_invalid', `${file}: the snippet has no ${PLACEHOLDER} placeholder`);
  }
  const config: EmbedConfig = { botName: widget.botName, accentColor: widget.accentColor };
  // A function replacer, so a `$'` or `$&` in the bot name is text, not a replacement pattern.
  return template.replace(PLACEHOLDER, () => scriptSafeJson(config));
}
