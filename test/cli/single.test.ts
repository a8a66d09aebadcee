import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CLI, FIXTURES, lines, spotlight } from './run-cli.js';

const TINY = path.join(FIXTURES, 'models', 'tiny.csv');
const TINY_RUN = [
  'single', '--model', TINY, '--target', 'edp', '--technique', 'spotlight', '--scale', 'EDGE',
  '--hw-trials', '2', '--sw-trials', '5', '--workers', '0',
];

/** Budgets that make a trial last long enough to be interrupted in the middle. */
function slower(word: string): string {
  if (word === '2') return '30';
  return word === '5' ? '20' : word;
}

async function resultsRoot(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'spotlight-single-'));
}

function folderOf(root: string): string {
  return path.join(root, 'Edge', 'Spotlight', 'EDP', 'tiny');
}

/**
 * The three result files with the wall-clock times taken out (trials.csv's wall_seconds
 * column, out.txt's `t <seconds> sec`): what a replay with the same seed must reproduce.
 */
async function resultBytes(folder: string): Promise<Record<string, string>> {
  const read = (name: string): Promise<string> => readFile(path.join(folder, name), 'utf8');
  // The last two columns are wall_seconds and stop_reason; cells before them may hold commas.
  const trials = await read('trials.csv');
  assert.match(trials, /^trial,.*,wall_seconds,stop_reason\n/);
  return {
    'trials.csv': trials.replace(/,[^,\n]*(,[^,\n]*)$/gm, '$1'),
    'layers.csv': await read('layers.csv'),
    'out.txt': (await read('out.txt')).replace(/ t [\d.]+ sec$/gm, ''),
  };
}

async function recordedSeed(folder: string): Promise<number> {
  return JSON.parse(await readFile(path.join(folder, 'run.json'), 'utf8')).seed;
}

/** Target values of trials.csv, by trial. */
async function targetValues(folder: string): Promise<string[]> {
  const rows = lines(await readFile(path.join(folder, 'trials.csv'), 'utf8')).slice(1);
  return rows.map((row) => row.split(',').slice(0, 4).join(','));
}

