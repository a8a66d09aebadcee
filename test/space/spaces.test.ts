import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import {
  HARDWARE_SPACE_TEMPLATES,
  SpaceError,
  buildHardwareSpace,
  buildSoftwareSpace,
  hardwareSpaceTemplate,
  orderedFactorisations,
  overrideHardwareSpace,
  subClusterSplits,
  totalPes,
  type SoftwarePoint,
} from '../../src/space/index.js';

test('tile factorisations list every ordered triple, largest first factor first', () => {
  assert.deepEqual(orderedFactorisations(4, 3), [
    [4, 1, 1], [2, 2, 1], [2, 1, 2], [1, 4, 1], [1, 2, 2], [1, 1, 4],
  ]);
  // 12 = 2^2 * 3: C(4,2) ways to spread the 2s times C(3,2) ways to place the 3.
  const twelve = orderedFactorisations(12, 3);
  assert.equal(twelve.length, 18);
  assert.ok(twelve.every(([a, b, c]) => a * b * c === 12));
  assert.deepEqual(orderedFactorisations(1, 3), [[1, 1, 1]]);
});

test('PE splits keep at least two sub-clusters in every level but the outermost', () => {
  assert.deepEqual(subClusterSplits(12, 2), [[2, 6], [3, 4], [4, 3], [6, 2], [12, 1]]);
  assert.deepEqual(subClusterSplits(7, 2), [[7, 1]]);
  assert.deepEqual(subClusterSplits(1, 2), []);
  assert.deepEqual(subClusterSplits(12, 3), [
    [2, 2, 3], [2, 3, 2], [2, 6, 1], [3, 2, 2], [3, 4, 1], [4, 3, 1], [6, 2, 1],
  ]);
});

test('the edge space has the reference size and its corners decode in mixed radix', () => {
  const space = buildHardwareSpace(HARDWARE_SPACE_TEMPLATES.edge.spec);
  // 15 SIMD widths x 1 bit width x 193 bandwidths x 29 x 29 buffer sizes x 957 PE splits
  // (the sum over 128..300 PEs of their divisors above 1).
  assert.equal(space.size, 15 * 193 * 29 * 29 * 957);
  assert.deepEqual(space.parameters.map((p) => p.name), [
    'num_simd_lane', 'bit_width', 'bandwidth', 'l0_buf_size', 'l1_buf_size', 'subclusters',
  ]);
  assert.deepEqual(space.pointAt(0), {
    simdLanes: 2, bitWidth: 8, bandwidth: 64,
    levelBufferBytes: [32768, 32768], levelSubClusters: [2, 64],
  });
  // The last parameter varies fastest.
  assert.deepEqual(space.pointAt(1).levelSubClusters, [4, 32]);
  assert.equal(space.pointAt(957).levelBufferBytes[1], 40 * 1024);
  assert.deepEqual(space.pointAt(space.size - 1), {
    simdLanes: 16, bitWidth: 8, bandwidth: 256,
    levelBufferBytes: [262144, 262144], levelSubClusters: [300, 1],
  });
  assert.throws(() => space.pointAt(space.size), RangeError);
});

test('the cloud space spans 2048..16384 PEs and 8..32 MiB buffers', () => {
  const space = buildHardwareSpace(hardwareSpaceTemplate('cloud').spec);
  assert.equal(space.size, 15 * 193 * 13 * 13 * 1407);
  assert.deepEqual(space.pointAt(0).levelSubClusters, [2, 1024]);
  assert.equal(space.pointAt(0).levelBufferBytes[0], 8192 * 1024);
});

test('templates carry the reference budgets; datacenter names the cloud template', () => {
  const edgeBudget = { maxArea: 4.3841e9, maxPower: 1.34877e5 };
  assert.deepEqual(HARDWARE_SPACE_TEMPLATES.edge.budget, edgeBudget);
  assert.equal(HARDWARE_SPACE_TEMPLATES.edge.maxInvalid, 2500);
  assert.equal(hardwareSpaceTemplate('datacenter'), HARDWARE_SPACE_TEMPLATES.cloud);
  assert.equal(HARDWARE_SPACE_TEMPLATES.cloud.maxInvalid, 1000);
  assert.throws(() => hardwareSpaceTemplate('tiny'), /unknown hardware space "tiny"; use one of/);
});

test('a MAERI space only searches how its fixed PE count is split', () => {
  const space = buildHardwareSpace(HARDWARE_SPACE_TEMPLATES.maeri_edge.spec);
  // 374 = 2 * 11 * 17 has 7 divisors above 1.
  assert.equal(space.size, 7);
  for (let i = 0; i < space.size; i++) {
    const point = space.pointAt(i);
    assert.equal(totalPes(point), 374);
    assert.deepEqual(point.levelBufferBytes, [65 * 1024, 80 * 1024]);
    assert.equal(point.simdLanes, 1);
  }
  assert.equal(totalPes(buildHardwareSpace(HARDWARE_SPACE_TEMPLATES.maeri_cloud.spec).pointAt(0)),
    14336);
});

