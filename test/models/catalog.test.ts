import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../golden.js';
import { LAYER_DIMS } from '../../maestro-cost/src/types.js';
import {
  BENCHMARK_LAYERS,
  BENCHMARK_MODEL_NAMES,
  BENCHMARK_MODELS,
  LayerSelectionError,
  costModelLayer,
  selectLayers,
} from '../../src/models/index.js';

interface GoldenLayer {
  name: string;
  dims: Record<string, number>;
  strides: Record<string, number>;
  declaredType: string;
}

const golden = JSON.parse(readFileSync(goldenPath('models.json'), 'utf8')) as Record<
  string,
  GoldenLayer[]
>;

test('the built-in tables are exactly the five reference models', () => {
  assert.deepEqual([...BENCHMARK_MODEL_NAMES].sort(), Object.keys(golden).sort());
});

for (const model of BENCHMARK_MODEL_NAMES) {
  test(`${model} has the reference's layers, order, sizes, strides and declared kinds`, () => {
    const ours = BENCHMARK_MODELS[model];
    assert.equal(ours.length, golden[model].length);
    ours.forEach((layer, index) => {
      const expected = golden[model][index];
      assert.equal(layer.name, expected.name);
      for (const dim of LAYER_DIMS) {
        assert.equal(layer.dims[dim], expected.dims[dim], `${layer.name} ${dim}`);
        assert.equal(layer.strides[dim], expected.strides[dim] ?? 1, `${layer.name} stride ${dim}`);
      }
      assert.equal(layer.declaredType, expected.declaredType);
    });
  });
}

test('a model name selects its whole table, in order', () => {
  const names = selectLayers('MNASNET').map((layer) => layer.name);
  assert.deepEqual(names, golden.MNASNET.map((layer) => layer.name));
});

test('prefixes select by name start and concatenate in the order given', () => {
  const names = selectLayers('VGG16_CONV1,RESNET50_CONV1').map((layer) => layer.name);
  assert.deepEqual(names, [
    'VGG16_CONV10', 'VGG16_CONV11', 'VGG16_CONV12', 'VGG16_CONV13', 'RESNET50_CONV1',
  ]);
});

test('ignoreStride sets every stride to 1', () => {
  const [conv1] = selectLayers('RESNET50_CONV1', { ignoreStride: true });
  assert.equal(conv1.strides.X, 1);
  assert.equal(conv1.strides.Y, 1);
  assert.equal(selectLayers('RESNET50_CONV1')[0].strides.X, 2);
});

test('removeDuplicateLayers keeps the first layer of each size-and-stride shape', () => {
  const all = selectLayers('VGG16');
  const unique = selectLayers('VGG16', { removeDuplicateLayers: true });
  // CONV06/07, CONV09/10 and CONV11/12/13 share shapes.
  assert.equal(all.length, 13);
  assert.deepEqual(unique.map((layer) => layer.name), [
    'VGG16_CONV01', 'VGG16_CONV02', 'VGG16_CONV03', 'VGG16_CONV04', 'VGG16_CONV05',
    'VGG16_CONV06', 'VGG16_CONV08', 'VGG16_CONV09', 'VGG16_CONV11',
  ]);
});

test('a prefix that matches nothing is an error naming it', () => {
  assert.throws(() => selectLayers('RESNET,ALEXNET'), (error: unknown) => {
    assert.ok(error instanceof LayerSelectionError);
    assert.match(error.message, /"ALEXNET"/);
    assert.match(error.message, /RESNET50/);
    return true;
  });
});

test('the cost-model view of a layer carries sizes and all seven strides', () => {
  const layer = BENCHMARK_LAYERS.find((candidate) => candidate.name === 'MOBILENET_CONV1');
  assert.ok(layer);
  assert.deepEqual(costModelLayer(layer), {
    dims: { N: 1, K: 32, C: 3, X: 224, Y: 224, R: 1, S: 1 },
    strides: { N: 1, K: 1, C: 1, X: 2, Y: 2, R: 1, S: 1 },
  });
});
