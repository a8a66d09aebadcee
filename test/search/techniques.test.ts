/**
 * Techniques: their settings as the reference's run script sets them (run-ae.sh and
 * options.py), and every technique end to end on a tiny budget, producing a valid design
 * whose recorded schedules re-evaluate to the recorded costs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { evaluateSummary, parseDataflow } from '../../maestro-cost/src/index.js';
import {
  createExecutor,
  runTrial,
  scaleTrials,
  sumModelCost,
  techniqueSettings,
  TECHNIQUES,
  type Technique,
  type TrialResult,
  type SearchSettings,
} from '../../src/search/index.js';
import {
  HARDWARE_POINT_TEMPLATES,
  hardwareSpaceTemplate,
  toCostModelCall,
  totalPes,
} from '../../src/space/index.js';
import { TWO_LAYERS, tinySettings } from './helpers.js';

const EDGE = { maxArea: 4.3841e9, maxPower: 1.34877e5, maxInvalid: 2500 };
const CLOUD = { maxArea: 1.0e15, maxPower: 1.0e15, maxInvalid: 1000 };

const settingsOf = (technique: Technique, scale: 'edge' | 'cloud' = 'edge', target = 'edp') =>
  techniqueSettings({ technique, scale, target: target as 'edp' | 'delay' });

describe('technique settings', () => {
  test('Spotlight: BO on both levels, 100 x 100 samples, batches of 1000 tried 10 a time', () => {
    const settings = settingsOf('Spotlight');
    assert.deepEqual(
      {
        optimizer: settings.optimizer, hardwareMode: settings.hardwareMode,
        hwTrials: settings.hwTrials, swTrials: settings.swTrials,
        hwBatchSize: settings.hwBatchSize, swBatchSize: settings.swBatchSize,
        hwBatchTrials: settings.hwBatchTrials, swBatchTrials: settings.swBatchTrials,
        dataflow: settings.dataflow, excludedFeatures: settings.excludedFeatures,
        outerOrders: settings.outerOrders,
        maxArea: settings.maxArea, maxPower: settings.maxPower, maxInvalid: settings.maxInvalid,
      },
      {
        optimizer: 'bo', hardwareMode: 'search', hwTrials: 100, swTrials: 100,
        hwBatchSize: 1000, swBatchSize: 1000, hwBatchTrials: 10, swBatchTrials: 10,
        dataflow: 'searched', excludedFeatures: ['raw'], outerOrders: 3, ...EDGE,
      },
    );
    assert.deepEqual(settings.hardwareSpace, hardwareSpaceTemplate('edge').spec);
  });

  test('the cloud scale uses the datacenter space, its budgets and max-invalid 1000', () => {
    const settings = settingsOf('Spotlight', 'cloud');
    assert.deepEqual(settings.hardwareSpace, hardwareSpaceTemplate('cloud').spec);
    const { maxArea, maxPower, maxInvalid } = settings;
    assert.deepEqual({ maxArea, maxPower, maxInvalid }, CLOUD);
  });

  test('Spotlight-GA breeds generations of 20 and scales its budget to BO time', () => {
    const settings = settingsOf('Spotlight-GA');
    assert.equal(settings.optimizer, 'ga');
    assert.equal(settings.hwBatchSize, 20);
    assert.equal(settings.swBatchSize, 20);

    // sqrt(2.71 / 1.68) = 1.2701 per level: 100 samples become 127
    assert.equal(settings.hwTrials, 127);
    assert.equal(settings.swTrials, 127);
  });

  test('Spotlight-R samples at random with a scaled budget', () => {
    const settings = settingsOf('Spotlight-R');
    assert.equal(settings.optimizer, 'random');

    // sqrt(2.71 / 1.91) = 1.1912: 119
    assert.equal(settings.hwTrials, 119);
    assert.equal(settings.swTrials, 119);
  });

  test('Spotlight-V learns from the raw schedule only; Spotlight-F uses fixed dataflows', () => {
    assert.deepEqual(settingsOf('Spotlight-V').excludedFeatures,
      ['original', 'intuitive', 'data-driven']);
    assert.equal(settingsOf('Spotlight-F').dataflow, 'fixed');
  });

  test('Multi and General search schedules on the stored designs for their target', () => {
    for (const target of ['edp', 'delay'] as const) {
      const multi = settingsOf('Spotlight-Multi', 'edge', target);
      assert.equal(multi.hardwareMode, 'fixed');
      assert.deepEqual(multi.hardwarePoint, HARDWARE_POINT_TEMPLATES[`MoRVMnT_${target}`].point);
      const general = settingsOf('Spotlight-General', 'edge', target);
      assert.deepEqual(general.hardwarePoint, HARDWARE_POINT_TEMPLATES[`MoRV_${target}`].point);
    }
  });

  test('Eyeriss and NVDLA fix their hardware at each scale; MAERI searches its own space', () => {
    for (const scale of ['edge', 'cloud'] as const) {
      const eyeriss = settingsOf('Eyeriss', scale);
      assert.equal(eyeriss.hardwareMode, 'fixed');
      assert.deepEqual(eyeriss.hardwarePoint, HARDWARE_POINT_TEMPLATES[`eyeriss_${scale}`].point);
      const nvdla = settingsOf('NVDLA', scale);
      assert.deepEqual(nvdla.hardwarePoint, HARDWARE_POINT_TEMPLATES[`nvdla_${scale}`].point);
      const maeri = settingsOf('MAERI', scale);
      assert.equal(maeri.hardwareMode, 'search');
      assert.deepEqual(maeri.hardwareSpace, hardwareSpaceTemplate(`maeri_${scale}`).spec);
      assert.equal(maeri.maxInvalid, scale === 'edge' ? EDGE.maxInvalid : CLOUD.maxInvalid);
    }
  });

  test('scale-trials: sqrt of the time ratio on both levels, the full ratio on one', () => {
    assert.deepEqual(scaleTrials('bo', 100, 100, true), { hwTrials: 100, swTrials: 100 });

    // 2.71 / 1.68 = 1.6131; 2.71 / 1.91 = 1.4188 (truncated, as the reference does)
    assert.deepEqual(scaleTrials('ga', 100, 100, false), { hwTrials: 100, swTrials: 161 });
    assert.deepEqual(scaleTrials('random', 100, 100, false), { hwTrials: 100, swTrials: 141 });
    assert.deepEqual(scaleTrials('ga', 10, 40, true), { hwTrials: 12, swTrials: 50 });
  });

  test('explicit budgets and scale-trials requests are honoured', () => {
    const request = { technique: 'Spotlight-R', scale: 'edge', target: 'edp' } as const;
    const budget = { hwTrials: 10, swTrials: 20 };
    const unscaled = techniqueSettings({ ...request, ...budget, scaleTrials: false });
    assert.deepEqual([unscaled.hwTrials, unscaled.swTrials], [10, 20]);
    const scaled = techniqueSettings({ ...request, ...budget });
    assert.deepEqual([scaled.hwTrials, scaled.swTrials], [11, 23]);
  });
});

/** Checks a trial's best design is complete, within budget and consistent with the model. */
function assertValidBest(result: TrialResult, settings: SearchSettings): void {
  assert.equal(result.stop, 'budget');
  const best = result.best;
  assert.ok(best, 'no valid design');
  assert.deepEqual(best.layers.map((l) => l.layer), TWO_LAYERS.map((l) => l.name));
  assert.deepEqual(best.cost, sumModelCost(best.layers.map((l) => l.cost)));
  const { energy, delay } = best.cost;
  assert.equal(best.targetValue, settings.target === 'edp' ? energy * delay : delay);

  best.layers.forEach((schedule, i) => {
    const { cost } = schedule;
    assert.ok(cost.delay > 0 && cost.energy > 0 && cost.area > 0 && cost.power > 0);
    assert.ok(cost.area <= settings.maxArea && cost.power <= settings.maxPower);
    assert.equal(schedule.software.mode, settings.dataflow);

    // The recorded directives (with the outer order kept) re-evaluate to the recorded cost.
    const call = toCostModelCall(TWO_LAYERS[i], best.hardware, schedule.software);
    const mapping = parseDataflow(schedule.directives, call.accelerator.subClusters);
    const again = evaluateSummary(call.layer, call.accelerator, mapping);
    assert.deepEqual([again.delay, again.energy, again.area], [cost.delay, cost.energy, cost.area]);
  });
}

