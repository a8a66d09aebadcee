/**
 * evaluatePoint against the cost model: on golden cases (converted from the reference's
 * Spotlight points, with the recorded outer order scripted into the generator) the kept cost
 * is the reference's; the best of several orders is the lowest delay x energy; budgets reject
 * with a reason; inputs the model refuses are reported, not thrown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { evaluateSummary, parseDataflow } from '../../maestro-cost/src/index.js';
import {
  bestOrderIndex,
  evaluatePoint,
  type EvaluationLimits,
  type OrderOutcome,
} from '../../src/search/index.js';
import {
  buildSoftwareSpace,
  hardwarePointFromReference,
  HARDWARE_POINT_TEMPLATES,
  permuteOuterDirectives,
  softwarePointFromReference,
  toCostModelCall,
} from '../../src/space/index.js';
import { readGoldenLines, type GoldenCaseRow } from '../golden.js';
import { outerOrderRng, relativeError } from './helpers.js';

const cases = readGoldenLines<GoldenCaseRow>('maestro-cases.jsonl');
const UNLIMITED: EvaluationLimits = { maxArea: Infinity, maxPower: Infinity, outerOrders: 1 };
const OUTPUTS = ['delay', 'energy', 'area', 'power', 'throughput'] as const;
const IDENTITY = [0, 1, 2, 3, 4, 5, 6];

/** The case's recorded order, or the given order where it recorded none. */
function recordedOrder(golden: GoldenCaseRow): number[] {
  return golden.spotlight.outerPermutation ?? IDENTITY;
}

function evaluateGolden(
  golden: GoldenCaseRow,
  limits = UNLIMITED,
  orders = [recordedOrder(golden)],
) {
  return evaluatePoint(
    golden.layer,
    hardwarePointFromReference(golden.spotlight.hw),
    softwarePointFromReference(golden.spotlight.sw),
    limits,
    outerOrderRng(orders),
  );
}

function firstCase(predicate: (golden: GoldenCaseRow) => boolean): GoldenCaseRow {
  const found = cases.find(predicate);
  assert.ok(found, 'no golden case fits the test');
  return found;
}

const fixedValid = firstCase((c) => c.spotlight.dataflowMode === 'fixed' && c.expect.valid);
const permutedValid = firstCase((c) => c.spotlight.outerPermutation !== null && c.expect.valid);

/** How an outcome differs from the reference's record of the case; empty when it agrees. */
function differences(golden: GoldenCaseRow, outcome: ReturnType<typeof evaluateGolden>): string[] {
  if (outcome.feasible !== golden.expect.valid) {
    return [`${golden.id}: feasible ${outcome.feasible}, reference ${golden.expect.valid}`];
  }
  if (!outcome.feasible) {
    return outcome.reason === 'model-invalid' ? [] : [`${golden.id}: ${outcome.reason}`];
  }
  const problems: string[] = [];
  if (outcome.directives !== golden.maestro.dataflow) problems.push(`${golden.id}: directives`);
  for (const output of OUTPUTS) {
    // The reference records no throughput (null) only on invalid points.
    const error = relativeError(outcome.cost[output], golden.expect[output] ?? Number.NaN);
    if (!(error <= 1e-9)) problems.push(`${golden.id} ${output}: relative error ${error}`);
  }
  return problems;
}

describe('evaluatePoint on golden cases', () => {
  test('a fixed dataflow is evaluated once, as given, and costs what the reference says', () => {
    const outcome = evaluateGolden(fixedValid, { ...UNLIMITED, outerOrders: 3 }, []);
    assert.equal(outcome.modelCalls, 1);
    assert.deepEqual(differences(fixedValid, outcome), []);
  });

  test('a searched schedule under the recorded outer order costs what the reference says', () => {
    const outcome = evaluateGolden(permutedValid);
    assert.equal(outcome.modelCalls, 1);
    assert.deepEqual(differences(permutedValid, outcome), []);
  });

  test('every 10th golden case: validity and the five outputs agree with the reference', () => {
    const sampled = cases.filter((_, i) => i % 10 === 0);
    assert.deepEqual(sampled.flatMap((golden) => differences(golden, evaluateGolden(golden))), []);
  });

  test('of several outer orders the one with the lowest delay x energy is kept', () => {
    const golden = permutedValid;
    const orders = [[6, 5, 4, 3, 2, 1, 0], recordedOrder(golden), [1, 0, 3, 2, 5, 4, 6]];
    const outcome = evaluateGolden(golden, { ...UNLIMITED, outerOrders: 3 }, orders);
    assert.equal(outcome.modelCalls, 3);

    // The same three orders evaluated one by one, directly on the cost model.
    const call = toCostModelCall(
      golden.layer,
      hardwarePointFromReference(golden.spotlight.hw),
      softwarePointFromReference(golden.spotlight.sw),
    );
    const base = parseDataflow(call.dataflow, call.accelerator.subClusters).directives;
    const direct = orders.map((order) => evaluateSummary(call.layer, call.accelerator,
      { directives: permuteOuterDirectives(base, order) }));
    const products = direct.map((s) => s.delay * s.energy);
    const lowest = products.indexOf(Math.min(...products));
    assert.ok(direct.every((s) => s.valid));
    assert.ok(new Set(products).size > 1, 'the three orders should not all cost the same');

    assert.equal(outcome.feasible, true);
    if (!outcome.feasible) return;
    assert.equal(outcome.cost.delay, direct[lowest].delay);
    assert.equal(outcome.cost.energy, direct[lowest].energy);
  });

  test('an invalid schedule is rejected as model-invalid with the model\'s reason', () => {
    const golden = firstCase((c) => !c.expect.valid);
    const outcome = evaluateGolden(golden);
    assert.equal(outcome.feasible, false);
    if (outcome.feasible) return;
    assert.equal(outcome.reason, 'model-invalid');
    assert.match(outcome.detail, /\S/);
  });
});

