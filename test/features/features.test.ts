import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGoldenLines } from '../golden.js';
import {
  DEFAULT_EXCLUDED_FEATURES,
  FeatureSelectionError,
  HARDWARE_FEATURE_LABELS,
  featureGroupSet,
  hardwareFeatures,
  parseExcludedFeatures,
  softwareFeatureLabels,
  softwareFeatures,
} from '../../src/features/index.js';
import type { HardwarePoint, SearchedSoftwarePoint } from '../../src/space/index.js';

const hardware: HardwarePoint = {
  simdLanes: 12,
  bitWidth: 8,
  bandwidth: 100,
  levelBufferBytes: [65536, 98304],
  levelSubClusters: [4, 3],
};

const schedule: SearchedSoftwarePoint = {
  mode: 'searched',
  tiles: {
    N: [1, 1, 1],
    K: [2, 4, 1],
    C: [1, 2, 6],
    X: [2, 2, 4],
    Y: [1, 1, 56],
    R: [1, 1, 3],
    S: [3, 1, 1],
  },
  spatialDims: ['K', 'C'],
};

const none = parseExcludedFeatures('');

test('hardware features: lanes, bits, bandwidth, 32 KiB buffer units, PEs, inner level', () => {
  // (65536 + 98304) / 32768 = 2 + 3; 4 x 3 PEs.
  assert.deepEqual(hardwareFeatures(hardware), [12, 8, 100, 5, 12, 4]);
  assert.equal(HARDWARE_FEATURE_LABELS.length, 6);
});

test('original features: iterations and utilisation per level multiply', () => {
  // Level 0 maps K (factors 2, 4): floor(4/2) = 2 of 4 sub-clusters busy, ceil(8/4) = 2 steps.
  // Level 1 maps C (factors 2, 6): floor(6/2) = 3 of 3 busy, ceil(12/3) = 4 steps.
  // Outer R x S tile: 3 x 1.
  const excluded = parseExcludedFeatures('intuitive,data-driven,raw');
  const values = softwareFeatures(hardware, schedule, excluded);
  assert.deepEqual(values, [2 * 4, 0.5 * 1, 3, 8 * 12]);
});

test('the shape feature counts a dim mapped on both levels once', () => {
  const sameDim: SearchedSoftwarePoint = { ...schedule, spatialDims: ['K', 'K'] };
  const excluded = parseExcludedFeatures('original,data-driven,raw');
  assert.deepEqual(softwareFeatures(hardware, sameDim, excluded), [8]);
  // Level 1 on K (factors 4, 1): floor(1/4) = 0 busy, so the whole product is 0.
  const original = softwareFeatures(hardware, sameDim, parseExcludedFeatures('raw'));
  assert.equal(original[1], 0);
  assert.equal(original[0], 2 * Math.ceil(4 / 3));
});

test('data-driven features: weighted outer factors, X and Y ratios times sub-clusters', () => {
  const values = softwareFeatures(hardware, schedule, parseExcludedFeatures('original,raw'));
  // intuitive keeps the shape; then 2*4 + 3*56 + 5*1 + 7*4 + 11*2 and (4/2) * (56/1) * (4+3).
  assert.deepEqual(values, [96, 231, 784]);
});

test('raw features: every tile factor in N K C X Y R S order, then spatial dim codes', () => {
  const excluded = parseExcludedFeatures('original,intuitive,data-driven');
  assert.deepEqual(softwareFeatures(hardware, schedule, excluded), [
    1, 1, 1, 2, 4, 1, 1, 2, 6, 2, 2, 4, 1, 1, 56, 1, 1, 3, 3, 1, 1, 75, 67,
  ]);
  const labels = softwareFeatureLabels('searched', 2, excluded);
  assert.equal(labels.length, 23);
  assert.deepEqual(labels.slice(0, 4), ['sw_feat_N0', 'sw_feat_N1', 'sw_feat_N2', 'sw_feat_K0']);
  assert.deepEqual(labels.slice(-2), ['sw_feat_l0_spatial_dim', 'sw_feat_l1_spatial_dim']);
});

test('the default exclusion leaves the six engineered features, labelled in order', () => {
  const excluded = parseExcludedFeatures(DEFAULT_EXCLUDED_FEATURES);
  assert.deepEqual(softwareFeatureLabels('searched', 2, excluded), [
    'sw_feat_total_iterations', 'sw_feat_total_utilization', 'sw_feat_dram_kernel_tile',
    'sw_feat_shape', 'sw_feat_data_driven_1', 'sw_feat_data_driven_2',
  ]);
  assert.deepEqual(softwareFeatures(hardware, schedule, excluded), [8, 0.5, 3, 96, 231, 784]);
});

