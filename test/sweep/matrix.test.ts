import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleArgv } from '../../src/sweep/argv.js';
import {
  configurationKey,
  matchSweep,
  sweepCells,
  sweepConfigurations,
} from '../../src/sweep/matrix.js';

describe('sweep matrices', () => {
  it('has the reference run script\'s configuration counts', () => {
    assert.equal(sweepCells('full-edge').length, 5 * 2 * 4);
    assert.equal(sweepCells('full-cloud').length, 5 * 2 * 4);
    assert.equal(sweepCells('ablation').length, 5 * 2 * 4);
    assert.equal(sweepCells('general').length, 2 * 5 + 2 * 2);
    const keys = ['full-edge', 'full-cloud', 'ablation', 'general'].flatMap((sweep) =>
      sweepCells(sweep as 'general').map(configurationKey),
    );
    assert.equal(new Set(keys).size, keys.length, 'every configuration has its own folder');
  });

  it('launches model by model, then target, then technique', () => {
    assert.deepEqual(sweepCells('full-edge').slice(0, 5).map(configurationKey), [
      'Edge-Spotlight-EDP-VGG16',
      'Edge-Eyeriss-EDP-VGG16',
      'Edge-NVDLA-EDP-VGG16',
      'Edge-MAERI-EDP-VGG16',
      'Edge-Spotlight-Delay-VGG16',
    ]);
    assert.ok(sweepCells('full-cloud').every((cell) => cell.scale === 'Cloud'));
    assert.ok(sweepCells('ablation').every((cell) => cell.scale === 'Edge'));
  });

  it('runs Spotlight-Multi on every model and Spotlight-General on the two unseen ones', () => {
    const general = sweepCells('general');
    assert.deepEqual(
      general.filter((c) => c.technique === 'Spotlight-General').map(configurationKey),
      [
        'Edge-Spotlight-General-EDP-MNASNET',
        'Edge-Spotlight-General-Delay-MNASNET',
        'Edge-Spotlight-General-EDP-TRANSFORMER',
        'Edge-Spotlight-General-Delay-TRANSFORMER',
      ],
    );
    assert.equal(general.filter((c) => c.technique === 'Spotlight-Multi').length, 10);
  });

  it('filters by model and technique and fills in trials and seed', () => {
    const picked = sweepConfigurations('full-edge', {
      trials: 3,
      seed: 7,
      models: ['RESNET', 'VGG16'],
      techniques: ['Eyeriss'],
    });
    assert.deepEqual(picked, [
      { scale: 'Edge', technique: 'Eyeriss', target: 'EDP', model: 'VGG16', trials: 3, seed: 7 },
      { scale: 'Edge', technique: 'Eyeriss', target: 'Delay', model: 'VGG16', trials: 3, seed: 7 },
      { scale: 'Edge', technique: 'Eyeriss', target: 'EDP', model: 'RESNET', trials: 3, seed: 7 },
      {
        scale: 'Edge',
        technique: 'Eyeriss',
        target: 'Delay',
        model: 'RESNET',
        trials: 3,
        seed: 7,
      },
    ]);
    assert.equal(sweepConfigurations('ablation', { techniques: ['Eyeriss'] }).length, 0);
  });

  it('accepts the README and script spellings of sweep names', () => {
    assert.equal(matchSweep('main-edge'), 'full-edge');
    assert.equal(matchSweep('Main-Cloud'), 'full-cloud');
    assert.equal(matchSweep('FULL-EDGE'), 'full-edge');
    assert.equal(matchSweep('Ablation'), 'ablation');
    assert.equal(matchSweep('nope'), undefined);
  });

  it('builds the single command line a local sweep and a SLURM job both run', () => {
    const [configuration] = sweepConfigurations('full-cloud', { trials: 2, seed: 5 });
    assert.deepEqual(singleArgv(configuration, { resultsRoot: 'out', workers: 4 }), [
      'single',
      '--model', 'VGG16',
      '--target', 'EDP',
      '--technique', 'Spotlight',
      '--scale', 'Cloud',
      '--trials', '2',
      '--seed', '5',
      '--results', 'out',
      '--workers', '4',
      '--resume',
    ]);
    assert.deepEqual(
      singleArgv(configuration, { resume: false, extra: ['--hw-trials', '10'] }).slice(-3),
      ['5', '--hw-trials', '10'],
    );
  });
});
