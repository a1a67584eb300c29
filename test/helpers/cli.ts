import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_KNOWLEDGE_DIR, SHARED_KNOWLEDGE_CACHE_DIR, TEST_SERVER_ENV } from './test-config.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO_ROOT, 'bin/answerdesk.js');

/** How long a CLI run may take before it is killed (it loads the whole app through tsx). */
const CLI_TIMEOUT_MS = 60_000;

/**
 * Runs `answerdesk <args>` to completion, as a user would from the repo root (or from `cwd`).
 *
 * Asynchronous on purpose: a synchronous child (`spawnSync`) freezes this process's event loop for
 * the seconds the CLI takes, and a `fetch` after a frozen loop can go out on a keep-alive socket
 * the server closes at that moment (ECONNRESET). Test servers also never close idle sockets (see
 * `TEST_SERVER_ENV`), since a busy machine stalls the loop just the same.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
  cwd: string = REPO_ROOT,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: CLI_TIMEOUT_MS,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts `answerdesk serve` and resolves with its URL once the "listening" log line appears. */
export function startServeProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; logs: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DOTENV_CONFIG_QUIET: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
      KNOWLEDGE_CACHE_DIR: SHARED_KNOWLEDGE_CACHE_DIR,
      KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR,
      ...TEST_SERVER_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), logs: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
