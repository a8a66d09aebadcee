/**
 * The batch script, read as text and run with bash outside SLURM (SLURM only adds the
 * #SBATCH options and the environment, which the test sets itself).
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { renderBatchScript, shellWord } from '../../src/slurm/batch-script.js';
import { slurmLayout, type SlurmLayout } from '../../src/slurm/layout.js';

const execFileAsync = promisify(execFile);

describe('the batch script of a configuration', () => {
  let dir: string;
  let layout: SlurmLayout;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spotlight script test-'));
    layout = slurmLayout(path.join(dir, 'results'));
    await mkdir(layout.exitsDir, { recursive: true });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const render = (command: readonly string[], sbatchArgs: readonly string[] = []): string =>
    renderBatchScript({
      key: 'Edge-Spotlight-EDP-VGG16',
      partition: 'gpu',
      timeLimit: '07:59:59',
      sbatchArgs,
      workDir: '/srv/sweep',
      layout,
      command,
      writtenBy: 'spotlight full-edge --slurm',
    });

  it('carries every sbatch option as an #SBATCH line, extra options last', () => {
    const text = render(['spotlight', 'single'], ['--mem=8G', '--account proj']);
    const directives = text.split('\n').filter((l) => l.startsWith('#SBATCH'));
    const logs = path.join(layout.logsDir, 'Edge-Spotlight-EDP-VGG16');
    assert.deepEqual(directives, [
      '#SBATCH --job-name=Edge-Spotlight-EDP-VGG16',
      '#SBATCH --partition=gpu',
      '#SBATCH --nodes=1',
      '#SBATCH --ntasks=1',
      '#SBATCH --time=07:59:59',
      // The temporary folder has a space in its name, so the paths are quoted.
      `#SBATCH --output="${logs}.%j.out"`,
      `#SBATCH --error="${logs}.%j.err"`,
      '#SBATCH --chdir=/srv/sweep',
      '#SBATCH --mem=8G',
      '#SBATCH --account proj',
    ]);
    assert.ok(text.startsWith('#!/bin/bash\n'));
  });

  it('quotes each word of the command for the shell', () => {
    assert.equal(shellWord('--model'), '--model');
    assert.equal(shellWord('/a b/c'), "'/a b/c'");
    assert.equal(shellWord("it's"), "'it'\\''s'");
    assert.equal(shellWord('$HOME;rm'), "'$HOME;rm'");
    assert.equal(shellWord(''), "''");
  });

  it('runs the command with its arguments intact and records a clean exit', async () => {
    const out = path.join(dir, 'argv.json');
    const program = `require("fs").writeFileSync(${JSON.stringify(out)}, ` +
      'JSON.stringify(process.argv.slice(1)))';
    const script = path.join(dir, 'ok.sbatch');
    await writeFile(script, render([process.execPath, '-e', program, 'a b', "it's", '$X', '']));
    await execFileAsync('bash', [script], { env: { ...process.env, SLURM_JOB_ID: '41' } });

    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), ['a b', "it's", '$X', '']);
    const record = JSON.parse(await readFile(exitRecord('41'), 'utf8'));
    assert.equal(record.jobId, '41');
    assert.equal(record.state, 'exited');
    assert.equal(record.exitCode, 0);
    assert.equal(record.signal, '');
    assert.equal(record.host, os.hostname().split('.')[0]);
    assert.match(record.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('passes on a failing exit status and records it', async () => {
    const script = path.join(dir, 'fail.sbatch');
    await writeFile(script, render([process.execPath, '-e', 'process.exit(7)']));
    await assert.rejects(
      execFileAsync('bash', [script], { env: { ...process.env, SLURM_JOB_ID: '42' } }),
      (error: { code?: number }) => error.code === 7,
    );
    const record = JSON.parse(await readFile(exitRecord('42'), 'utf8'));
    assert.equal(record.exitCode, 7);
    assert.equal(record.state, 'exited');
  });

  it('outlives a SIGTERM sent to the whole job and records that it was asked to stop', async () => {
    const script = path.join(dir, 'term.sbatch');
    const pids = path.join(dir, 'pids.json');
    const program = 'process.on("SIGTERM", () => process.exit(143)); ' +
      `require("fs").writeFileSync(${JSON.stringify(pids)}, ` +
      'JSON.stringify([process.pid, process.ppid])); setTimeout(() => {}, 60000)';
    await writeFile(script, render([process.execPath, '-e', program]));
    const job = execFileAsync('bash', [script], {
      env: { ...process.env, SLURM_JOB_ID: '43' },
    }).catch((error: { code?: number }) => error.code);
    await waitForFile(pids);
    // SLURM signals every process of the job: the script and the run it started.
    const [child, shell] = JSON.parse(await readFile(pids, 'utf8')) as number[];
    process.kill(shell, 'SIGTERM');
    process.kill(child, 'SIGTERM');

    assert.equal(await job, 143);
    const record = JSON.parse(await readFile(exitRecord('43'), 'utf8'));
    assert.equal(record.exitCode, 143);
    assert.equal(record.signal, 'TERM');
  });

  function exitRecord(jobId: string): string {
    return path.join(layout.exitsDir, `Edge-Spotlight-EDP-VGG16.${jobId}.json`);
  }
});

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      await readFile(file);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${file} did not appear`);
}
