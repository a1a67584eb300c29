import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_STAMP, COMPILED_MAIN, freshCompiledMain, inputsFingerprint } from '../../bin/compiled-build.js';
import { makeTempDir } from '../helpers/test-config.ts';

const HOUR_AGO = new Date(Date.now() - 3_600_000);
// The build happened after the sources were written and well before the test changes anything, so a
// change made now is newer than the stamp whatever the file system's time resolution.
const BUILT = new Date(Date.now() - 1_800_000);

/** A fake checkout: sources written an hour ago, and a complete build stamped half an hour ago. */
function checkout(): string {
  const { dir, cleanup } = makeTempDir('answerdesk-build-');
  cleanups.push(cleanup);
  for (const file of [
    'src/cli/main.ts',
    'dialogs/main.dialog.ts',
    'knowledge/schema/faq.schema.json',
    'tsconfig.json',
    'tsconfig.build.json',
    COMPILED_MAIN,
  ]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), '');
  }
  for (const input of [
    'src',
    'src/cli',
    'src/cli/main.ts',
    'dialogs',
    'dialogs/main.dialog.ts',
    'knowledge/schema',
    'knowledge/schema/faq.schema.json',
    'tsconfig.json',
    'tsconfig.build.json',
  ]) {
    fs.utimesSync(path.join(dir, input), HOUR_AGO, HOUR_AGO);
  }
  fs.writeFileSync(
    path.join(dir, BUILD_STAMP),
    `built ${new Date(BUILT).toISOString()}\ninputs ${inputsFingerprint(dir)}\n`,
  );
  return dir;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('freshCompiledMain', () => {
  it('passes over a dangling link among the sources instead of failing', () => {
    const dir = checkout();
    fs.symlinkSync(path.join(dir, 'src/nowhere.ts'), path.join(dir, 'src/.#lock'));
    expect(freshCompiledMain(dir)).toBe(path.join(dir, COMPILED_MAIN));
  });

  it('gives the compiled entry when the build is newer than every input', () => {
    const dir = checkout();
    expect(freshCompiledMain(dir)).toBe(path.join(dir, COMPILED_MAIN));
  });

  it.each([
    [
      'a source edited after the build',
      (dir: string) => fs.writeFileSync(path.join(dir, 'src/cli/main.ts'), 'changed'),
    ],
    [
      'a dialog edited after the build',
      (dir: string) => fs.writeFileSync(path.join(dir, 'dialogs/main.dialog.ts'), 'changed'),
    ],
    [
      'a schema edited after the build',
      (dir: string) => fs.writeFileSync(path.join(dir, 'knowledge/schema/faq.schema.json'), '{}'),
    ],
    [
      'the build config edited after the build',
      (dir: string) => fs.writeFileSync(path.join(dir, 'tsconfig.build.json'), '{}'),
    ],
    ['a source file deleted after the build', (dir: string) => fs.rmSync(path.join(dir, 'src/cli/main.ts'))],
    [
      'an old file copied in after the build (its folder changed)',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'src/cli/old.ts'), '');
        fs.utimesSync(path.join(dir, 'src/cli/old.ts'), HOUR_AGO, HOUR_AGO);
      },
    ],
    [
      'a source replaced by a copy with an older time (rsync -a, tar, cp -p)',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'src/cli/main.ts'), 'x');
        fs.utimesSync(
          path.join(dir, 'src/cli/main.ts'),
          new Date(HOUR_AGO.getTime() - 3_600_000),
          new Date(HOUR_AGO.getTime() - 3_600_000),
        );
      },
    ],
    ['no build stamp (an unfinished build)', (dir: string) => fs.rmSync(path.join(dir, BUILD_STAMP))],
    ['no compiled entry', (dir: string) => fs.rmSync(path.join(dir, COMPILED_MAIN))],
  ])('gives null (run the sources) after %s', (_name, change) => {
    const dir = checkout();
    change(dir);
    expect(freshCompiledMain(dir)).toBeNull();
  });
});
