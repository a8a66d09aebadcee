/** The sweep matrices go through the submitter unchanged: same keys, the reference's limits. */

import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  configurationKey,
  slurmLayout,
  submitSweep,
  type SlurmConfiguration,
} from '../../src/slurm/index.js';
import {
  SWEEPS,
  configurationKey as sweepKey,
  sweepConfigurations,
  type Configuration,
} from '../../src/sweep/matrix.js';
import { singleArgv } from '../../src/sweep/argv.js';

describe('the sweep matrices on SLURM', () => {
  it('name each configuration as the sweep does', () => {
    for (const sweep of SWEEPS) {
      for (const c of sweepConfigurations(sweep)) {
        const fits: SlurmConfiguration = c;
        assert.equal(configurationKey(fits), sweepKey(c));
      }
    }
  });

  it('write the full cloud sweep with 48 h jobs and 1 h fixed-hardware baselines', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'spotlight-sweep-fit-'));
    try {
      const configurations = sweepConfigurations('full-cloud', { seed: 7, trials: 3 });
      const outcomes = await submitSweep<Configuration>({
        configurations,
        resultsDir: dir,
        argv: (c) => singleArgv(c, { resultsRoot: dir }),
        partition: 'long',
        dryRun: true,
        env: { ...process.env, PATH: '/nonexistent' },
      });

      assert.equal(outcomes.length, 40);
      assert.ok(outcomes.every((o) => o.action === 'written'));
      const scriptsDir = slurmLayout(dir).scriptsDir;
      assert.equal((await readdir(scriptsDir)).length, 40);
      for (const o of outcomes) {
        const script = await readFile(path.join(scriptsDir, `${o.key}.sbatch`), 'utf8');
        const fixed = /-(Eyeriss|NVDLA)-/.test(o.key);
        const time = fixed ? '00:59:59' : '47:59:59';
        assert.match(script, new RegExp(`^#SBATCH --time=${time}$`, 'm'), o.key);
        assert.match(script, new RegExp(`^#SBATCH --job-name=${o.key}$`, 'm'));
        // The job runs the words a local sweep runs, so it computes the same trials.
        const words = singleArgv(o.configuration as Configuration, { resultsRoot: dir });
        assert.ok(script.includes(` ${words.join(' ')}\n`), o.key);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
