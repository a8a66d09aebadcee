import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import {
  HARDWARE_POINT_TEMPLATES,
  PointFormatError,
  formatReferencePoint,
  hardwarePointFromReference,
  hardwarePointToReference,
  parsePointText,
  permuteOuterDataflow,
  permuteOuterDirectives,
  randomOuterPermutation,
  resolveHardwarePoint,
  softwarePointFromReference,
  softwarePointProblems,
  softwarePointToReference,
} from '../../src/space/index.js';

test('outer permutation: new position i holds old directive permutation[i]', () => {
  const directives = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'C', 'h'];
  assert.deepEqual(permuteOuterDirectives(directives, [5, 1, 0, 2, 6, 3, 4]), [
    'f', 'b', 'a', 'c', 'g', 'd', 'e', 'C', 'h',
  ]);
  assert.equal(
    permuteOuterDataflow('SR|1,TN|1,TK|1,TC|8,TX|112,TY|112,TS|3,C,SS|1', [5, 1, 0, 2, 6, 3, 4]),
    'TY|112,TN|1,SR|1,TK|1,TS|3,TC|8,TX|112,C,SS|1',
  );
});

test('an outer permutation must use each of 0..6 once, on at least seven directives', () => {
  const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  assert.throws(() => permuteOuterDirectives(seven, [0, 1, 2, 3, 4, 5, 5]), /each of 0\.\.6 once/);
  assert.throws(() => permuteOuterDirectives(seven, [0, 1, 2]), /each of 0\.\.6 once/);
  assert.throws(() => permuteOuterDirectives(['a'], [0, 1, 2, 3, 4, 5, 6]), /need at least 7/);
});

test('random outer permutations repeat with the seed and are permutations', () => {
  const a = randomOuterPermutation(seedrandom('p'));
  assert.deepEqual(randomOuterPermutation(seedrandom('p')), a);
  assert.deepEqual([...a].sort(), [0, 1, 2, 3, 4, 5, 6]);
});

test('hardware points read and write the reference spelling', () => {
  const text = "{'num_simd_lane':16,'bit_width':8,'bandwidth':231,'l0_buf_size':122880," +
    "'l1_buf_size':98304,'subclusters':[9,32]}";
  const point = hardwarePointFromReference(parsePointText(text));
  assert.deepEqual(point, HARDWARE_POINT_TEMPLATES.MoRV_delay.point);
  assert.equal(formatReferencePoint(hardwarePointToReference(point)), text);
  assert.deepEqual(resolveHardwarePoint(text), point);
  assert.equal(resolveHardwarePoint('nvdla_edge'), HARDWARE_POINT_TEMPLATES.nvdla_edge.point);
});

test('software points of both modes read and write the reference spelling', () => {
  const searched = {
    K: [1, 1, 1], C: [4, 2, 4], N: [1, 1, 1], X: [56, 2, 1], Y: [28, 4, 1], R: [1, 1, 3],
    S: [1, 3, 1], l0_spatial_dim: 'S', l1_spatial_dim: 'R',
  };
  const point = softwarePointFromReference(searched);
  assert.equal(point.mode, 'searched');
  assert.deepEqual(point.mode === 'searched' && point.spatialDims, ['S', 'R']);
  assert.deepEqual(softwarePointToReference(point), searched);

  const fixed = { K: [1, 1, 1], C: [2, 4, 9], dataflow: 'dla' };
  assert.deepEqual(softwarePointToReference(softwarePointFromReference(fixed)), fixed);
  assert.equal(formatReferencePoint(fixed as never), "{'K':[1,1,1],'C':[2,4,9],'dataflow':'dla'}");
});

test('bad points are rejected with the field path', () => {
  assert.throws(
    () => hardwarePointFromReference({ num_simd_lane: 0, bit_width: 8, bandwidth: 1 }),
    (error: unknown) => {
      assert.ok(error instanceof PointFormatError);
      assert.match(error.message, /num_simd_lane:/);
      assert.match(error.message, /l0_buf_size:/);
      return true;
    },
  );
  assert.throws(() => softwarePointFromReference({ K: [1], C: [1], dataflow: 'tpu' }), /dataflow:/);
  assert.throws(() => parsePointText('{oops'), /is not a dictionary/);
  assert.throws(() => resolveHardwarePoint('tpu_v4'), /unknown hardware point "tpu_v4"/);
});

test('schedule problems name dims whose factors do not fit the layer', () => {
  const dims = { N: 1, K: 8, C: 4, X: 1, Y: 1, R: 1, S: 1 };
  const fixed = softwarePointFromReference({ K: [2, 2, 2], C: [4, 1], dataflow: 'eye' });
  assert.deepEqual(softwarePointProblems(fixed, dims, 2), [
    'C: expected 3 tile factors, received 2',
  ]);
  const wrong = softwarePointFromReference({ K: [2, 2, 1], C: [4, 1, 1], dataflow: 'eye' });
  assert.deepEqual(softwarePointProblems(wrong, dims, 2), [
    'K: tile factors multiply to 4, the layer has 8',
  ]);
});