describe('evaluatePoint budgets', () => {
  const { area, power } = fixedValid.expect;

  test('area above max-area is rejected as area; area equal to it passes', () => {
    const over = evaluateGolden(fixedValid, { ...UNLIMITED, maxArea: area * (1 - 1e-12) });
    assert.equal(over.feasible, false);
    if (!over.feasible) {
      assert.equal(over.reason, 'area');
      assert.match(over.detail, /exceeds max-area/);
    }
    assert.equal(evaluateGolden(fixedValid, { ...UNLIMITED, maxArea: area }).feasible, true);
  });

  test('power is compared with max-power (the reference compared it with max-area)', () => {
    const limits = { ...UNLIMITED, maxArea: area, maxPower: power * (1 - 1e-12) };
    const over = evaluateGolden(fixedValid, limits);
    assert.equal(over.feasible, false);
    if (!over.feasible) {
      assert.equal(over.reason, 'power');
      assert.match(over.detail, /exceeds max-power/);
    }
    assert.equal(evaluateGolden(fixedValid, { ...limits, maxPower: power }).feasible, true);
  });
});

describe('evaluatePoint on inputs the cost model refuses', () => {
  test('a filter wider than its input is reported as an input problem, not thrown', () => {
    const dims = { N: 1, K: 4, C: 4, X: 2, Y: 8, R: 1, S: 3 };
    const layer = { dims, strides: { N: 1, K: 1, C: 1, X: 1, Y: 1, R: 1, S: 1 } };
    const software = buildSoftwareSpace(dims, 'searched', 2).pointAt(0);
    const hardware = HARDWARE_POINT_TEMPLATES.nvdla_edge.point;
    const outcome = evaluatePoint(layer, hardware, software,
      { ...UNLIMITED, outerOrders: 3 }, outerOrderRng([IDENTITY, IDENTITY, IDENTITY]));
    assert.equal(outcome.feasible, false);
    assert.equal(outcome.modelCalls, 3);
    if (outcome.feasible) return;
    assert.equal(outcome.reason, 'input');
    assert.match(outcome.detail, /layer\.dims\.S/);
  });
});

describe('bestOrderIndex', () => {
  const valid = (delay: number, energy: number): OrderOutcome =>
    ({ valid: true, delay, energy, area: 1, power: 1, throughput: 1 });
  const invalid = (delay: number, energy: number): OrderOutcome =>
    ({ valid: false, reason: 'no cycles', delay, energy, area: 0, power: 0, throughput: 0 });

  test('picks the lowest delay x energy', () => {
    // 4 x 5 = 20, 3 x 3 = 9, 2 x 6 = 12
    assert.equal(bestOrderIndex([valid(4, 5), valid(3, 3), valid(2, 6)]), 1);
  });

  test('keeps the earliest of equal products', () => {
    // 2 x 6 = 3 x 4 = 12
    assert.equal(bestOrderIndex([valid(5, 5), valid(2, 6), valid(3, 4)]), 1);
  });

  test('an invalid order never wins, even with a zero or negative product', () => {
    assert.equal(bestOrderIndex([invalid(0, 10), valid(3, 3), invalid(5, -2)]), 1);
  });

  test('a refused order is passed over; with no valid order the answer is -1', () => {
    assert.equal(bestOrderIndex([{ refused: 'divides by zero' }, valid(1, 1)]), 1);
    assert.equal(bestOrderIndex([{ refused: 'x' }, invalid(0, 1)]), -1);
    assert.equal(bestOrderIndex([]), -1);
  });
});