describe('spotlight single', () => {
  it('writes out.txt, trials.csv, layers.csv and run.json for a tiny run', async () => {
    const root = await resultsRoot();
    const run = await spotlight([...TINY_RUN, '--trials', '2', '--seed', '3', '--results', root]);
    assert.equal(run.status, 0, run.stderr);

    const folder = folderOf(root);
    assert.deepEqual((await readdir(folder)).sort(), [
      'layers.csv',
      'out.txt',
      'run.json',
      'trials.csv',
    ]);
    const out = await readFile(path.join(folder, 'out.txt'), 'utf8');
    const optHw = out.split('\n').filter((line) => line.startsWith('opt_hw target '));
    assert.equal(optHw.length, 2);
    assert.match(optHw[0], /^opt_hw target \d\.\d{4}e[+-]\d\d edp .* point \{'num_simd_lane':/);

    const trials = lines(await readFile(path.join(folder, 'trials.csv'), 'utf8'));
    assert.equal(trials.length, 3);
    assert.match(trials[0], /^trial,seed,valid,target_value,edp,energy,delay,throughput,area,/);
    const layers = lines(await readFile(path.join(folder, 'layers.csv'), 'utf8'));
    assert.equal(layers.length, 1 + 2 * 2, 'two layers per trial');
    assert.match(layers[1], /^0,0,TINY_conv1,true,/);

    const manifest = JSON.parse(await readFile(path.join(folder, 'run.json'), 'utf8'));
    assert.equal(manifest.format, 'spotlight-ts/run@1');
    assert.equal(manifest.seed, 3);
    assert.equal(manifest.trialsRequested, 2);
    assert.equal(typeof manifest.version, 'string');
    assert.equal(manifest.settings.technique, 'Spotlight');
    assert.equal(manifest.settings.search.hwTrials, 2);
    assert.deepEqual(manifest.settings.layers, [
      'TINY_conv1:1x16x8x16x16x3x3/1x1',
      'TINY_conv2:1x32x16x8x8x1x1/1x1',
    ]);
    assert.deepEqual(manifest.trials.map((t: { trial: number }) => t.trial), [0, 1]);

    assert.match(run.stderr, /: tiny \(2 layers\), EDP, Spotlight, Edge: /);
    assert.match(run.stderr, /seed 3, 2 trial\(s\), inline \(no worker threads\)\n/);
    assert.match(
      run.stderr,
      /trial 0 \(1 of 2\) done in [\d.]+ s: EDP \d\.\d{4}e\+\d\d; stopped: budget/,
    );
    assert.equal(run.stdout, '');
  });

  it('draws and records a seed without --seed; --seed replays it byte for byte', async () => {
    const [drawn, replayed] = [await resultsRoot(), await resultsRoot()];
    const first = await spotlight([...TINY_RUN, '--trials', '2', '--results', drawn]);
    assert.equal(first.status, 0, first.stderr);
    const logged = /: seed (\d+) \(drawn; replay with --seed (\d+)\), 2 trial/.exec(
      first.stderr,
    );
    assert.ok(logged, first.stderr);
    assert.equal(logged[1], logged[2]);
    const seed = Number(logged[1]);
    assert.equal(await recordedSeed(folderOf(drawn)), seed);
    const seedColumn = lines(await readFile(path.join(folderOf(drawn), 'trials.csv'), 'utf8'))
      .slice(1)
      .map((row) => row.split(',')[1]);
    assert.deepEqual(seedColumn, [String(seed), String(seed)]);

    const replay = await spotlight([
      ...TINY_RUN, '--trials', '2', '--seed', String(seed), '--results', replayed,
    ]);
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stderr, new RegExp(`: seed ${seed}, 2 trial`));
    assert.deepEqual(await resultBytes(folderOf(replayed)), await resultBytes(folderOf(drawn)));

    // Run again without --seed, the complete folder is recognised by its recorded seed.
    const rerun = await spotlight([...TINY_RUN, '--trials', '2', '--results', drawn, '--resume']);
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.match(rerun.stderr, new RegExp(`: seed ${seed} \\(recorded in run\\.json\\)`));
    assert.match(rerun.stderr, /all 2 trial\(s\) are complete already in .*; nothing to/);
  });

  it('gives the same trials for the same seed, whatever the worker count', async () => {
    const [inline, pooled] = [await resultsRoot(), await resultsRoot()];
    const seeded = [...TINY_RUN, '--trials', '2', '--seed', '5'];
    await spotlight([...seeded, '--results', inline, '-q']);
    const words = seeded.map((w) => (w === '0' ? '2' : w));
    const run = await spotlight([...words, '--results', pooled, '-q']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(await targetValues(folderOf(inline)), await targetValues(folderOf(pooled)));
  });

  it('refuses a folder of other settings unless --force; same settings run nothing', async () => {
    const root = await resultsRoot();
    await spotlight([...TINY_RUN, '--results', root, '-q']);
    const other = TINY_RUN.map((w) => (w === '5' ? '6' : w));

    const refused = await spotlight([...other, '--results', root, '-q']);
    assert.equal(refused.status, 1);
    assert.deepEqual(lines(refused.stderr), [
      `spotlight: error: ${folderOf(root)} was written with different settings, so its ` +
        "trials cannot be mixed with this run's:",
      'spotlight: error:   search.swTrials: 5 there, 6 here',
      'spotlight: error: choose another --results folder, or add --force to discard it',
    ]);

    // The same settings again, with or without --resume: nothing to run, a success that
    // leaves the folder as it is.
    const before = await readFile(path.join(folderOf(root), 'run.json'), 'utf8');
    for (const resume of [[], ['--resume']]) {
      const again = await spotlight([...TINY_RUN, ...resume, '--results', root]);
      assert.equal(again.status, 0, again.stderr);
      assert.match(
        again.stderr,
        new RegExp(`all 1 trial\\(s\\) are complete already in ${folderOf(root)}; nothing`),
      );
      assert.doesNotMatch(again.stderr, /resuming/);
    }
    assert.equal(await readFile(path.join(folderOf(root), 'run.json'), 'utf8'), before);

    const forced = await spotlight([...other, '--results', root, '--force', '-q']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stderr, /warn: .*: discarding results of different settings, as --force/);
  });

  it('logs a trial without a valid accelerator once as such, header kept', async () => {
    const root = await resultsRoot();
    const model = path.join(root, 'one.csv');
    await writeFile(model, 'name,N,K,C,X,Y,R,S,strideX,strideY\nONE_conv1,1,16,8,8,8,3,3,1,1\n');
    const run = await spotlight([
      ...TINY_RUN.map((w) => (w === TINY ? model : w)),
      '--max-power', '1', '--max-invalid', '5', '--results', root,
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /: one \(1 layer\), EDP/);
    const done = lines(run.stderr).filter((line) => line.includes('trial 0 (1 of 1) done'));
    assert.equal(done.length, 1, run.stderr);
    assert.equal(done[0].split('no valid accelerator').length - 1, 1, done[0]);
    assert.match(done[0], /stopped: too many invalid points \(5 invalid hardware samples/);

    const folder = path.join(root, 'Edge', 'Spotlight', 'EDP', 'one');
    const trials = lines(await readFile(path.join(folder, 'trials.csv'), 'utf8'));
    assert.match(trials[0], /,power,num_simd_lane,bit_width,bandwidth,l0_buf_size,l1_buf_size,/);
    assert.match(trials[1], /^0,\d+,false,,/);
  });

  it('keeps completed trials when killed and finishes them with --resume', async () => {
    const [killed, whole] = [await resultsRoot(), await resultsRoot()];
    const slow = [...TINY_RUN.map(slower), '--trials', '3'];

    // SIGKILL: no handler runs, the lock stays behind, nothing is flushed on the way out.
    const child = spawn(process.execPath, [CLI, ...slow, '--results', killed], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('trial 0 (1 of 3) done')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`finished before it could be killed: ${stderr}`)));
    });
    await new Promise((resolve) => child.on('close', resolve));
    const kept = await targetValues(folderOf(killed));
    assert.ok(kept.length >= 1 && kept.length < 3, `kept ${kept.length} trial(s)`);

    // Neither run was given --seed: the resumed one continues with the seed the first drew.
    const seed = await recordedSeed(folderOf(killed));
    assert.match(stderr, new RegExp(`seed ${seed} \\(drawn; replay with --seed ${seed}\\)`));
    const resumed = await spotlight([...slow, '--results', killed, '--resume']);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`seed ${seed} \\(recorded in run\\.json\\)`));
    assert.match(resumed.stderr, /resuming; trials 0(, 1)? are complete/);
    assert.equal(await recordedSeed(folderOf(killed)), seed);

    await spotlight([...slow, '--seed', String(seed), '--results', whole, '-q']);
    assert.deepEqual(await targetValues(folderOf(killed)), await targetValues(folderOf(whole)));
  });

  it('stops on SIGINT with status 130 and says how to continue', async () => {
    const root = await resultsRoot();
    const slow = TINY_RUN.map(slower);
    const child = spawn(process.execPath, [CLI, ...slow, '--trials', '3', '--results', root], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (chunk.includes('trial 0 (1 of 3) done')) child.kill('SIGINT');
    });
    const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(status, 130, stderr);
    assert.match(stderr, /warn: SIGINT received: stopping the searches under way/);
    assert.match(
      stderr,
      /interrupted: [12] of 3 trial\(s\) complete in .*; run the same command with --resume/,
    );
    assert.ok(!(await readdir(folderOf(root))).includes('.lock'), 'lock released');
  });

  it('answers bad values with the option, the value and what is accepted', async () => {
    const run = await spotlight([
      'single', '--model', 'vgg16', '--target', 'edpp', '--technique', 'spotlight-x',
      '--scale', 'edgy', '--trials', '0', '--exclude-feat', 'raw,foo',
    ]);
    assert.equal(run.status, 2);
    assert.deepEqual(lines(run.stderr), [
      'spotlight: error: --target: "edpp" is not accepted; use one of EDP, Delay (any letter ' +
        'case)',
      'spotlight: error: --technique: "spotlight-x" is not accepted; use one of Spotlight, ' +
        'Spotlight-GA, Spotlight-R, Spotlight-V, Spotlight-F, Spotlight-Multi, ' +
        'Spotlight-General, Eyeriss, NVDLA, MAERI (any letter case)',
      'spotlight: error: --scale: "edgy" is not accepted; use one of Edge, Cloud (any letter ' +
        'case)',
      'spotlight: error: --trials: "0" is not accepted; use an integer >= 1',
      'spotlight: error: --exclude-feat: "raw,foo" has unknown "foo"; give a comma-separated ' +
        'list of original, intuitive, data-driven, raw (any letter case)',
      '(add --help for usage)',
    ]);

    const missing = await spotlight(['single', '--model', 'VGG16']);
    assert.equal(missing.status, 2);
    assert.deepEqual(
      lines(missing.stderr).map((line) => line.split(':')[2]?.trim()),
      ['--target', '--technique', '--scale', undefined],
    );

    const noFile = await spotlight([...TINY_RUN.map((w) => (w === TINY ? './none.csv' : w))]);
    assert.equal(noFile.status, 2);
    assert.match(lines(noFile.stderr)[0], /^spotlight: error: --model: "\.\/none\.csv" is not a /);

    const ranges = await spotlight([...TINY_RUN, '--pe-low', '400']);
    assert.equal(ranges.status, 2);
    assert.match(lines(ranges.stderr)[0], /^spotlight: error: --pe-low\/--pe-high\/--pe-step: /);
    // The level-0 buffer is the reference's --l1 range.
    const buffers = await spotlight([...TINY_RUN, '--l1-low', '100000']);
    assert.equal(buffers.status, 2);
    assert.match(lines(buffers.stderr)[0], /^spotlight: error: --l1-low\/--l1-high\/--l1-step: /);
  });

  it('refuses budgets of 0, a folder as model and a filter larger than its input', async () => {
    // At --max-area 0 every design is over budget: the run would only reject samples.
    const budgets = await spotlight([...TINY_RUN, '--max-area', '0', '--max-power', '-1']);
    assert.equal(budgets.status, 2);
    assert.deepEqual(lines(budgets.stderr), [
      'spotlight: error: --max-area: "0" is not accepted; use a number > 0',
      'spotlight: error: --max-power: "-1" is not accepted; use a number > 0',
      '(add --help for usage)',
    ]);

    const folder = await resultsRoot();
    const asModel = await spotlight(TINY_RUN.map((w) => (w === TINY ? folder : w)));
    assert.equal(asModel.status, 2);
    assert.match(asModel.stderr, /--model: ".*" model file .*: is a directory, not a file; give /);
    assert.doesNotMatch(asModel.stderr, /internal error/);

    const model = path.join(folder, 'm.csv');
    await writeFile(model, 'name,N,K,C,X,Y,R,S\nL1,1,16,3,2,2,3,3\n');
    const started = Date.now();
    const tooBig = await spotlight(TINY_RUN.map((w) => (w === TINY ? model : w)));
    assert.equal(tooBig.status, 2);
    assert.ok(Date.now() - started < 20_000, 'refused at load time, not after a search');
    assert.match(tooBig.stderr, /row 2, field "R": 3 is larger than the input height Y = 2/);
    assert.match(tooBig.stderr, /row 2, field "S": 3 is larger than the input width X = 2/);
  });

  it('warns once that layers declared DSCONV are evaluated as CONV', async () => {
    const root = await resultsRoot();
    const model = path.join(root, 'dw.csv');
    await writeFile(
      model,
      'name,N,K,C,X,Y,R,S,type\ndw1,1,1,8,8,8,3,3,DSCONV\ndw2,1,1,8,8,8,3,3,DSCONV\n',
    );
    const run = await spotlight([
      ...TINY_RUN.map((w) => (w === TINY ? model : w)), '--hw-trials', '1', '--sw-trials', '2',
      '--seed', '1', '--results', root, '--no-progress',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const warnings = lines(run.stderr).filter((line) => line.includes('DSCONV'));
    assert.deepEqual(warnings, [
      'spotlight single: warn: layers dw1, dw2 are declared DSCONV; they are evaluated as CONV, ' +
        'as the reference does',
    ]);
  });

  it('evaluates one given schedule with --hw-point and --sw-point', async () => {
    const run = await spotlight([
      'single', '--model', 'VGG16_CONV11', '--target', 'Delay', '--technique', 'NVDLA',
      '--scale', 'Edge', '--sw-point', "{'K':[1,16,32],'C':[1,16,32],'dataflow':'dla'}",
    ]);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.layer, 'VGG16_CONV11');
    assert.ok(Number.isInteger(result.seed), 'the seed is printed, so it can be replayed');
    assert.equal(result.valid, true);
    assert.ok(result.delay > 0 && result.energy > 0);
  });
});
