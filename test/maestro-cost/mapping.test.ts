/**
 * The compact directive list and its expansion, as the reference wrapper does it, and
 * mappings beyond the golden shapes (three levels, output dims, duplicated directives).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, evaluate, parseDataflow } from '../../maestro-cost/src/index.js';

test('S maps with offset = size; T on X or Y slides by 1; other T (X\', Y\' too) by size', () => {
  const mapping = parseDataflow("SK|2,TX|3,TY|4,TX'|5,SY'|6,TC|7", [1]);
  assert.deepEqual(mapping.directives.map((d) => [d.kind, d.dim, d.size, d.offset]), [
    ['spatial', 'K', 2, 2],
    ['temporal', 'X', 3, 1],
    ['temporal', 'Y', 4, 1],
    ['temporal', "X'", 5, 5],
    ['spatial', "Y'", 6, 6],
    ['temporal', 'C', 7, 7],
  ]);
});

test('the k-th C takes subClusters[k]; subClusters[0] is the top width, never read', () => {
  const mapping = parseDataflow('SK|1,C,SC|1,C,SX|1', [999, 8, 4]);
  const clusters = mapping.directives.filter((d) => d.kind === 'cluster');
  assert.deepEqual(clusters, [
    { kind: 'cluster', dim: '', size: 8, offset: 0 },
    { kind: 'cluster', dim: '', size: 4, offset: 0 },
  ]);
});

test('spaces around tokens are accepted', () => {
  const mapping = parseDataflow(' SK|1 , TC| 8 ,C, SC|1', [2, 4]);
  assert.equal(mapping.directives.length, 4);
  assert.equal(mapping.directives[1].size, 8);
});

const layer = { dims: { N: 1, K: 8, C: 16, X: 14, Y: 14, R: 3, S: 3 } };

test('three levels: each level sizes its sub-units from the next cluster directive', () => {
  const accel = { numPes: 64, simdLanes: 2, bitWidth: 16, bandwidth: 8, subClusters: [2, 8, 4] };
  const mapping = parseDataflow('SK|2,TC|8,C,SC|1,TX|5,C,SX|3,TY|3', accel.subClusters);
  const { result, trace } = analyze(layer, accel, mapping);
  assert.deepEqual(trace.levels.map((l) => l.size), [2, 8, 4]);
  assert.equal(result.valid, true);
  assert.ok(result.delay > 0 && result.energy > 0);
  // The top case delays add up to the runtime.
  const total = trace.topCases.reduce((sum, c) => sum + c.occ * (c.outstandingDelay ?? 0), 0);
  assert.equal(total, result.delay);
});

test('output dims in a level become input windows grown by the level\'s own filter tile', () => {
  const accel = { numPes: 16, simdLanes: 1, bitWidth: 8, bandwidth: 4, subClusters: [4, 4] };
  const mapping = parseDataflow("TK|2,SY'|3,TX'|4,TR|3,TS|3,C,SX'|1,TR|3,TS|3",
    accel.subClusters);
  const { trace } = analyze(layer, accel, mapping);
  const top = trace.levels[0].directives.find((d) => d.dim === 'Y')!;
  // Y' tile 3 -> Y window 3 + R - 1 = 5, still stepping by 3.
  assert.deepEqual([top.kind, top.size, top.offset], ['spatial', 5, 3]);
  const inner = trace.levels[1].directives.find((d) => d.dim === 'X')!;
  assert.deepEqual([inner.kind, inner.size, inner.offset], ['spatial', 3, 1]);
});

test('a duplicated directive: the first one drives lookups, the last one the tables', () => {
  const accel = { numPes: 4, simdLanes: 1, bitWidth: 8, bandwidth: 4, subClusters: [4] };
  const mapping = parseDataflow('SK|2,TC|4,TC|8', accel.subClusters);
  const { result, trace } = analyze(layer, accel, mapping);
  assert.equal(trace.levels[0].reuse.C.m, 8);
  assert.equal(trace.topStates.filter((s) => s.dim === 'C').length, 2);
  assert.ok(Number.isFinite(result.delay));
});

test('evaluate leaves no trace objects behind and agrees with analyze', () => {
  const accel = { numPes: 16, simdLanes: 2, bitWidth: 8, bandwidth: 4, subClusters: [4, 4] };
  const mapping = parseDataflow('SK|2,TC|4,C,SC|2,TX|4,TY|4', accel.subClusters);
  assert.deepEqual(evaluate(layer, accel, mapping), analyze(layer, accel, mapping).result);
});
