/**
 * A stand-in for `spotlight single` in the SLURM tests that do not need a real search:
 * `fake-single.js single --results DIR --scale S --technique T --target G --model M
 * [--exit N] [--sleep SECONDS]`. It writes `out.txt` where the real command would, then exits
 * with N. On SIGTERM it exits 143 at once, as a run that stops on request does.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

process.on('SIGTERM', () => process.exit(143));

const sleepSeconds = Number(option('sleep') ?? 0);
const exitCode = Number(option('exit') ?? 0);
const folder = path.join(
  option('results') ?? 'results',
  option('scale') ?? '?',
  option('technique') ?? '?',
  option('target') ?? '?',
  option('model') ?? '?',
);

setTimeout(() => {
  if (exitCode === 0) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'out.txt'), `${args.join(' ')}\n`);
  } else {
    console.error(`fake single: failing with ${exitCode} as asked`);
  }
  process.exit(exitCode);
}, sleepSeconds * 1000);
