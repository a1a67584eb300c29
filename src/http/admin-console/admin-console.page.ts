import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/app.error.ts';
import { scriptSafeJson } from '../widget/script-safe-json.ts';
import type { AdminConsoleClientConfig } from './assets/admin-config.types.d.ts';

/** The page's markup: a static file, so it can be read and edited as HTML. */
const ADMIN_CONSOLE_PAGE_FILE = path.join(import.meta.dirname, 'admin-console.html');

/**
 * The admin page: the static markup of {@link ADMIN_CONSOLE_PAGE_FILE} with its config filled in.
 * Nothing from customers or the knowledge is in it; the scripts fetch those with the admin's token
 * and render them as text nodes. The config travels in a JSON data block (never executed, escaped
 * so no value can close the element). Reads the file on each call: call it once.
 *
 * @throws AppError (`page_template_invalid`) when the file lacks its `{{config}}` placeholder.
 */
export function renderAdminConsolePage(config: AdminConsoleClientConfig, file = ADMIN_CONSOLE_PAGE_FILE): string {
  const template = fs.readFileSync(file, 'utf8');
  if (!template.includes('{{config}}')) {
    throw new AppError('page_template_invalid', `${file}: the page has no {{config}} placeholder`);
  }
  // A function replacer, so no `$&`-style pattern in the value is ever interpreted.
  return template.replace('{{config}}', () => scriptSafeJson(config));
}
