/**
 * The test cluster itself: it starts, runs a batch job, reports a failing one, and stops. If
 * this file fails, every other SLURM test's failure is about the cluster, not the code.
 */

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCluster, withClusterLogs, type Cluster } from './cluster.js';
import { waitForJobs } from './wait.js';

describe('a single-node SLURM test cluster', () => {
  let cluster: Cluster;

  before(async () => {
    cluster = await startCluster();
    console.error(`slurm test cluster up in ${cluster.startupSeconds.toFixed(2)} s`);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('runs a batch job on its node and keeps its output', () =>
    withClusterLogs(cluster, async () => {
      const script = path.join(cluster.dir, 'hello.sh');
      await writeFile(script, '#!/bin/bash\necho "hello from $SLURM_JOB_ID on $(hostname -s)"\n');
      const output = path.join(cluster.dir, 'hello.%j.out');
      const t0 = Date.now();
      const id = (await cluster.client('sbatch', ['--parsable', '-o', output, script])).trim();
      const states = await waitForJobs(cluster, [id]);
      console.error(`trivial job ${id} finished in ${((Date.now() - t0) / 1000).toFixed(2)} s`);

      assert.equal(states.get(id), 'COMPLETED');
      const text = await readFile(output.replace('%j', id), 'utf8');
      assert.equal(text.trim(), `hello from ${id} on ${cluster.nodeName}`);
    }));

  it('reports a job that exits non-zero as FAILED with its exit code', () =>
    withClusterLogs(cluster, async () => {
      const script = path.join(cluster.dir, 'fail.sh');
      await writeFile(script, '#!/bin/bash\nexit 3\n');
      const output = path.join(cluster.dir, 'fail.%j.out');
      const id = (await cluster.client('sbatch', ['--parsable', '-o', output, script])).trim();
      const states = await waitForJobs(cluster, [id]);

      assert.equal(states.get(id), 'FAILED');
      const shown = await cluster.client('scontrol', ['-o', 'show', 'job', id]);
      assert.match(shown, /ExitCode=3:0/);
    }));
});
