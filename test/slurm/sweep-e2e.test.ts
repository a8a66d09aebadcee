/**
 * End to end on the real cluster, through the command line as users type it: a tiny edge
 * sweep (two models, two techniques, both targets, tiny budgets) submitted with
 * `spotlight full-edge --slurm`, its jobs running the real `spotlight single`; then
 * `spotlight status`, `compare` on what landed, and resubmissions (with the same --seed, and
 * without one, when the seeds recorded in the results apply) that find everything done.
 * One configuration is also run locally with the same words, to show that the cluster
 * computes the same trials.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { defaultProgram, slurmLayout } from '../../src/slurm/index.js';
import { readSubmissions } from '../../src/slurm/job-records.js';
import { singleArgv } from '../../src/sweep/argv.js';
import { sweepConfigurations } from '../../src/sweep/matrix.js';
import { startCluster, withClusterLogs, type Cluster } from './cluster.js';
import { waitForJobs } from './wait.js';

const execFileAsync = promisify(execFile);

/** Budgets small enough for about a second per configuration on one core. */
const BUDGETS = ['--hw-trials', '2', '--sw-trials', '4', '--workers', '1'];

const FILTERS = ['--models', 'VGG16,TRANSFORMER', '--techniques', 'Spotlight,Eyeriss'];

describe('a tiny sweep run end to end on a SLURM cluster', () => {
  let cluster: Cluster;
  let results: string;

  /** Runs `spotlight ...` against the test cluster; resolves with its output and status. */
  const spotlight = async (
    args: readonly string[],
  ): Promise<{ stdout: string; stderr: string; status: number }> => {
    const [node, main] = defaultProgram();
    try {
      const { stdout, stderr } = await execFileAsync(node, [main, ...args], {
        env: cluster.env,
        cwd: cluster.dir,
      });
      return { stdout, stderr, status: 0 };
    } catch (error) {
      const failed = error as { stdout: string; stderr: string; code: number };
      return { stdout: failed.stdout, stderr: failed.stderr, status: failed.code };
    }
  };

  const submit = (seed: readonly string[] = ['--seed', '3']): ReturnType<typeof spotlight> =>
    spotlight([
      'full-edge', ...FILTERS, '--trials', '1', ...seed, ...BUDGETS,
      '--results', results, '--slurm', '--partition', cluster.partition,
    ]);

  before(async () => {
    cluster = await startCluster();
    results = path.join(cluster.dir, 'results');
  });

  after(async () => {
    await cluster?.stop();
  });

  it('submits every configuration as a job and leaves complete results', () =>
    withClusterLogs(cluster, async () => {
      const first = await submit();
      assert.equal(first.status, 0, first.stderr);
      const jobs = await readSubmissions(slurmLayout(results));
      assert.equal(jobs.length, 8, first.stdout);
      await waitForJobs(cluster, jobs.map((j) => j.jobId), 120_000);

      const status = await spotlight([
        'status', 'full-edge', ...FILTERS, '--results', results, '--json',
      ]);
      assert.equal(status.status, 0, status.stderr);
      const rows = status.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(
        rows.map((r) => `${r.key} ${r.state} ${r.detail}`),
        jobs.map((j) => `${j.key} done results complete (job ${j.jobId})`),
      );
      const out = path.join(results, 'Edge', 'Spotlight', 'EDP', 'VGG16', 'out.txt');
      assert.match(await readFile(out, 'utf8'), /^opt_hw target /m);
    }));

  it('compares what landed, normalised to Spotlight', () =>
    withClusterLogs(cluster, async () => {
      const compare = await spotlight(['compare', 'Main-Edge', '--results', results]);
      assert.equal(compare.status, 0, compare.stderr);
      const lines = compare.stdout.trim().split('\n');
      assert.equal(lines[0], 'Path,Min,Max,Median,Median Normalized to Spotlight');
      const rows = lines.slice(1).map((l) => l.split(','));
      assert.equal(rows.length, 8);
      for (const row of rows) {
        if (row[0].startsWith('Edge/Spotlight/')) assert.equal(row[4], '1.00', row[0]);
        else assert.ok(Number(row[4]) > 0, row.join(','));
      }
    }));

  it('computes on the cluster exactly what a local run computes', () =>
    withClusterLogs(cluster, async () => {
      const local = path.join(cluster.dir, 'local');
      const [c] = sweepConfigurations('full-edge', { models: ['VGG16'], trials: 1, seed: 3 });
      const single = singleArgv(c, { resultsRoot: local, extra: BUDGETS });
      const run = await spotlight([...single, '--quiet']);
      assert.equal(run.status, 0, run.stderr);
      // Everything but the wall-clock time of each trial (`t 1.352 sec`).
      const outTxt = async (root: string): Promise<string> => {
        const file = path.join(root, c.scale, c.technique, c.target, c.model, 'out.txt');
        return (await readFile(file, 'utf8')).replace(/ t [\d.]+ sec$/gm, '');
      };
      assert.equal(await outTxt(results), await outTxt(local));
    }));

  it('submits nothing again once every configuration is done', () =>
    withClusterLogs(cluster, async () => {
      const again = await submit();
      assert.equal(again.status, 0, again.stderr);
      assert.equal((await readSubmissions(slurmLayout(results))).length, 8, again.stdout);
    }));

  it('submits nothing again without --seed either: the recorded seeds apply', () =>
    withClusterLogs(cluster, async () => {
      const again = await submit([]);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stderr, /: seed 3 \(recorded in run\.json\)\n/);
      assert.match(again.stdout, /^8 configurations: 0 submitted, 8 skipped$/m);
      assert.equal((await readSubmissions(slurmLayout(results))).length, 8, again.stdout);
    }));
});
