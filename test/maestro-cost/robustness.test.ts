/**
 * Seeded random inputs beyond the golden shapes (one to three levels, strides up to 3, X'/Y'
 * directives, duplicated dims, random tiles): evaluation either throws MaestroInputError or
 * returns finite numbers, and the top-level cases add up to the reported totals.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import seedrandom from 'seedrandom';

import {
  MaestroInputError, analyze, evaluate, parseDataflow,
} from '../../maestro-cost/src/index.js';
import type { Accelerator, Layer, Mapping } from '../../maestro-cost/src/index.js';

const DIMS = ['N', 'K', 'C', 'X', 'Y', 'R', 'S', "X'", "Y'"];

/** A seeded generator (seedrandom, as the search uses), so the inputs are the same every run. */
function generator(seed: number) {
  const next = seedrandom.alea(`robustness/${seed}`);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: <T>(items: T[]) => items[int(0, items.length - 1)] };
}

interface RandomInput {
  layer: Layer;
  accel: Accelerator;
  dataflow: string;
}

function randomInput(rng: ReturnType<typeof generator>): RandomInput {
  const R = rng.int(1, 5);
  const S = rng.int(1, 5);
  const layer: Layer = {
    dims: {
      N: rng.int(1, 2), K: rng.int(1, 64), C: rng.int(1, 64), X: rng.int(S, 40),
      Y: rng.int(R, 40), R, S,
    },
    strides: { X: rng.int(1, 3), Y: rng.int(1, 3) },
  };
  const subClusters = [rng.int(1, 8)];
  const tokens: string[] = [];
  const levels = rng.int(1, 3);
  for (let level = 0; level < levels; level++) {
    if (level > 0) {
      tokens.push('C');
      subClusters.push(rng.int(1, 16));
    }
    const count = rng.int(1, 8);
    let spatial = false;
    for (let k = 0; k < count; k++) {
      const isSpatial = rng.next() < 0.25;
      spatial ||= isSpatial;
      tokens.push(`${isSpatial ? 'S' : 'T'}${rng.pick(DIMS)}|${rng.int(1, 20)}`);
    }
    if (!spatial && rng.next() < 0.9) tokens.push(`S${rng.pick(DIMS)}|${rng.int(1, 8)}`);
  }
  const accel: Accelerator = {
    numPes: subClusters.reduce((a, b) => a * b, 1), simdLanes: rng.int(1, 8),
    bitWidth: rng.pick([4, 8, 16]), bandwidth: rng.int(1, 64), subClusters,
  };
  return { layer, accel, dataflow: tokens.join(',') };
}

function mappingOf(input: RandomInput): Mapping {
  return parseDataflow(input.dataflow, input.accel.subClusters);
}

test('random inputs: a MaestroInputError or finite results, never another failure', () => {
  const rng = generator(20240611);
  const counts = { valid: 0, invalid: 0, rejected: 0 };
  for (let i = 0; i < 2000; i++) {
    const input = randomInput(rng);
    let result;
    try {
      result = evaluate(input.layer, input.accel, mappingOf(input));
    } catch (error) {
      assert.ok(error instanceof MaestroInputError, `${input.dataflow}: ${error}`);
      counts.rejected++;
      continue;
    }
    const five = [result.delay, result.energy, result.area, result.power, result.throughput];
    assert.ok(five.every(Number.isFinite), input.dataflow);
    assert.ok(Object.values(result.metrics).every(Number.isFinite), input.dataflow);
    if (result.valid) {
      assert.ok(five.every((value) => value > 0), input.dataflow);
      counts.valid++;
    } else {
      assert.deepEqual(five, [0, 0, 0, 0, 0]);
      assert.ok(result.reason !== undefined && result.invalidKind !== undefined);
      counts.invalid++;
    }
  }
  // The generator must exercise all three outcomes.
  assert.ok(counts.valid > 100 && counts.invalid > 100 && counts.rejected > 20,
    JSON.stringify(counts));
});

test('random inputs: the top-level cases add up to runtime, Computations and egress', () => {
  const rng = generator(7);
  let checked = 0;
  while (checked < 300) {
    const input = randomInput(rng);
    let analysis;
    try {
      analysis = analyze(input.layer, input.accel, mappingOf(input));
    } catch {
      continue;
    }
    const { trace, result } = analysis;
    let runtime = 0;
    let computations = 0;
    let egress = 0;
    for (const c of trace.topCases) {
      if (c.skipped === 'occ0') continue;
      egress += c.occ * c.egress!;
      if (c.skipped !== null) continue;
      runtime += c.occ * c.outstandingDelay!;
      computations += c.occ * c.psums!;
    }
    assert.equal(runtime, result.metrics.ExactRunTime, input.dataflow);
    assert.equal(computations, result.metrics.Computations, input.dataflow);
    assert.equal(egress, result.metrics.OutputL2BufferWrite, input.dataflow);
    checked++;
  }
});
