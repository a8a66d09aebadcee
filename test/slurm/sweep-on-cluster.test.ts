/**
 * Submission and status against the real single-node cluster, with a stand-in for
 * `spotlight single` (fake-single.ts) so the jobs take a second: what is tested here is the
 * round trip through sbatch, squeue and the files the jobs leave, not the search.
 */

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  slurmLayout,
  submitSweep,
  sweepStatus,
  type SubmitOptions,
} from '../../src/slurm/index.js';
import { readSubmissions } from '../../src/slurm/job-records.js';
import { startCluster, withClusterLogs, type Cluster } from './cluster.js';
import {
  FAKE_PROGRAM,
  fakeArgv,
  fakeConfiguration,
  fakeIsComplete,
  type FakeConfiguration,
} from './fixtures.js';
import { waitForJobs } from './wait.js';

describe('a sweep submitted to a real SLURM cluster', () => {
  let cluster: Cluster;
  let results: string;
  let options: SubmitOptions<FakeConfiguration>;
  const ok = fakeConfiguration('VGG16', 'Spotlight');
  const okToo = fakeConfiguration('VGG16', 'Eyeriss');
  const failing = fakeConfiguration('RESNET', 'Spotlight', { exit: 3 });
  const slow = fakeConfiguration('RESNET', 'Eyeriss', { sleep: 120 });
  const ids = new Map<string, string>();

  before(async () => {
    cluster = await startCluster({
      partitions: [
        { name: 'debug', maxTime: 'INFINITE' },
        { name: 'short', maxTime: '1' },
      ],
    });
    results = path.join(cluster.dir, 'results');
    options = {
      configurations: [ok, okToo, failing, slow],
      resultsDir: results,
      argv: fakeArgv(results),
      partition: cluster.partition,
      program: FAKE_PROGRAM,
      isComplete: fakeIsComplete(results),
      env: cluster.env,
      workDir: cluster.dir,
      writtenBy: 'spotlight full-edge --slurm',
    };
  });

  after(async () => {
    await cluster?.stop();
  });

  it('submits one job per configuration and records each id', () =>
    withClusterLogs(cluster, async () => {
      const outcomes = await submitSweep(options);

      assert.deepEqual(outcomes.map((o) => o.action), ['submitted', 'submitted', 'submitted',
        'submitted']);
      for (const o of outcomes) ids.set(o.key, o.jobId ?? '');
      const recorded = await readSubmissions(slurmLayout(results));
      assert.deepEqual(recorded.map((s) => [s.key, s.jobId, s.partition]),
        outcomes.map((o) => [o.key, o.jobId, 'debug']));
      assert.equal(recorded[1].timeLimit, '00:59:59');
      assert.equal(recorded[1].script, 'slurm/scripts/Edge-Eyeriss-EDP-VGG16.sbatch');
    }));

  it('reports done, failed with the exit code, and running while jobs run', () =>
    withClusterLogs(cluster, async () => {
      const quick = [ok, okToo, failing].map((c) => ids.get(key(c)) ?? '');
      await waitForJobs(cluster, quick);
      await waitUntilRunning(slow);

      const rows = await sweepStatus({ ...options, configurations: options.configurations });
      assert.deepEqual(rows.map((r) => [r.key, r.state]), [
        ['Edge-Spotlight-EDP-VGG16', 'done'],
        ['Edge-Eyeriss-EDP-VGG16', 'done'],
        ['Edge-Spotlight-EDP-RESNET', 'failed'],
        ['Edge-Eyeriss-EDP-RESNET', 'running'],
      ]);
      assert.equal(rows[2].detail, `job ${ids.get(key(failing))} exited with 3`);
      assert.match(rows[3].detail, new RegExp(`on ${cluster.nodeName} for `));
      const log = await readFile(rows[2].errorLog ?? '', 'utf8');
      assert.match(log, /failing with 3 as asked/);
      const out = path.join(results, 'Edge', 'Spotlight', 'EDP', 'VGG16', 'out.txt');
      assert.match(await readFile(out, 'utf8'), /^single --results /);
    }));

  it('resubmits only what failed, skipping what is done or still running', () =>
    withClusterLogs(cluster, async () => {
      const outcomes = await submitSweep(options);

      assert.deepEqual(outcomes.map((o) => [o.key, o.action]), [
        ['Edge-Spotlight-EDP-VGG16', 'skipped'],
        ['Edge-Eyeriss-EDP-VGG16', 'skipped'],
        ['Edge-Spotlight-EDP-RESNET', 'submitted'],
        ['Edge-Eyeriss-EDP-RESNET', 'skipped'],
      ]);
      assert.equal(outcomes[0].reason, `results complete (job ${ids.get(key(ok))})`);
      assert.match(outcomes[3].reason ?? '', /running/);
      assert.notEqual(outcomes[2].jobId, ids.get(key(failing)));
      await waitForJobs(cluster, [outcomes[2].jobId ?? '']);
    }));

  it('reports a cancelled job, and reads states from exit records without squeue', () =>
    withClusterLogs(cluster, async () => {
      const slowId = ids.get(key(slow)) ?? '';
      await cluster.client('scancel', [slowId]);
      await waitForJobs(cluster, [slowId]);
      const live = await sweepStatus(options);
      assert.deepEqual(live.map((r) => r.state), ['done', 'done', 'failed', 'failed']);
      assert.equal(live[3].detail, `job ${slowId} cancelled (scancel, or an administrator)`);

      const offline = await sweepStatus({ ...options, env: { ...cluster.env, PATH: '/nowhere' } });
      assert.deepEqual(offline.map((r) => [r.state, r.source]), [
        ['done', 'results'],
        ['done', 'results'],
        ['failed', 'exit record'],
        ['failed', 'exit record'],
      ]);
      assert.match(offline[2].detail, /exited with 3$/);
      assert.equal(
        offline[3].detail,
        `job ${slowId} exited with 143 after SLURM sent SIGTERM (time limit or scancel)`,
      );
    }));

  it('refuses an unknown partition, naming the ones there are', () =>
    withClusterLogs(cluster, async () => {
      await assert.rejects(submitSweep({ ...options, partition: 'gpu' }), {
        code: 'E_PARTITION',
        message:
          'slurm: partition "gpu" does not exist on this cluster; it has debug, short (sinfo); ' +
          'check --partition',
      });
    }));

  it('explains a submission sbatch rejects', () =>
    withClusterLogs(cluster, async () => {
      const fresh = { ...options, configurations: [fakeConfiguration('MNASNET', 'Spotlight')] };
      await assert.rejects(submitSweep({ ...fresh, partition: 'short', timeLimit: '10' }),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, 'E_SUBMIT_REJECTED');
          assert.match(error.message, /^slurm: sbatch rejected \S+MNASNET\.sbatch: /);
          assert.match(error.message, /check --time against the partition's limit/);
          return true;
        });
      await assert.rejects(submitSweep({ ...fresh, sbatchArgs: ['--no-such-option'] }),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, 'E_SUBMIT_REJECTED');
          assert.match(error.message, /check the --sbatch-arg values/);
          return true;
        });
    }));

  async function waitUntilRunning(c: FakeConfiguration): Promise<void> {
    const id = ids.get(key(c)) ?? '';
    for (let i = 0; i < 100; i += 1) {
      const state = await cluster.client('squeue', ['-h', '-j', id, '-o', '%T']);
      if (state.trim() === 'RUNNING') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`job ${id} did not start`);
  }
});

function key(c: FakeConfiguration): string {
  return `${c.scale}-${c.technique}-${c.target}-${c.model}`;
}
