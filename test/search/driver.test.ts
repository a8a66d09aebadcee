/**
 * The trial driver and the layer searches: stop reasons, infeasible points counted by reason,
 * seed replay, and results that do not depend on the order in which layer searches finish.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  createExecutor,
  inputScope,
  runTrial,
  searchLayer,
  type LayerSearchExecutor,
  type SearchSettings,
} from '../../src/search/index.js';
import { TWO_LAYERS, tinySettings, withoutTiming } from './helpers.js';

const inline = createExecutor(0);

function trial(settings: SearchSettings, seed = 7, executor = inline) {
  return runTrial({ settings, layers: TWO_LAYERS, seed, trial: 0, executor });
}

function layerSearch(settings: SearchSettings, seed = 7) {
  return searchLayer({
    settings, layer: TWO_LAYERS[1], layerIndex: 1, hardware: settings.hardwarePoint!,
    seed, trial: 0, hardwareSample: 0,
  });
}

/** A fixed accelerator, so a layer search can run on its own. */
const onNvdla = (overrides: Partial<SearchSettings> = {}) =>
  tinySettings({ technique: 'NVDLA' }, overrides);

const sum = (counts: Partial<Record<string, number>>) =>
  Object.values(counts).reduce((a: number, b) => a + (b ?? 0), 0);

describe('layer search', () => {
  test('stops after swTrials valid schedules, counting each rejected one by reason', () => {
    const result = layerSearch(onNvdla({ swTrials: 6 }));
    assert.equal(result.stop, 'budget');
    assert.equal(result.validSamples, 6);
    assert.ok(result.best);
    assert.equal(sum(result.infeasible), result.invalidSamples);

    // Searched schedules are tried under three outer orders each.
    assert.equal(result.modelCalls, 3 * (result.validSamples + result.invalidSamples));
  });

  test('a fixed dataflow costs one model call per schedule', () => {
    const result = layerSearch(onNvdla({ dataflow: 'fixed' }));
    assert.equal(result.modelCalls, result.validSamples + result.invalidSamples);
  });

  test('gives up after maxInvalid rejections; over max-area they count as area', () => {
    const result = layerSearch(onNvdla({ maxArea: 1, maxInvalid: 5 }));
    assert.equal(result.stop, 'max-invalid');
    assert.equal(result.best, undefined);
    assert.equal(result.validSamples, 0);
    assert.equal(result.invalidSamples, 5);
    assert.equal(sum(result.infeasible), 5);
    assert.ok((result.infeasible.area ?? 0) > 0, JSON.stringify(result.infeasible));
    assert.equal(result.infeasible.power, undefined);
  });

  test('over max-power (and within max-area) rejections count as power', () => {
    const result = layerSearch(onNvdla({ maxPower: 1, maxInvalid: 5 }));
    assert.equal(result.stop, 'max-invalid');
    assert.ok((result.infeasible.power ?? 0) > 0, JSON.stringify(result.infeasible));
    assert.equal(result.infeasible.area, undefined);
  });
});

/** A layer the cost model refuses whatever the schedule: its filter is taller than its input. */
const tooTall = { ...TWO_LAYERS[1], name: 'too_tall', dims: { ...TWO_LAYERS[1].dims, Y: 2, R: 3 } };

describe('points refused as input', () => {
  test('a layer refused whatever the schedule stops its search at the first point', () => {
    const settings = onNvdla({ maxInvalid: 1000 });
    const result = searchLayer({
      settings, layer: tooTall, layerIndex: 0, hardware: settings.hardwarePoint!,
      seed: 7, trial: 0, hardwareSample: 0,
    });
    assert.equal(result.stop, 'input');
    assert.equal(result.invalidSamples, 1);
    assert.deepEqual(result.infeasible, { input: 1 });
    assert.equal(result.inputProblem?.scope, 'layer');
    assert.match(result.inputProblem?.detail ?? '', /layer\.dims\.R = 3 is not accepted/);
  });

  test('a trial on such a layer stops at once with no design, naming the layer', async () => {
    const settings = tinySettings({ hwTrials: 3 }, { maxInvalid: 1000 });
    const layers = [TWO_LAYERS[0], tooTall];
    const result = await runTrial({ settings, layers, seed: 3, trial: 0, executor: inline });
    assert.equal(result.stop, 'input');
    assert.equal(result.best, undefined);
    assert.deepEqual(result.hardwareSamples, { valid: 0, invalid: 1 });
    assert.equal(result.inputProblem?.layer, 'too_tall');
    assert.equal(result.inputProblem?.scope, 'layer');

    // Deterministic: the same trial again gives the same result.
    const again = await runTrial({ settings, layers, seed: 3, trial: 0, executor: inline });
    assert.deepEqual(withoutTiming(again), withoutTiming(result));
  });

  test('refusals that depend on the schedule are only classified, not fatal', () => {
    assert.equal(inputScope('layer.dims.S'), 'layer');
    assert.equal(inputScope('accelerator.bandwidth'), 'accelerator');
    assert.equal(inputScope('accelerator.subClusters'), 'schedule');
    assert.equal(inputScope('mapping.directives'), 'schedule');
    assert.equal(inputScope(undefined), 'schedule');
  });
});

