// Which code `answerdesk` runs: the JavaScript that `npm run build` compiled into dist/ when it is
// complete and built from exactly the inputs there are now, otherwise the TypeScript sources through
// tsx. Loading tsx and transpiling ~200 files on every start costs about a second; the fallback
// keeps an edited checkout working without a build step to forget.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Everything dist/ is compiled or copied from (paths relative to the repository root). */
const BUILD_INPUTS = ['src', 'dialogs', 'knowledge/schema', 'tsconfig.json', 'tsconfig.build.json'];
/** Written last by the build: `inputs <fingerprint>` of the inputs as the build read them. */
export const BUILD_STAMP = 'dist/.build-stamp';
/** The compiled CLI entry (`src/cli/main.ts` compiled). */
export const COMPILED_MAIN = 'dist/src/cli/main.js';

/**
 * The compiled CLI entry's absolute path when dist/ is up to date, else `null` (no build, an
 * unfinished one, or an input changed since). Up to date = the stamp records exactly the inputs'
 * fingerprint of now (see `inputsFingerprint`), so an edit, an added or removed file, and a file
 * copied in with an older time (`rsync -a`, `tar`, `cp -p`) all make it stale. Costs a few
 * milliseconds (one stat per source file).
 */
export function freshCompiledMain(root) {
  let stamp;
  try {
    stamp = fs.readFileSync(path.join(root, BUILD_STAMP), 'utf8');
    fs.statSync(path.join(root, COMPILED_MAIN));
  } catch {
    return null;
  }
  const recorded = /^inputs ([0-9a-f]{64})$/m.exec(stamp)?.[1];
  return recorded !== undefined && recorded === inputsFingerprint(root) ? path.join(root, COMPILED_MAIN) : null;
}

/**
 * A SHA-256 over the path, size and modification time of every build input file. A dangling link,
 * or a file removed while it is computed, is passed over (the compiler could not read it either).
 */
export function inputsFingerprint(root) {
  const lines = [];
  const add = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (!stat.isDirectory()) lines.push(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}`);
  };
  for (const input of BUILD_INPUTS) {
    const at = path.join(root, input);
    let entries;
    try {
      entries = fs.readdirSync(at, { recursive: true, withFileTypes: true });
    } catch {
      add(at);
      continue;
    }
    for (const entry of entries) add(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}
