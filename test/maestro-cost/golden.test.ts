/**
 * Agreement with the reference on all 4000 golden cases (maestro-cases.jsonl): validity,
 * the five outputs (relative 1e-9) and every metric of the reference's dump (absolute 1e-6 or
 * relative 1e-9, the dump having six decimals). Prints the worst error per output and metric.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from '../../maestro-cost/src/index.js';
import type { CostResult } from '../../maestro-cost/src/index.js';
import { runModel } from '../../maestro-cost/src/model.js';
import { goldenCases, inputsOf } from './golden-cases.js';

const OUTPUTS = ['delay', 'energy', 'area', 'power', 'throughput'] as const;
const OUTPUT_TOLERANCE = 1e-9;
const METRIC_ABS_TOLERANCE = 1e-6;
const METRIC_REL_TOLERANCE = 1e-9;

/**
 * The reference's dump names MinRunTime "Invalid" (the name is missing from its string table);
 * ours uses the metric's own name.
 */
const OUR_NAME: Record<string, string> = { Invalid: 'MinRunTime' };

interface Worst {
  error: number;
  id: string;
}

const cases = goldenCases();
const results = new Map<string, CostResult>();
for (const row of cases) {
  const { layer, accel, mapping } = inputsOf(row);
  results.set(row.id, evaluate(layer, accel, mapping));
}

function recordWorst(worst: Map<string, Worst>, key: string, error: number, id: string) {
  const current = worst.get(key);
  if (current === undefined || error > current.error) worst.set(key, { error, id });
}

function printWorst(title: string, worst: Map<string, Worst>): void {
  console.log(title);
  for (const [key, { error, id }] of worst) {
    console.log(`  ${key.padEnd(28)} ${error.toExponential(3).padStart(10)}  (${id})`);
  }
}

test('golden: all 4000 cases are present', () => {
  assert.equal(cases.length, 4000);
});

test('golden: validity equals the reference on every case', () => {
  const mismatches = cases.filter((row) => results.get(row.id)!.valid !== row.expect.valid);
  assert.deepEqual(mismatches.map((row) => row.id), []);
  const valid = cases.filter((row) => row.expect.valid).length;
  console.log(`validity agrees on ${cases.length} cases (${valid} valid, ` +
    `${cases.length - valid} invalid)`);
});

test('golden: the five outputs agree within relative 1e-9 on every valid case', () => {
  const worst = new Map<string, Worst>();
  const failures: string[] = [];
  for (const row of cases) {
    if (!row.expect.valid) continue;
    const ours = results.get(row.id)!;
    for (const output of OUTPUTS) {
      const expected = row.expect[output] as number;
      const error = Math.abs(ours[output] - expected) / Math.abs(expected);
      recordWorst(worst, output, error, row.id);
      if (!(error <= OUTPUT_TOLERANCE)) {
        failures.push(`${row.id} ${output}: ${ours[output]} vs ${expected}`);
      }
    }
  }
  printWorst('worst relative error per output (valid cases):', worst);
  assert.deepEqual(failures.slice(0, 20), []);
});

test('golden: invalid cases report zeros and a reason, never NaN or Infinity', () => {
  for (const row of cases) {
    const ours = results.get(row.id)!;
    for (const output of OUTPUTS) assert.ok(Number.isFinite(ours[output]), row.id);
    for (const value of Object.values(ours.metrics)) assert.ok(Number.isFinite(value), row.id);
    if (ours.valid) continue;
    assert.deepEqual(OUTPUTS.map((output) => ours[output]), [0, 0, 0, 0, 0], row.id);
    assert.match(ours.reason ?? '', /level \d \((top|inner)\): (edge )?output tile [XY]'/);
  }
});

test('golden: every metric of the reference dump agrees (abs 1e-6 or rel 1e-9)', () => {
  const worst = new Map<string, Worst>();
  const failures: string[] = [];
  let compared = 0;
  for (const row of cases) {
    const ours = results.get(row.id)!.metrics;
    const expectedNames = Object.keys(row.expect.metrics).map((name) => OUR_NAME[name] ?? name);
    assert.deepEqual(Object.keys(ours).sort(), expectedNames.sort(), row.id);
    for (const [name, expected] of Object.entries(row.expect.metrics)) {
      const value = ours[OUR_NAME[name] ?? name];
      const error = Math.abs(value - expected);
      const allowed = Math.max(METRIC_ABS_TOLERANCE, METRIC_REL_TOLERANCE * Math.abs(expected));
      recordWorst(worst, name, error / allowed, row.id);
      compared++;
      if (!(error <= allowed)) failures.push(`${row.id} ${name}: ${value} vs ${expected}`);
    }
  }
  printWorst(`worst metric error as a fraction of its tolerance (${compared} values):`, worst);
  assert.deepEqual(failures.slice(0, 20), []);
});

test('golden: no long that feeds a truncating division reaches 2^52 (doubles stay exact)', () => {
  let largest = 0;
  let where = '';
  for (const row of cases) {
    const { layer, accel, mapping } = inputsOf(row);
    const { maxDividend } = runModel(layer, accel, mapping);
    if (maxDividend > largest) {
      largest = maxDividend;
      where = row.id;
    }
  }
  console.log(`largest dividend ${largest} (${where}); limit 2^52 = ${2 ** 52}`);
  assert.ok(largest < 2 ** 52);
});