describe('runTrial', () => {
  test('a searched accelerator budget ends with a best design and its schedules', async () => {
    const result = await trial(tinySettings());
    assert.equal(result.stop, 'budget');
    assert.deepEqual(result.hardwareSamples, { valid: 2, invalid: 0 });
    assert.equal(result.layerSearches, 4);
    assert.deepEqual(result.best?.layers.map((l) => l.layer), TWO_LAYERS.map((l) => l.name));
  });

  test('a fixed accelerator is searched once', async () => {
    const result = await trial(onNvdla());
    assert.equal(result.stop, 'budget');
    assert.deepEqual(result.hardwareSamples, { valid: 1, invalid: 0 });
    assert.deepEqual(result.best?.hardware, onNvdla().hardwarePoint);
  });

  test('a fixed accelerator without its point is an internal error saying so', async () => {
    const { hardwarePoint: _point, ...settings } = onNvdla();
    await assert.rejects(trial(settings), {
      message:
        "internal error: search settings have hardwareMode 'fixed' but no hardwarePoint, so " +
        'there is no accelerator to evaluate schedules on',
    });
  });

  test('stops with no result after maxInvalid failed accelerators; counts add up', async () => {
    const result = await trial(tinySettings({}, { maxArea: 1, maxInvalid: 2 }));
    assert.equal(result.stop, 'max-invalid');
    assert.equal(result.best, undefined);
    assert.deepEqual(result.hardwareSamples, { valid: 0, invalid: 2 });
    assert.equal(result.infeasible['layer-max-invalid'], 2);

    // Each of 2 layers gave up after 2 rejected schedules, on each of 2 accelerators.
    const { 'layer-max-invalid': _failed, ...schedules } = result.infeasible;
    assert.equal(sum(schedules), 2 * 2 * 2);
    assert.ok((schedules.area ?? 0) > 0);
  });

  test('an aborted trial stops as interrupted, keeping what it found', async () => {
    const controller = new AbortController();
    const result = await runTrial({
      settings: tinySettings({ hwTrials: 5 }), layers: TWO_LAYERS, seed: 1, trial: 0,
      executor: inline, signal: controller.signal,
      observer: { onHardwareSampleDone: () => controller.abort() },
    });
    assert.equal(result.stop, 'interrupted');
    assert.deepEqual(result.hardwareSamples, { valid: 1, invalid: 0 });
    assert.ok(result.best);
  });
});

describe('reproducibility', () => {
  test('the same seed replays a trial exactly; another seed does not', async () => {
    const settings = tinySettings({ hwTrials: 3, swTrials: 4 });
    const first = withoutTiming(await trial(settings, 11));
    assert.deepEqual(withoutTiming(await trial(settings, 11)), first);
    assert.notDeepEqual(withoutTiming(await trial(settings, 12)).best, first.best);
  });

  test('results do not depend on the order in which layer searches finish', async () => {
    // Finishes each search after a delay that shrinks with the layer index, so layer 1 of an
    // accelerator completes before layer 0.
    const reversed: LayerSearchExecutor = {
      workers: 0,
      async run(task) {
        const delayMs = 5 * (TWO_LAYERS.length - task.layerIndex);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return searchLayer(task);
      },
      close: async () => {},
    };
    const finished: number[] = [];
    const settings = tinySettings({ hwTrials: 3, swTrials: 4 });
    const expected = withoutTiming(await trial(settings, 5));
    const actual = await runTrial({
      settings, layers: TWO_LAYERS, seed: 5, trial: 0, executor: reversed,
      observer: { onLayerDone: ({ layerIndex }) => finished.push(layerIndex) },
    });
    assert.deepEqual(finished.slice(0, 2), [1, 0]);
    assert.deepEqual(withoutTiming(actual), expected);
  });
});
