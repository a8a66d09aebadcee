/**
 * Submission where no cluster is needed: dry runs, and the errors raised before sbatch runs.
 * PATH is emptied so that no SLURM client can be found, as on a laptop.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  SlurmError,
  defaultProgram,
  formatStatus,
  formatSubmission,
  slurmLayout,
  submitSweep,
  sweepStatus,
  type SubmitOptions,
} from '../../src/slurm/index.js';
import { FAKE_PROGRAM, fakeArgv, fakeConfiguration, type FakeConfiguration } from './fixtures.js';

const NO_SLURM = { ...process.env, PATH: '/nonexistent' };

describe('submitting a sweep without a cluster', () => {
  let dir: string;
  let results: string;
  let options: SubmitOptions<FakeConfiguration>;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spotlight-submit-'));
    results = path.join(dir, 'results');
    options = {
      configurations: [
        fakeConfiguration('VGG16', 'Spotlight'),
        fakeConfiguration('VGG16', 'Eyeriss'),
        fakeConfiguration('RESNET', 'Spotlight', { scale: 'Cloud' }),
      ],
      resultsDir: results,
      argv: fakeArgv(results),
      partition: 'batch',
      program: FAKE_PROGRAM,
      env: NO_SLURM,
      writtenBy: 'spotlight full-edge --slurm',
    };
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one script per configuration on a dry run and records no job', async () => {
    const outcomes = await submitSweep({ ...options, dryRun: true });

    assert.deepEqual(
      outcomes.map((o) => [o.key, o.action, o.timeLimit]),
      [
        ['Edge-Spotlight-EDP-VGG16', 'written', '07:59:59'],
        ['Edge-Eyeriss-EDP-VGG16', 'written', '00:59:59'],
        ['Cloud-Spotlight-EDP-RESNET', 'written', '47:59:59'],
      ],
    );
    const layout = slurmLayout(results);
    assert.deepEqual((await readdir(layout.scriptsDir)).sort(), [
      'Cloud-Spotlight-EDP-RESNET.sbatch',
      'Edge-Eyeriss-EDP-VGG16.sbatch',
      'Edge-Spotlight-EDP-VGG16.sbatch',
    ]);
    const eyeriss = path.join(layout.scriptsDir, 'Edge-Eyeriss-EDP-VGG16.sbatch');
    const script = await readFile(eyeriss, 'utf8');
    assert.match(script, /^#SBATCH --partition=batch$/m);
    assert.match(script, /^#SBATCH --time=00:59:59$/m);
    assert.match(script, /fake-single\.js single --results \S+ --scale Edge --technique Eyeriss/);
    await assert.rejects(access(layout.jobsFile));
    assert.equal(
      formatSubmission(outcomes, results).replaceAll(`${layout.scriptsDir}/`, ''),
      [
        'configuration               action     detail',
        'Edge-Spotlight-EDP-VGG16    written    Edge-Spotlight-EDP-VGG16.sbatch (time 07:59:59)',
        'Edge-Eyeriss-EDP-VGG16      written    Edge-Eyeriss-EDP-VGG16.sbatch (time 00:59:59)',
        'Cloud-Spotlight-EDP-RESNET  written    Cloud-Spotlight-EDP-RESNET.sbatch (time 47:59:59)',
        '3 configurations: 0 submitted, 0 skipped, 3 written, not submitted (dry run)',
        '',
      ].join('\n'),
    );
  });

  it('applies a --time override and extra sbatch options to every script', async () => {
    await submitSweep({ ...options, dryRun: true, timeLimit: '2-00:00:00',
      sbatchArgs: ['--mem=8G'] });
    const layout = slurmLayout(results);
    for (const name of await readdir(layout.scriptsDir)) {
      const script = await readFile(path.join(layout.scriptsDir, name), 'utf8');
      assert.match(script, /^#SBATCH --time=2-00:00:00$/m);
      assert.match(script, /^#SBATCH --mem=8G$/m);
    }
  });

  it('lists never-submitted configurations as pending in status', async () => {
    const rows = await sweepStatus({
      resultsDir: results,
      configurations: options.configurations,
      env: NO_SLURM,
    });
    assert.equal(
      formatStatus(rows),
      [
        'configuration               state    detail',
        'Edge-Spotlight-EDP-VGG16    pending  not submitted',
        'Edge-Eyeriss-EDP-VGG16      pending  not submitted',
        'Cloud-Spotlight-EDP-RESNET  pending  not submitted',
        '3 configurations: 0 done, 0 running, 3 pending, 0 failed',
        '',
      ].join('\n'),
    );
  });

  it('says sbatch is missing and what to do about it', async () => {
    await assert.rejects(submitSweep(options), (error: unknown) => {
      assert.ok(error instanceof SlurmError);
      assert.equal(error.code, 'E_SLURM_MISSING');
      assert.equal(
        error.message,
        'slurm: sbatch was not found on PATH (/nonexistent); run this on a SLURM login node, ' +
          "load the cluster's slurm module, or install the SLURM client " +
          '(Debian: apt-get install slurm-client)',
      );
      return true;
    });
  });

  it('answers `spotlight full-edge --slurm` without sbatch with the same advice', async () => {
    const [node, main] = defaultProgram();
    const args = [main, 'full-edge', '--models', 'VGG16', '--results', results, '--slurm',
      '--partition', 'batch'];
    const run = promisify(execFile)(node, args, { env: NO_SLURM });
    await assert.rejects(run, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr ?? '', /^spotlight: error: slurm: sbatch was not found on PATH/m);
      return true;
    });
  });

  it('rejects a bad --time, partition name or sbatch option before anything else', async () => {
    await assert.rejects(submitSweep({ ...options, timeLimit: '8 hours' }), {
      code: 'E_TIME_LIMIT',
    });
    await assert.rejects(submitSweep({ ...options, partition: 'a b' }), {
      code: 'E_PARTITION',
      message: 'slurm: --partition "a b" is not a partition name; list them with `sinfo -s`',
    });
    await assert.rejects(submitSweep({ ...options, sbatchArgs: ['mem=8G', '--x\n#'] }), {
      code: 'E_SUBMIT_REJECTED',
      message:
        'slurm: --sbatch-arg "mem=8G", "--x\\n#" is not an sbatch option; give one option per ' +
        "--sbatch-arg with its value, e.g. --sbatch-arg=--mem=8G or --sbatch-arg='--account proj'",
    });
  });
});
