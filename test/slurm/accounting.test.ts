/**
 * States from sacct, for clusters with accounting (slurmdbd). The test cluster has none, so
 * stand-in `squeue` and `sacct` scripts print what SLURM 22.05 prints for jobs the controller
 * has forgotten: squeue refuses the ids, sacct still knows how they ended.
 */

import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { slurmLayout, sweepStatus } from '../../src/slurm/index.js';
import { writeSubmissions, type Submission } from '../../src/slurm/job-records.js';
import { fakeConfiguration } from './fixtures.js';

describe('status on a cluster with accounting', () => {
  let dir: string;
  let bin: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spotlight-sacct-'));
    bin = path.join(dir, 'bin');
    await mkdir(bin);
    const script = async (name: string, body: string): Promise<void> => {
      await writeFile(path.join(bin, name), `#!/bin/sh\n${body}\n`);
      await chmod(path.join(bin, name), 0o755);
    };
    await script('squeue', 'echo "slurm_load_jobs error: Invalid job id specified" >&2; exit 1');
    await script('sacct', [
      'printf \'%s \' "$@" > "$(dirname "$0")/sacct.args"',
      "printf '%s\\n' '101|FAILED|3:0|n7|00:10:00' '102|CANCELLED by 1000|0:15|n7|00:00:05'",
      "printf '%s\\n' '103|TIMEOUT|0:0|n8|08:00:09'",
    ].join('\n'));

    const configurations = [
      fakeConfiguration('VGG16', 'Spotlight'),
      fakeConfiguration('RESNET', 'Spotlight'),
      fakeConfiguration('MNASNET', 'Spotlight'),
    ];
    const submissions: Submission[] = configurations.map((c, i) => ({
      key: `Edge-Spotlight-EDP-${c.model}`,
      configuration: { ...c },
      jobId: String(101 + i),
      partition: 'batch',
      timeLimit: '07:59:59',
      script: `slurm/scripts/Edge-Spotlight-EDP-${c.model}.sbatch`,
      submittedAt: '2025-01-01T00:00:00.000Z',
    }));
    await writeSubmissions(slurmLayout(dir), submissions);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports how each forgotten job ended, from sacct', async () => {
    const rows = await sweepStatus({
      resultsDir: dir,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    assert.deepEqual(rows.map((r) => [r.key, r.state, r.source, r.detail]), [
      ['Edge-Spotlight-EDP-VGG16', 'failed', 'sacct', 'job 101 exited with 3'],
      [
        'Edge-Spotlight-EDP-RESNET', 'failed', 'sacct',
        'job 102 cancelled (scancel, or an administrator)',
      ],
      [
        'Edge-Spotlight-EDP-MNASNET', 'failed', 'sacct',
        'job 103 reached its time limit (07:59:59); resubmit with a longer --time to resume',
      ],
    ]);
    // One query for every forgotten job, main allocation only (-X), parsable (-P).
    assert.equal(
      (await readFile(path.join(bin, 'sacct.args'), 'utf8')).trim(),
      '-n -P -X -j 101,102,103 -o JobIDRaw,State,ExitCode,NodeList,Elapsed',
    );
  });
});