test('fixed dataflows give the K and C factors whatever is excluded', () => {
  const fixed = { mode: 'fixed', tiles: { K: [2, 4, 1], C: [1, 2, 6] }, dataflow: 'eye' } as const;
  for (const list of ['', 'raw', 'original,intuitive,data-driven,raw']) {
    assert.deepEqual(softwareFeatures(hardware, fixed, parseExcludedFeatures(list)), [
      2, 4, 1, 1, 2, 6,
    ]);
  }
  assert.deepEqual(softwareFeatureLabels('fixed', 2, none), [
    'sw_feat_K0', 'sw_feat_K1', 'sw_feat_K2', 'sw_feat_C0', 'sw_feat_C1', 'sw_feat_C2',
  ]);
});

test('labels and values always have the same length', () => {
  for (const list of ['', 'raw', 'original', 'intuitive', 'original,intuitive', 'data-driven']) {
    const excluded = parseExcludedFeatures(list);
    assert.equal(
      softwareFeatures(hardware, schedule, excluded).length,
      softwareFeatureLabels('searched', 2, excluded).length,
      list,
    );
  }
});

test('an unknown feature group is an error listing the allowed ones', () => {
  assert.throws(() => parseExcludedFeatures('raw,orignal'), (error: unknown) => {
    assert.ok(error instanceof FeatureSelectionError);
    assert.match(error.message, /"orignal"/);
    assert.match(error.message, /allowed: original, intuitive, data-driven, raw/);
    return true;
  });
  assert.deepEqual([...parseExcludedFeatures(' raw , original ')], ['raw', 'original']);
});

test('settings name their feature groups one per entry, checked against the known ones', () => {
  assert.deepEqual([...featureGroupSet(['raw', 'original'])], ['raw', 'original']);
  assert.deepEqual([...featureGroupSet([])], []);
  // A whole list in one entry is a name, not a list: the CLI splits it before it gets here.
  assert.throws(() => featureGroupSet(['raw,original']), (error: unknown) => {
    assert.ok(error instanceof FeatureSelectionError);
    assert.equal(
      error.message,
      'unknown feature group "raw,original" in the search settings\' excludedFeatures; ' +
        'allowed: original, intuitive, data-driven, raw',
    );
    return true;
  });
});

interface GpCase {
  search: 'software' | 'hardware';
  trainX: number[][];
  testX: number[][];
}

const gpCases = readGoldenLines<GpCase>('gp-cases.jsonl');

test('reference hardware fits used these six features: each row is an edge design', () => {
  const rows = gpCases
    .filter((c) => c.search === 'hardware')
    .flatMap((c) => [...c.trainX, ...c.testX]);
  assert.ok(rows.length > 0);
  for (const row of rows) {
    const [simdLanes, bitWidth, bandwidth, bufferUnits, pes, innerSubClusters] = row;
    // Rebuild a design with the row's totals, split the buffer units in any valid way.
    const bytes = bufferUnits * 32768;
    assert.equal(bytes % 8192, 0);
    const design: HardwarePoint = {
      simdLanes,
      bitWidth,
      bandwidth,
      levelBufferBytes: [32768, bytes - 32768],
      levelSubClusters: [innerSubClusters, pes / innerSubClusters],
    };
    assert.ok(Number.isInteger(pes / innerSubClusters) && innerSubClusters >= 2);
    assert.ok(pes >= 128 && pes <= 300 && simdLanes >= 2 && simdLanes <= 16);
    assert.deepEqual(hardwareFeatures(design), row);
  }
});

test('reference software fits used the default groups: original, shape, data-driven', () => {
  const cases = gpCases.filter((c) => c.search === 'software');
  const width = softwareFeatureLabels('searched', 2, parseExcludedFeatures('raw')).length;
  assert.ok(cases.length > 0);
  for (const gp of cases) {
    for (const row of [...gp.trainX, ...gp.testX]) {
      assert.equal(row.length, width);
      const [iterations, utilization, kernelTile, shape, mix, ratio] = row;
      assert.ok(Number.isInteger(iterations) && iterations >= 1);
      assert.ok(utilization >= 0 && utilization <= 1);
      // The outer R x S tile of the benchmark layers is 1, 3 or 9.
      assert.ok([1, 3, 9].includes(kernelTile));
      assert.ok(Number.isInteger(shape) && shape >= 1);
      // At least 2 + 3 + 5 + 7 + 11 with every factor 1.
      assert.ok(Number.isInteger(mix) && mix >= 28);
      assert.ok(ratio > 0);
    }
  }
  // Fixed-mode features would be whole tile factors; the utilisation column is not.
  const fractions = cases.flatMap((c) => c.trainX).filter((row) => !Number.isInteger(row[1]));
  assert.ok(fractions.length > 0);
});
