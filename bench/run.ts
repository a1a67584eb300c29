/**
 * `npm run bench`: runs every benchmark in its own process (so one's memory does not skew the
 * next), then gathers their markdown sections into bench/RESULTS.md. Pass `--quick` to skip the
 * slow parts; pass names (`matching analysis directline`) to run only those.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BENCHES = [
  'matching',
  'analysis',
  'directline',
  'handoff',
  'startup',
  'reload',
  'fuzz',
  'learning-loop',
  'language',
  'reports',
  'redaction',
  'postgres',
] as const;
const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const chosen = BENCHES.filter((name) => args.includes(name));
const names = chosen.length > 0 ? chosen : BENCHES;

fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
const failed: string[] = [];
for (const name of names) {
  const script = path.join(root, `bench/${name}.bench.ts`);
  if (!fs.existsSync(script)) {
    process.stderr.write(`bench: ${name}: ${path.relative(root, script)} does not exist, skipped\n`);
    failed.push(name);
    continue;
  }
  process.stderr.write(`\n=== bench: ${name}${quick ? ' (quick)' : ''} ===\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...(quick ? ['--quick'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  process.stderr.write(`=== ${name}: exit ${result.status} after ${Math.round((Date.now() - started) / 1000)} s ===\n`);
  if (result.status !== 0) failed.push(name);
}

const sections = BENCHES.map((name) => path.join(root, `bench/out/${name}.md`))
  .filter((file) => fs.existsSync(file))
  .map((file) => fs.readFileSync(file, 'utf8').trim());
const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString()} (${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end, Node ${process.version}). Each section's comparisons come from the same run.`,
  '',
].join('\n');
fs.writeFileSync(path.join(root, 'bench/RESULTS.md'), `${header}\n${sections.join('\n\n')}\n`);
process.stderr.write(`\nbench: wrote bench/RESULTS.md${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
