// Which code `answerdesk` runs: the JavaScript that `npm run build` compiled into dist/ when it is
// complete and newer than every input it was built from, otherwise the TypeScript sources through
// tsx. Loading tsx and transpiling ~200 files on every start costs about a second; the fallback
// keeps an edited checkout working without a build step to forget.
import fs from 'node:fs';
import path from 'node:path';

/** Everything dist/ is compiled or copied from (paths relative to the repository root). */
const BUILD_INPUTS = ['src', 'dialogs', 'knowledge/schema', 'tsconfig.json', 'tsconfig.build.json'];
/** Written last by the build; its mtime is when the build read its inputs. */
export const BUILD_STAMP = 'dist/.build-stamp';
/** The compiled CLI entry (`src/cli/main.ts` compiled). */
export const COMPILED_MAIN = 'dist/src/cli/main.js';

/**
 * The compiled CLI entry's absolute path when dist/ is up to date, else `null` (no build, an
 * unfinished one, or an input changed since). Up to date = the stamp exists and no input file is
 * newer than it. Costs a few milliseconds (one stat per source file).
 */
export function freshCompiledMain(root) {
  let built;
  try {
    built = fs.statSync(path.join(root, BUILD_STAMP)).mtimeMs;
    fs.statSync(path.join(root, COMPILED_MAIN));
  } catch {
    return null;
  }
  return newestInputMtime(root) <= built ? path.join(root, COMPILED_MAIN) : null;
}

/** The newest modification time among the build inputs (a deleted input does not count). */
function newestInputMtime(root) {
  let newest = 0;
  for (const input of BUILD_INPUTS) {
    const at = path.join(root, input);
    let stat;
    try {
      stat = fs.statSync(at);
    } catch {
      continue;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) continue;
    for (const entry of fs.readdirSync(at, { recursive: true, withFileTypes: true })) {
      // A directory's own mtime changes when a file in it is added, removed or renamed.
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}
