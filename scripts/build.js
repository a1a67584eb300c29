// `npm run build` (and `npm install`, through `prepare`): compiles src/ and dialogs/ into dist/
// with tsc and copies the files the compiled code reads next to it, then stamps the build so that
// bin/answerdesk.js runs dist/ only while no source is newer. `--if-stale` skips an up-to-date build.
// Without TypeScript installed (`npm ci --omit=dev`) it builds nothing: answerdesk then runs its
// sources through tsx, which is a runtime dependency.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUILD_STAMP, freshCompiledMain, inputsFingerprint } from '../bin/compiled-build.js';
import { bundleCompiled } from './bundle-compiled.js';

const root = path.resolve(import.meta.dirname, '..');
/** Non-TypeScript files the compiled code reads relative to itself. */
const COPIED = [
  'src/http/agent-console/assets',
  'src/http/agent-console/agent-console.html',
  'src/http/admin-console/assets',
  'src/http/admin-console/admin-console.html',
  'src/http/widget/assets',
  'knowledge/schema',
];

if (process.argv.includes('--if-stale') && freshCompiledMain(root) !== null) {
  process.stdout.write('build: dist/ is up to date\n');
  process.exit(0);
}
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stdout.write(
    'build: typescript is not installed, so nothing was compiled; answerdesk runs its sources through tsx\n',
  );
  process.exit(0);
}
// Inputs changed during the build must make it stale, so the stamp records them as they were before.
const began = new Date();
const fingerprint = inputsFingerprint(root);
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  // A half-written dist/ without a stamp is never used, but leave nothing misleading behind.
  fs.rmSync(dist, { recursive: true, force: true });
  process.stderr.write(
    `build: tsc failed (exit ${compiled.status}); answerdesk runs its sources through tsx until a build succeeds\n`,
  );
  process.exit(1);
}
// esbuild is a devDependency like typescript; without it dist/ stays unbundled, which runs the same.
const esbuild = await import('esbuild').catch(() => null);
if (esbuild !== null) {
  const failed = await bundleCompiled(dist, esbuild);
  if (failed !== null) {
    fs.rmSync(dist, { recursive: true, force: true });
    process.stderr.write(
      `build: bundling failed (${failed}); answerdesk runs its sources through tsx until a build succeeds\n`,
    );
    process.exit(1);
  }
}
for (const dir of COPIED) fs.cpSync(path.join(root, dir), path.join(dist, dir), { recursive: true });
fs.writeFileSync(path.join(root, BUILD_STAMP), `built ${began.toISOString()}\ninputs ${fingerprint}\n`);
process.stdout.write(`build: compiled into dist/ in ${((Date.now() - began.getTime()) / 1000).toFixed(1)} s\n`);
