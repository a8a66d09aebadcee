/**
 * Infeasible design points: the reference returns a delay of 0, negative energies or negative
 * areas for them; the port says `valid: false` with a reason and zeros in the five outputs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, evaluateSummary, parseDataflow } from '../../maestro-cost/src/index.js';
import type { ModelRun } from '../../maestro-cost/src/model.js';
import { LevelResult } from '../../maestro-cost/src/results.js';
import { judge } from '../../maestro-cost/src/verdict.js';

const layer = { dims: { N: 1, K: 4, C: 16, X: 12, Y: 12, R: 3, S: 3 } };
const accel = { numPes: 32, simdLanes: 2, bitWidth: 8, bandwidth: 4, subClusters: [4, 8] };

test('a window tile smaller than the filter names the level and the dimension', () => {
  const mapping = parseDataflow('SK|1,TC|8,C,SC|1,TX|1', accel.subClusters);
  const result = evaluate(layer, accel, mapping);
  assert.equal(result.valid, false);
  assert.equal(result.invalidKind, 'empty-output');
  assert.equal(result.reason, "no cycles counted (delay 0): level 1 (inner): output tile X' = " +
    '-1 <= 0: the X window tile 1 is smaller than the filter tile S = 3');
  assert.deepEqual([result.delay, result.energy, result.area, result.power, result.throughput],
    [0, 0, 0, 0, 0]);
  // The metrics stay what the reference reports, finite ones only.
  assert.equal(result.metrics.ExactRunTime, 0);
  assert.equal(result.metrics.Throughput, undefined);
});

test('the summary reports the same verdict as the full evaluation', () => {
  const mapping = parseDataflow('SK|1,TC|8,C,SC|1,TY|2', accel.subClusters);
  const summary = evaluateSummary(layer, accel, mapping);
  assert.equal(summary.valid, false);
  assert.match(summary.reason!, /level 1 \(inner\): output tile Y' = 0 <= 0/);
});

/** A run whose top counted `runtime` cycles, with the given energy, area and power. */
function fakeRun(runtime: number, energy: number, area: number, power: number,
  computations = 100): ModelRun {
  const top = new LevelResult();
  top.runtime = runtime;
  top.computations = computations;
  return {
    levels: [], top, firstCompleted: top, areaL1: -5, areaL2: 10,
    cost: { area, power }, energy: { total: energy } as ModelRun['energy'],
    absComputations: 1, maxDividend: 0,
  };
}

test('energy, area, power or throughput <= 0 (degenerate results) are invalid', () => {
  assert.deepEqual(judge(fakeRun(10, 5, 7, 3)), { valid: true });
  assert.equal(judge(fakeRun(10, -1, 7, 3)).invalidKind, 'non-positive-energy');
  const area = judge(fakeRun(10, 5, -7, 3));
  assert.equal(area.invalidKind, 'non-positive-area');
  assert.match(area.reason!, /area -7 <= 0: .*L1 = -5/);
  assert.equal(judge(fakeRun(10, 5, 7, 0)).invalidKind, 'non-positive-power');
  // Spotlight's own check would keep this one; a negative throughput is reported invalid.
  const throughput = judge(fakeRun(10, 5, 7, 3, -40));
  assert.equal(throughput.invalidKind, 'non-positive-throughput');
  assert.match(throughput.reason!, /throughput -4 <= 0: the model counts -40 computations/);
});

test('with no empty output tile, a zero delay still gets a reason', () => {
  const verdict = judge(fakeRun(0, 5, 7, 3));
  assert.equal(verdict.invalidKind, 'empty-output');
  assert.match(verdict.reason!, /no top-level case has partial sums/);
});
