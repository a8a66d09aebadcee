/**
 * One submitter per results folder: jobs.json is read, extended and rewritten under the
 * folder's lock, so a second submitter is refused rather than overwriting the first one's
 * records. Stand-in sbatch, sinfo, squeue and sacct scripts take the cluster's place.
 */

import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCK_FILE } from '../../src/results/layout.js';
import {
  SlurmError,
  slurmLayout,
  submitSweep,
  type SubmitOptions,
} from '../../src/slurm/index.js';
import { readSubmissions } from '../../src/slurm/job-records.js';
import { FAKE_PROGRAM, fakeArgv, fakeConfiguration, type FakeConfiguration } from './fixtures.js';

describe('two submitters into one results folder', () => {
  let dir: string;
  let results: string;
  let base: Omit<SubmitOptions<FakeConfiguration>, 'configurations'>;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spotlight-submit-lock-'));
    results = path.join(dir, 'results');
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    const script = async (name: string, body: string): Promise<void> => {
      await writeFile(path.join(bin, name), `#!/bin/sh\n${body}\n`);
      await chmod(path.join(bin, name), 0o755);
    };
    // Each accepted script gets the next id; the pause lets two submitters overlap.
    await script('sbatch', [
      '[ "$1" = --version ] && { echo "slurm 22.05.8"; exit 0; }',
      'count="$(dirname "$0")/count"',
      'n=$(( $(cat "$count" 2>/dev/null || echo 100) + 1 ))',
      'echo "$n" > "$count"',
      'sleep 0.1',
      'echo "$n"',
    ].join('\n'));
    await script('sinfo', 'echo batch');
    await script('squeue', 'exit 0');
    await script('sacct', 'exit 1');
    base = {
      resultsDir: results,
      argv: fakeArgv(results),
      partition: 'batch',
      program: FAKE_PROGRAM,
      isComplete: async () => false,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    };
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses the second while the first submits, and loses no record', async () => {
    const first = [
      fakeConfiguration('VGG16', 'Spotlight'),
      fakeConfiguration('RESNET', 'Spotlight'),
    ];
    const second = [fakeConfiguration('MNASNET', 'Spotlight')];

    // Which of the two takes the lock first is up to the scheduler; exactly one must win.
    const settled = await Promise.allSettled([
      submitSweep({ ...base, configurations: first }),
      submitSweep({ ...base, configurations: second }),
    ]);
    const refused = settled.filter((s) => s.status === 'rejected');
    assert.equal(refused.length, 1, 'exactly one of the two submitters is refused');
    const reason = (refused[0] as PromiseRejectedResult).reason;
    assert.ok(reason instanceof SlurmError);
    assert.equal(reason.code, 'E_JOB_RECORD');
    assert.match(reason.message, /another submission into this results folder is under way/);

    // Submitted again once the first is over, the refused one adds its records beside the others.
    const retry = settled[0].status === 'rejected' ? first : second;
    await submitSweep({ ...base, configurations: retry });
    const layout = slurmLayout(results);
    const recorded = await readSubmissions(layout);
    assert.deepEqual(
      recorded.map((s) => s.key).sort(),
      ['Edge-Spotlight-EDP-MNASNET', 'Edge-Spotlight-EDP-RESNET', 'Edge-Spotlight-EDP-VGG16'],
    );
    assert.deepEqual(recorded.map((s) => s.jobId).sort(), ['101', '102', '103']);
    // The lock is released and no temporary file is left beside jobs.json.
    assert.deepEqual((await readdir(layout.root)).filter((n) => n.startsWith('.')), []);
  });

  it('names the other submitter process when it is alive on this host', async () => {
    // The test runner that started this file stands for a submitter still at work.
    const layout = slurmLayout(results);
    const owner = { pid: process.ppid, host: os.hostname(), startedAt: '2025-01-01T00:00:00.000Z' };
    await writeFile(path.join(layout.root, LOCK_FILE), JSON.stringify(owner));
    try {
      await assert.rejects(
        submitSweep({ ...base, configurations: [fakeConfiguration('ALEXNET', 'Spotlight')] }),
        {
          code: 'E_JOB_RECORD',
          message:
            `slurm: another submission into this results folder is under way: ${layout.root} ` +
            `is being written by process ${process.ppid} (started 2025-01-01T00:00:00.000Z); ` +
            'wait for it to finish or stop it, then run again',
        },
      );
    } finally {
      await rm(path.join(layout.root, LOCK_FILE));
    }
    assert.equal((await readSubmissions(layout)).length, 3);
  });
});
