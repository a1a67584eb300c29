import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/app.error.ts';
import { MAX_NOTE_LENGTH } from '../../tickets/ticket-input.ts';
import { MAX_SEARCH_LENGTH } from '../agent-api/agent-api.input.ts';
import { scriptSafeJson } from '../widget/script-safe-json.ts';
import type { AgentConsoleClientConfig } from './assets/console-config.types.d.ts';

/** The page's markup: a static file, so it can be read and edited as HTML. */
const AGENT_CONSOLE_PAGE_FILE = path.join(import.meta.dirname, 'agent-console.html');

/**
 * The agent console page: the static markup of {@link AGENT_CONSOLE_PAGE_FILE} with its values
 * (the config, the note and search length limits) filled in. Nothing from customers, tickets or agents is in it; the scripts fetch those with the
 * agent's token and render them as text nodes. The config travels in a JSON data block (never
 * executed, escaped so no value can close the element). Reads the file on each call: call it once.
 *
 * @throws AppError (`page_template_invalid`) when the file lacks one of its placeholders.
 */
export function renderAgentConsolePage(config: AgentConsoleClientConfig, file = AGENT_CONSOLE_PAGE_FILE): string {
  const values: Readonly<Record<string, string>> = {
    '{{config}}': scriptSafeJson(config),
    '{{maxNoteLength}}': String(MAX_NOTE_LENGTH),
    '{{maxSearchLength}}': String(MAX_SEARCH_LENGTH),
  };
  const template = fs.readFileSync(file, 'utf8');
  const missing = Object.keys(values).filter((placeholder) => !template.includes(placeholder));
  if (missing.length > 0) {
    throw new AppError('page_template_invalid', `${file}: the page has no ${missing.join(', ')} placeholder`);
  }
  // A function replacer, so no `$&`-style pattern in a value is ever interpreted.
  return template.replace(/\{\{\w+\}\}/g, (placeholder) => values[placeholder] ?? placeholder);
}

/**
 * A strict policy for the console: scripts and styles only from this server (no inline, no eval;
 * the module scripts and every module they import are files from this server, which is what
 * `'self'` allows), network only to this origin, never framed, and Trusted Types required with no
 * policy allowed, so the browser itself refuses any `innerHTML`-style sink: text can only arrive
 * as text.
 */
export function agentConsoleContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}
