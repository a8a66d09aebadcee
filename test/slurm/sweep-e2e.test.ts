/**
 * End to end on the real cluster: a tiny edge sweep (two models, two techniques, both targets,
 * tiny budgets) submitted as SLURM jobs that run the real `spotlight single`, then `compare` on
 * what landed, then a resubmission that finds everything done. One configuration is also run
 * locally with the same words, to show the cluster computes the same trials.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  defaultProgram,
  submitSweep,
  sweepStatus,
  type SubmitOptions,
} from '../../src/slurm/index.js';
import { singleArgv } from '../../src/sweep/argv.js';
import { sweepConfigurations, type Configuration } from '../../src/sweep/matrix.js';
import { startCluster, withClusterLogs, type Cluster } from './cluster.js';
import { waitForJobs } from './wait.js';

const execFileAsync = promisify(execFile);

/** Budgets small enough for a second per configuration on one core. */
const TINY = ['--hw-trials', '2', '--sw-trials', '4', '--workers', '1', '--quiet'];

describe('a tiny sweep run end to end on a SLURM cluster', () => {
  let cluster: Cluster;
  let results: string;
  let options: SubmitOptions<Configuration>;
  const configurations = sweepConfigurations('full-edge', {
    models: ['VGG16', 'TRANSFORMER'],
    techniques: ['Spotlight', 'Eyeriss'],
    trials: 1,
    seed: 3,
  });

  before(async () => {
    cluster = await startCluster();
    results = path.join(cluster.dir, 'results');
    options = {
      configurations,
      resultsDir: results,
      argv: (c) => singleArgv(c, { resultsRoot: results, extra: TINY }),
      partition: cluster.partition,
      env: cluster.env,
      workDir: cluster.dir,
      writtenBy: 'spotlight full-edge --slurm',
    };
  });

  after(async () => {
    await cluster?.stop();
  });

  it('runs every configuration as a job and leaves complete results', () =>
    withClusterLogs(cluster, async () => {
      const outcomes = await submitSweep(options);
      assert.equal(outcomes.length, 8);
      assert.ok(outcomes.every((o) => o.action === 'submitted'));
      await waitForJobs(cluster, outcomes.map((o) => o.jobId ?? ''), 120_000);

      const rows = await sweepStatus(options);
      assert.deepEqual(
        rows.filter((r) => r.state !== 'done').map((r) => `${r.key}: ${r.detail}`),
        [],
      );
      const out = path.join(results, 'Edge', 'Spotlight', 'EDP', 'VGG16', 'out.txt');
      assert.match(await readFile(out, 'utf8'), /^opt_hw target /m);
    }));

  it('compares what landed, normalised to Spotlight', () =>
    withClusterLogs(cluster, async () => {
      const compare = ['compare', '--comparison', 'Main-Edge', '--results', results];
      const { stdout } = await execFileAsync(process.execPath, [
        ...defaultProgram().slice(1), ...compare,
      ]);
      const lines = stdout.trim().split('\n');
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
      const c = configurations[0];
      await execFileAsync(process.execPath, [
        ...defaultProgram().slice(1), ...singleArgv(c, { resultsRoot: local, extra: TINY }),
      ]);
      // Everything but the wall-clock time of each trial (`t 1.352 sec`).
      const outTxt = async (root: string): Promise<string> => {
        const file = path.join(root, c.scale, c.technique, c.target, c.model, 'out.txt');
        return (await readFile(file, 'utf8')).replace(/ t [\d.]+ sec$/gm, '');
      };
      assert.equal(await outTxt(results), await outTxt(local));
    }));

  it('submits nothing again once every configuration is done', () =>
    withClusterLogs(cluster, async () => {
      const outcomes = await submitSweep(options);
      assert.deepEqual(
        outcomes.map((o) => [o.action, o.reason]),
        configurations.map(() => ['skipped', 'results complete']),
      );
    }));
});