describe('every technique end to end on a tiny budget', () => {
  const executor = createExecutor(0);

  for (const technique of TECHNIQUES) {
    test(`${technique} finds a valid design`, async () => {
      const settings = tinySettings({ technique });
      const result = await runTrial({ settings, layers: TWO_LAYERS, seed: 2, trial: 0, executor });
      assertValidBest(result, settings);

      if (settings.hardwareMode === 'fixed') {
        assert.deepEqual(result.best!.hardware, settings.hardwarePoint);
        assert.deepEqual(result.hardwareSamples, { valid: 1, invalid: 0 });
      } else {
        assert.equal(result.hardwareSamples.valid, settings.hwTrials);
      }
      if (technique === 'MAERI') {
        const { hardware } = result.best!;
        const { simdLanes, bandwidth } = hardware;
        assert.deepEqual([simdLanes, bandwidth, totalPes(hardware)], [1, 64, 374]);
        assert.deepEqual(hardware.levelBufferBytes, [65 * 1024, 80 * 1024]);
      }
    });
  }

  test('the delay target and the cloud scale also yield valid designs', async () => {
    for (const request of [
      { technique: 'Spotlight', target: 'delay' },
      { technique: 'Eyeriss', scale: 'cloud' },
      { technique: 'Spotlight-Multi', target: 'delay' },
    ] as const) {
      const settings = tinySettings(request);
      const result = await runTrial({ settings, layers: TWO_LAYERS, seed: 4, trial: 0, executor });
      assertValidBest(result, settings);
    }
  });
});
