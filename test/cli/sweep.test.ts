import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
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
    assert.match(first.stderr, /4 configuration\(s\): 4 to run, 0 complete already; 2 at a/);
    const files = await readdir(path.join(root, 'Edge', 'NVDLA', 'Delay', 'VGG16'));
    assert.deepEqual(files.sort(), ['layers.csv', 'out.txt', 'run.json', 'trials.csv']);

    // No --seed: one seed is drawn for the sweep, logged, and recorded by every configuration.
    const drawn = /: seed (\d+) \(drawn; replay with --seed (\d+)\)\n/.exec(first.stderr);
    assert.ok(drawn, first.stderr);
    assert.equal(drawn[1], drawn[2]);
    const seed = Number(drawn[1]);
    for (const technique of ['Eyeriss', 'NVDLA']) {
      for (const target of ['EDP', 'Delay']) {
        const runJson = path.join(root, 'Edge', technique, target, 'VGG16', 'run.json');
        assert.equal(JSON.parse(await readFile(runJson, 'utf8')).seed, seed, runJson);
      }
    }

    // Started again without --seed, it finds the recorded seeds and skips everything.
    const again = await spotlight(['main-edge', ...filter, ...TINY_BUDGET]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(lines(again.stdout).at(-1), '4 configuration(s): 4 complete');
    assert.match(again.stderr, new RegExp(`: seed ${seed} \\(recorded in run\\.json\\)\n`));

    // Widened, the new configurations get a new drawn seed and the others keep theirs.
    const wider = await spotlight([
      'full-edge', '--models', 'vgg16', '--techniques', 'Eyeriss,NVDLA,MAERI', '--results', root,
      ...TINY_BUDGET, '--list',
    ]);
    assert.equal(wider.status, 0, wider.stderr);
    const fresh = new RegExp(
      `: seed ${seed} \\(recorded in run\\.json\\) for 4 configuration\\(s\\), ` +
        'seed (\\d+) \\(drawn; replay with --seed \\d+\\) for the other 2\n',
    ).exec(wider.stderr);
    assert.ok(fresh, wider.stderr);
    const seedOf = (key: string): string | undefined => {
      const row = lines(wider.stdout).find((line) => line.startsWith(`${key} `));
      return / --seed (\d+) /.exec(row ?? '')?.[1];
    };
    assert.equal(seedOf('Edge-NVDLA-Delay-VGG16'), String(seed));
    assert.equal(seedOf('Edge-MAERI-EDP-VGG16'), fresh[1]);

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
    // The job is given the sweep's drawn seed, so it does not depend on when it starts.
    assert.match(script, / --trials 1 --seed \d+ --results /);
  });

  it('refuses unusable results folders as a results problem, not a usage one', async () => {
    const root = await resultsRoot();
    const folder = path.join(root, 'Edge', 'Eyeriss', 'EDP', 'VGG16');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'out.txt'), 'opt_hw target 1.0\n');

    const run = await spotlight([
      'full-edge', '--models', 'vgg16', '--techniques', 'Eyeriss', '--results', root,
      ...TINY_BUDGET,
    ]);
    assert.equal(run.status, 1);
    assert.deepEqual(lines(run.stderr).filter((line) => line.includes('error')), [
      `spotlight: error: ${folder}: holds out.txt without run.json (another tool wrote it)`,
      'spotlight: error: results: choose another --results folder, or add --force to ' +
        'overwrite these folders',
    ]);
    assert.doesNotMatch(run.stderr, /--help/);
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
