import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { lines, spotlight } from './run-cli.js';

const TINY_BUDGET = ['--hw-trials', '2', '--sw-trials', '3', '--workers', '0'];

async function resultsRoot(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'spotlight-sweep-'));
}

describe('sweep commands', () => {
  it('runs a filtered sweep, skips it once complete, and feeds compare and status', async () => {
    const root = await resultsRoot();
    const filter = ['--models', 'vgg16', '--techniques', 'Eyeriss,NVDLA', '--results', root];

    const first = await spotlight(['full-edge', ...filter, ...TINY_BUDGET, '--jobs', '2']);
    assert.equal(first.status, 0, first.stderr);
    const summary = lines(first.stdout);
    assert.match(summary[0], /^configuration\s+state\s+trials\s+best\s+detail$/);
    assert.deepEqual(
      summary.slice(1, 5).map((line) => line.split(/\s+/).slice(0, 3).join(' ')),
      [
        'Edge-Eyeriss-EDP-VGG16 done 1/1',
        'Edge-NVDLA-EDP-VGG16 done 1/1',
        'Edge-Eyeriss-Delay-VGG16 done 1/1',
        'Edge-NVDLA-Delay-VGG16 done 1/1',
      ],
    );
    assert.equal(summary[5], '4 configuration(s): 4 done');
    assert.match(first.stderr, /4 configuration\(s\): 4 to run, 0 complete already; seed 1/);
    const files = await readdir(path.join(root, 'Edge', 'NVDLA', 'Delay', 'VGG16'));
    assert.deepEqual(files.sort(), ['layers.csv', 'out.txt', 'run.json', 'trials.csv']);

    const again = await spotlight(['main-edge', ...filter, ...TINY_BUDGET]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(lines(again.stdout).at(-1), '4 configuration(s): 4 complete');

    const compare = await spotlight(['compare', 'Main-Edge', '--results', root]);
    assert.deepEqual(
      lines(compare.stdout).map((line) => line.split(',')[0]),
      [
        'Path',
        'Edge/Eyeriss/EDP/VGG16',
        'Edge/NVDLA/EDP/VGG16',
        'Edge/Eyeriss/Delay/VGG16',
        'Edge/NVDLA/Delay/VGG16',
      ],
    );

    const status = await spotlight(['status', 'full-edge', '--models', 'VGG16', '--results', root]);
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /^Edge-Eyeriss-EDP-VGG16\s+done\s/m);
    assert.match(status.stdout, /^Edge-Spotlight-EDP-VGG16\s+pending\s/m);
  });

  it('lists configurations, their state and exact command lines with --list', async () => {
    const root = await resultsRoot();
    const run = await spotlight([
      'GENERAL', '--models', 'mnasnet', '--techniques', 'spotlight-general', '--trials', '2',
      '--seed', '9', '--results', root, '--list',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout).slice(1), [
      'Edge-Spotlight-General-EDP-MNASNET    not started  0/2     spotlight single --model ' +
        'MNASNET --target EDP --technique Spotlight-General --scale Edge --trials 2 --seed 9 ' +
        `--results ${root} --resume`,
      'Edge-Spotlight-General-Delay-MNASNET  not started  0/2     spotlight single --model ' +
        'MNASNET --target Delay --technique Spotlight-General --scale Edge --trials 2 --seed 9 ' +
        `--results ${root} --resume`,
      '2 configuration(s): 2 not started',
    ]);
  });

  it('writes SLURM batch scripts without submitting on --dry-run', async () => {
    const root = await resultsRoot();
    const run = await spotlight([
      'ablation', '--slurm', '--slurm-queue', 'batch', '--dry-run', '--models', 'VGG16',
      '--techniques', 'Spotlight-R', '--results', root, '-q',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const scripts = await readdir(path.join(root, 'slurm', 'scripts'));
    assert.deepEqual(scripts.sort(), [
      'Edge-Spotlight-R-Delay-VGG16.sbatch',
      'Edge-Spotlight-R-EDP-VGG16.sbatch',
    ]);
    const script = await readFile(path.join(root, 'slurm', 'scripts', scripts[0]), 'utf8');
    assert.match(script, /#SBATCH (-p|--partition)[ =]batch/);
    assert.match(script, /single --model VGG16 --target Delay --technique Spotlight-R --scale /);
  });

  it('refuses options that cannot work, before running anything', async () => {
    const empty = await spotlight(['ablation', '--techniques', 'Eyeriss', '--list']);
    assert.equal(empty.status, 2);
    assert.equal(
      lines(empty.stderr)[0],
      'spotlight: error: --models/--techniques: leave no configuration of ablation, whose ' +
        'techniques are Spotlight-GA, Spotlight-R, Spotlight-V, Spotlight-F',
    );

    const stray = await spotlight(['full-cloud', '--partition', 'batch', '--dry-run']);
    assert.equal(stray.status, 2);
    assert.deepEqual(lines(stray.stderr).slice(0, 2), [
      'spotlight: error: --partition: only applies with --slurm',
      'spotlight: error: --dry-run: only applies with --slurm',
    ]);

    const noQueue = await spotlight(['full-cloud', '--slurm']);
    assert.equal(noQueue.status, 2);
    assert.equal(
      lines(noQueue.stderr)[0],
      'spotlight: error: --partition: is required with --slurm; give the partition to submit ' +
        'to (sinfo -s)',
    );

    const badModel = await spotlight(['full-edge', '--models', 'vgg16,alexnet', '--list']);
    assert.equal(badModel.status, 2);
    assert.equal(
      lines(badModel.stderr)[0],
      'spotlight: error: --models: "vgg16,alexnet" has unknown "alexnet"; give a ' +
        'comma-separated list of VGG16, RESNET, MOBILENET, MNASNET, TRANSFORMER (any letter case)',
    );
  });
});