test('overrides replace only the range parts given', () => {
  const spec = overrideHardwareSpace(HARDWARE_SPACE_TEMPLATES.edge.spec, {
    pes: { high: 130 },
    simdLanes: { low: 4, high: undefined },
  });
  assert.deepEqual(spec.pes, { low: 128, high: 130, step: 1 });
  assert.deepEqual(spec.simdLanes, { low: 4, high: 16, step: 1 });
  assert.deepEqual(spec.bandwidth, HARDWARE_SPACE_TEMPLATES.edge.spec.bandwidth);
});

test('ranges that hold no value are errors naming the parameter', () => {
  const edge = HARDWARE_SPACE_TEMPLATES.edge.spec;
  const refusal = (field: string, message: RegExp) => (error: unknown) =>
    error instanceof SpaceError && error.field === field && message.test(error.message);
  assert.throws(
    () => buildHardwareSpace(overrideHardwareSpace(edge, { bandwidth: { low: 300 } })),
    refusal('bandwidth', /^bandwidth: the range 300..256/),
  );
  assert.throws(
    () => buildHardwareSpace(overrideHardwareSpace(edge, { pes: { low: 1, high: 1 } })),
    refusal('pes', /^pes: no PE count/),
  );
  assert.throws(
    () => buildHardwareSpace(overrideHardwareSpace(edge, { l0BufferKiB: { step: 0 } })),
    refusal('l0BufferKiB', /^l0BufferKiB: expected whole numbers/),
  );
});

const smallLayer = { N: 1, K: 4, C: 2, X: 1, Y: 1, R: 1, S: 1 };

test('a searched software space tiles every dim and picks a spatial dim per level', () => {
  const space = buildSoftwareSpace(smallLayer, 'searched', 2);
  // K: 6 triples, C: 3, the unit dims 1 each, two levels of 6 spatial dims.
  assert.equal(space.size, 6 * 3 * 36);
  assert.deepEqual(space.parameters.map((p) => p.name), [
    'K', 'C', 'N', 'X', 'Y', 'R', 'S', 'l0_spatial_dim', 'l1_spatial_dim',
  ]);
  assert.deepEqual(space.pointAt(0), {
    mode: 'searched',
    tiles: {
      K: [4, 1, 1], C: [2, 1, 1], N: [1, 1, 1], X: [1, 1, 1], Y: [1, 1, 1], R: [1, 1, 1],
      S: [1, 1, 1],
    },
    spatialDims: ['K', 'K'],
  });
  const seventh = space.pointAt(7);
  assert.deepEqual(seventh.mode === 'searched' && seventh.spatialDims, ['C', 'C']);
});

test('a fixed software space tiles K and C and names a dataflow', () => {
  const space = buildSoftwareSpace(smallLayer, 'fixed', 2);
  assert.equal(space.size, 6 * 3 * 3);
  assert.deepEqual(space.pointAt(space.size - 1), {
    mode: 'fixed', tiles: { K: [1, 1, 4], C: [1, 1, 2] }, dataflow: 'shi',
  });
  assert.deepEqual(space.pointAt(1), {
    mode: 'fixed', tiles: { K: [4, 1, 1], C: [2, 1, 1] }, dataflow: 'dla',
  });
});

test('sampling with the same seed repeats and stays inside the space', () => {
  const space = buildSoftwareSpace({ N: 1, K: 64, C: 96, X: 56, Y: 56, R: 3, S: 3 }, 'searched', 2);
  const draw = (seed: string): SoftwarePoint[] => {
    const rng = seedrandom(seed);
    return Array.from({ length: 50 }, () => space.sample(rng));
  };
  const first = draw('spotlight');
  assert.deepEqual(draw('spotlight'), first);
  assert.notDeepEqual(draw('other'), first);
  for (const point of first) {
    assert.equal(point.mode, 'searched');
    assert.equal(point.tiles.K.reduce((a, b) => a * b), 64);
    assert.equal(point.tiles.C.reduce((a, b) => a * b), 96);
  }
});

test('sampling is uniform over each parameter', () => {
  const space = buildSoftwareSpace(smallLayer, 'searched', 2);
  const rng = seedrandom('uniform');
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const key = String(space.sample(rng).tiles.K);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Six K triples, 1000 draws expected each; 5 standard deviations is about 150.
  assert.equal(counts.size, 6);
  for (const count of counts.values()) assert.ok(Math.abs(count - 1000) < 150, String(count));
});

test('genes round-trip and mix into valid points', () => {
  const space = buildHardwareSpace(HARDWARE_SPACE_TEMPLATES.edge.spec);
  const rng = seedrandom('genes');
  const father = space.sample(rng);
  const mother = space.sample(rng);
  assert.deepEqual(space.fromGenes(space.genes(father)), father);

  const child = space.genes(father).map((gene, i) => (i % 2 === 0 ? gene : space.genes(mother)[i]));
  const mixed = space.fromGenes(child);
  assert.equal(mixed.bitWidth, 8);
  assert.equal(mixed.simdLanes, father.simdLanes);
  assert.deepEqual(mixed.levelSubClusters, mother.levelSubClusters);
  assert.throws(() => space.fromGenes([1, 2]), /expected 6 genes/);
});
