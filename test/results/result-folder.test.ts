import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ResultsFolderError } from '../../src/results/errors.js';
import {
  ResultFolder,
  inspectResultFolder,
  readManifest,
} from '../../src/results/result-folder.js';
import { sampleTrial } from './sample-trials.js';

const SETTINGS = { model: 'VGG16', target: 'EDP', technique: 'Spotlight', hwTrials: 10, seed: 1 };

async function freshDir(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'spotlight-results-'));
  return path.join(root, 'Edge', 'Spotlight', 'EDP', 'VGG16');
}

/** Opens the folder with the test settings, one trial. */
function openPlain(dir: string): Promise<ResultFolder> {
  return ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 1 });
}

async function rejection(promise: Promise<unknown>): Promise<ResultsFolderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResultsFolderError, `expected a ResultsFolderError: ${error}`);
    return error;
  }
  assert.fail('expected the folder to be refused');
}

describe('results folder', () => {
  it('writes all four files at open and again with each recorded trial', async () => {
    const dir = await freshDir();
    const folder = await ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 2 });
    assert.deepEqual((await readdir(dir)).sort(), [
      '.lock',
      'layers.csv',
      'out.txt',
      'run.json',
      'trials.csv',
    ]);
    assert.deepEqual(folder.pendingTrials(), [0, 1]);

    await folder.record(sampleTrial(0));
    assert.deepEqual(folder.pendingTrials(), [1]);
    const trials = await readFile(path.join(dir, 'trials.csv'), 'utf8');
    assert.equal(
      trials.split('\n')[0],
      'trial,seed,valid,target_value,edp,energy,delay,throughput,area,power,num_simd_lane,' +
        'bit_width,bandwidth,l0_buf_size,l1_buf_size,subclusters,evaluations,wall_seconds,' +
        'stop_reason',
    );
    assert.equal(
      trials.split('\n')[1],
      '0,1000,true,15000000000,15000000000,1000000,15000,60,1250000000,617.25,16,8,200,65536,' +
        '73728,"[33,9]",4200,12.5,budget',
    );
    const layers = (await readFile(path.join(dir, 'layers.csv'), 'utf8')).split('\n');
    assert.equal(
      layers[0],
      'trial,layer_index,layer,valid,target_value,edp,energy,delay,throughput,area,power,' +
        'dataflow,schedule',
    );
    assert.equal(layers.length, 4, 'header, two layers, final newline');
    assert.match(layers[1], /^0,0,TINY_Conv2d-1,true,10000000000,.*,"SK\|1,TC\|16,C,SC\|1",/);

    const manifest = await readManifest(dir);
    assert.equal(manifest?.trials.length, 1);
    assert.equal(manifest?.seed, 1);
    assert.deepEqual(manifest?.settings, SETTINGS);
    await folder.close();
    assert.ok(!(await readdir(dir)).includes('.lock'), 'lock released');
  });

  it('refuses a folder written with other settings, naming the differences', async () => {
    const dir = await freshDir();
    const first = await ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 1 });
    await first.record(sampleTrial(0));
    await first.close();

    const other = { ...SETTINGS, hwTrials: 20, seed: 2 };
    const error = await rejection(ResultFolder.open(dir, { settings: other, seed: 2, trials: 1 }));
    assert.match(error.message, /was written with different settings/);
    assert.match(error.message, /hwTrials: 10 there, 20 here/);
    assert.match(error.message, /seed: 1 there, 2 here/);
    assert.match(error.message, /add --force to discard it/);

    const forced = await ResultFolder.open(dir, {
      settings: other,
      seed: 2,
      trials: 1,
      force: true,
    });
    assert.deepEqual(forced.pendingTrials(), [0]);
    await forced.close();
    assert.equal((await readManifest(dir))?.trials.length, 0);
  });

  it('keeps completed trials with --resume and refuses to overwrite them without', async () => {
    const dir = await freshDir();
    const first = await ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 3 });
    await first.record(sampleTrial(0));
    await first.record(sampleTrial(2));
    await first.close();

    const state = await inspectResultFolder(dir, SETTINGS, 3);
    assert.deepEqual(state, { state: 'partial', done: [0, 2], requested: 3 });

    const reopened = ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 3 });
    const error = await rejection(reopened);
    assert.match(error.message, /holds 2 of 3 trials of these settings; add --resume/);

    const resumed = await ResultFolder.open(dir, {
      settings: SETTINGS,
      seed: 1,
      trials: 4,
      resume: true,
    });
    assert.deepEqual(resumed.pendingTrials(), [1, 3]);
    await resumed.record(sampleTrial(1));
    await resumed.close();
    const out = await readFile(path.join(dir, 'out.txt'), 'utf8');
    assert.equal(out.split('\n').filter((line) => line.startsWith('opt_hw')).length, 3);
    assert.equal((await inspectResultFolder(dir, SETTINGS, 3)).state, 'complete');
  });

  it('opens a complete folder of the same settings with nothing to run, as it is', async () => {
    const dir = await freshDir();
    const first = await ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 2 });
    await first.record(sampleTrial(0));
    await first.record(sampleTrial(1));
    await first.close();
    const before = await readFile(path.join(dir, 'run.json'), 'utf8');

    for (const resume of [false, true]) {
      const options = { settings: SETTINGS, seed: 1, trials: 2, resume };
      const again = await ResultFolder.open(dir, options);
      assert.deepEqual(again.pendingTrials(), []);
      assert.deepEqual(again.completedTrials().map((trial) => trial.trial), [0, 1]);
      await again.close();
    }
    assert.equal(await readFile(path.join(dir, 'run.json'), 'utf8'), before);
  });

  it('refuses a folder with reference results but no run.json', async () => {
    const dir = await freshDir();
    const first = await ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 1 });
    await first.close();
    await writeFile(path.join(dir, 'run.json'), '{"not": "ours"}');
    const unreadable = await rejection(
      ResultFolder.open(dir, { settings: SETTINGS, seed: 1, trials: 1 }),
    );
    assert.match(unreadable.message, /run.json is not a run record of this tool/);

    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, 'run.json'));
    const foreign = await rejection(openPlain(dir));
    assert.match(foreign.message, /holds out.txt, trials.csv, layers.csv but no run.json/);
  });

  it('refuses a second writer while the first holds the folder', async () => {
    const dir = await freshDir();
    const first = await openPlain(dir);
    const error = await rejection(openPlain(dir));
    assert.match(error.message, /already open in this process/);
    await first.close();
  });
});
