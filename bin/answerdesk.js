#!/usr/bin/env node
// Runs the compiled dist/ when `npm run build` (run by `npm install` too) left it up to date, and
// the TypeScript sources through tsx otherwise, so an edited checkout never runs stale code.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshCompiledMain } from './compiled-build.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
// A `.env` file in the working directory fills in variables that are not already set (.env.example).
try {
  process.loadEnvFile('.env');
} catch (error) {
  if (error?.code !== 'ENOENT') throw error;
}
const compiled =
  process.env.ANSWERDESK_FROM_SOURCES === '1' ? null : freshCompiledMain(path.resolve(import.meta.dirname, '..'));
let entry;
if (compiled === null) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url);
} else {
  entry = pathToFileURL(compiled);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
