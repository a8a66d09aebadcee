/**
 * Single formulas of the cost model, with expected values derived by hand from the stated
 * rule (C integer semantics, NoC delay, edge-cluster count, tile tables, iteration states and
 * the case order), plus two small end-to-end derivations.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type LevelPlan, edgeClusterCount } from '../../maestro-cost/src/clusters.js';
import { nocDelay } from '../../maestro-cost/src/engine.js';
import { analyze, evaluate, parseDataflow } from '../../maestro-cost/src/index.js';
import {
  CaseState, EDGE, INIT, IterationSpace, STEADY, loadCase,
} from '../../maestro-cost/src/iteration.js';
import { C, K, S, X, XO } from '../../maestro-cost/src/layer.js';
import {
  ArithmeticFault, LONG_MIN, idiv, ldiv, repeatedSum, toInt32, toLong,
} from '../../maestro-cost/src/numeric.js';
import {
  type LevelDirective, SPATIAL, TEMPORAL, reuseTables,
} from '../../maestro-cost/src/reuse.js';

describe('C integer semantics', () => {
  test('int division truncates toward zero, also for negative operands', () => {
    assert.equal(idiv(7, 2), 3);
    assert.equal(idiv(-7, 2), -3); // Python's -7 // 2 would give -4
    assert.equal(idiv(7, -2), -3);
    assert.equal(idiv(-1464, 1536), 0);
    assert.equal(ldiv(-9, 4), -2);
    assert.equal(-7 % 2, -1); // the remainder keeps the dividend's sign, as in C
  });

  test('int division by zero and INT_MIN / -1 are faults (SIGFPE in the reference)', () => {
    assert.throws(() => idiv(5, 0), ArithmeticFault);
    assert.throws(() => idiv(-2147483648, -1), ArithmeticFault);
    assert.throws(() => ldiv(5, 0), ArithmeticFault);
  });

  test('int products and narrowing wrap modulo 2^32', () => {
    // 511 * 511 * 223 * 223 = 12985286209 = 3 * 2^32 + 100384321
    assert.equal(Math.imul(Math.imul(511, 511), Math.imul(223, 223)), 100384321);
    assert.equal(toInt32(2 ** 31), -(2 ** 31));
    assert.equal(toInt32(2 ** 32 + 5), 5);
  });

  test('long double to long: truncation, LONG_MIN for NaN and out-of-range values', () => {
    assert.equal(toLong(-2.5), -2);
    assert.equal(toLong(Number.NaN), LONG_MIN);
    assert.equal(toLong(Infinity), LONG_MIN);
    assert.equal(toLong(Number.MIN_VALUE), 0);
  });
});

describe('repeated double addition (the PE array sum)', () => {
  const loopSum = (x: number, n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x;
    return s;
  };

  test('equals the one-by-one loop bit for bit, ties and signs included', () => {
    // A small LCG: reproducible values over many magnitudes, plus dyadic values whose
    // multiples hit round-half-even ties, zeros, subnormals and extremes.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = [0.75, 283, 1.5, 0.1, 1 / 3, 8.88e-3, 1e-300, 5e-324, 1e300, -0.3, 0, -0];
    for (let k = 0; k < 600; k++) {
      values.push((random() - 0.2) * 10 ** Math.floor(random() * 12 - 4));
    }
    for (let k = 0; k < 100; k++) {
      values.push(Math.floor(random() * 1000) / 2 ** Math.floor(random() * 40));
    }
    const mismatches: string[] = [];
    for (const x of values) {
      for (const n of [0, 1, 2, 3, 7, 100, 4608, 1 + Math.floor(random() * 70000)]) {
        const expected = loopSum(x, n);
        const got = repeatedSum(x, n);
        if (!Object.is(got, expected)) mismatches.push(`${x} x ${n}: ${got} vs ${expected}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  test('differs from the product: the reference adds one PE at a time', () => {
    assert.equal(loopSum(0.1, 3), 0.30000000000000004);
    assert.equal(repeatedSum(0.1, 3), 0.30000000000000004);
    assert.notEqual(repeatedSum(0.1, 4608), 0.1 * 4608);
    assert.equal(repeatedSum(0.1, 4608), loopSum(0.1, 4608));
  });
});

describe('NoC delay: hop latency + ceil(amount / bandwidth) - 1, C rounding', () => {
  test('positive amounts take ceil(amount / bandwidth) cycles with one-cycle hops', () => {
    assert.equal(nocDelay(8, 4, 1), 2);
    assert.equal(nocDelay(9, 4, 1), 3);
    assert.equal(nocDelay(1296, 66, 1), 20); // 66 * 19 = 1254 < 1296 <= 66 * 20
  });

  test('nothing to move takes hop latency - 1', () => {
    assert.equal(nocDelay(0, 4, 1), 0);
    assert.equal(nocDelay(0, 4, 3), 2);
  });

  test('negative amounts (from empty output tiles) round toward zero', () => {
    assert.equal(nocDelay(-8, 4, 1), -2); // sends = -8 / 4 = -2
    assert.equal(nocDelay(-9, 4, 1), -1); // sends = -9 / 4 + 1 = -1 (remainder -1)
  });
});

describe('edge-cluster count (nec)', () => {
  test('a dim no larger than the tile keeps one sub-unit busy', () => {
    assert.equal(edgeClusterCount(1, 1, 1, 3), 1);
    assert.equal(edgeClusterCount(4, 4, 3, 8), 1);
  });

  test('a dim within one spatial step: tiles needed, counting a partial one', () => {
    assert.equal(edgeClusterCount(1, 1, 72, 1536), 72); // 72 unit tiles over 1536 sub-units
    assert.equal(edgeClusterCount(2, 2, 5, 4), 3); // [0,1] [2,3] [4]
  });

  test('a dim over several steps: sub-units busy in the last step, partial one not counted',
    () => {
      // 10 unit tiles, 4 per step: 0-3, 4-7, then 8-9 on 2 sub-units.
      assert.equal(edgeClusterCount(1, 1, 10, 4), 2);
      // 20 elements, tiles of 3, 2 per step: steady = (17/3 + 1)/2 - 1 = 2, rem 2 < 3.
      assert.equal(edgeClusterCount(3, 3, 20, 2), 1);
    });

  test('an int product offset * size of 0 is a fault, as the reference divides by it', () => {
    assert.throws(() => edgeClusterCount(1, 65536, 10, 65536), ArithmeticFault);
  });
});

function directive(kind: number, dim: number, size: number, offset: number): LevelDirective {
  return { kind: kind as LevelDirective['kind'], dim, size, offset };
}

describe('tile tables (m, u, me, ue)', () => {
  const dims = new Int32Array([1, 1, 72, 56, 56, 3, 3, 54, 54]);

  test('a sliding window: offset 1, no edge; the output tile is window - filter + 1', () => {
    const t = reuseTables([directive(TEMPORAL, X, 3, 1), directive(TEMPORAL, S, 3, 3)], dims);
    // X: steady = 53 steps, 53 + 3 = 56 covers the dim, so no edge; me = m.
    assert.deepEqual([t.m[X], t.u[X], t.me[X], t.ue[X]], [3, 1, 3, 0]);
    // S covers its dim at once: nothing fresh per step.
    assert.deepEqual([t.m[S], t.u[S], t.me[S], t.ue[S]], [3, 0, 3, 0]);
    assert.deepEqual([t.m[XO], t.u[XO], t.me[XO], t.ue[XO]], [1, 1, 1, 1]);
  });

  test('a tile larger than its dim: the edge tile is the whole dim', () => {
    const t = reuseTables([directive(TEMPORAL, C, 1536, 1536)], dims);
    // em = 72 - 1536 < 0, so em = 72; ue = 1536 - (1536 - 72) = 72.
    assert.deepEqual([t.m[C], t.u[C], t.me[C], t.ue[C]], [1536, 0, 72, 72]);
  });

  test('a tile that does not divide its dim leaves a smaller edge tile', () => {
    const t = reuseTables([directive(SPATIAL, C, 16, 16)], dims);
    // steady = (72 - 16) / 16 = 3; 3 * 16 + 16 = 64 < 72; em = 72 - 64 = 8; ue = 16 - 8 = 8.
    assert.deepEqual([t.m[C], t.u[C], t.me[C], t.ue[C]], [16, 16, 8, 8]);
  });

  test('a window tile smaller than the filter gives an empty output tile', () => {
    const t = reuseTables([directive(TEMPORAL, X, 2, 1), directive(TEMPORAL, S, 3, 3)], dims);
    assert.equal(t.m[XO], 0);
  });
});

/** A one-level plan with just what the iteration analysis reads. */
function levelOf(directives: LevelDirective[], size: number): LevelPlan {
  return {
    count: directives.length, size,
    kind: Uint8Array.from(directives.map((d) => d.kind)),
    dim: Uint8Array.from(directives.map((d) => d.dim)),
    tile: Int32Array.from(directives.map((d) => d.size)),
    offset: Int32Array.from(directives.map((d) => d.offset)),
  } as unknown as LevelPlan;
}

function statesOf(space: IterationSpace, i: number) {
  return Array.from({ length: space.stateCount[i] }, (_, k) => {
    const slot = i * 3 + k;
    return [space.position[slot], space.occurrences[slot], space.see[slot]];
  });
}

describe('iteration states and cases', () => {
  test('temporal: Init, Steady((D - m) / o), Edge when the steps fall short of D', () => {
    const space = new IterationSpace(levelOf([directive(TEMPORAL, C, 3, 3)], 1));
    space.build(new Int32Array([1, 1, 10, 1, 1, 1, 1, 1, 1]));
    // 10 elements by 3: steps at 0, 3, 6 (steady 2), then 9 alone (edge).
    assert.deepEqual(statesOf(space, 0), [[INIT, 1, 0], [STEADY, 2, 0], [EDGE, 1, 0]]);
  });

  test('spatial: steps move the whole array; a partial last tile sets "see"', () => {
    const space = new IterationSpace(levelOf([directive(SPATIAL, C, 2, 2)], 2));
    space.build(new Int32Array([1, 1, 7, 1, 1, 1, 1, 1, 1]));
    // 7 elements, tiles of 2 on 2 sub-units: 0-3, then 4-5 and a partial 6.
    assert.deepEqual(statesOf(space, 0), [[INIT, 1, 0], [EDGE, 1, 1]]);
  });

  test('a space refuses a level with more directives than it was sized for, saying both', () => {
    const space = new IterationSpace(levelOf([directive(TEMPORAL, C, 3, 3)], 1));
    const wider = levelOf([directive(TEMPORAL, K, 2, 2), directive(TEMPORAL, C, 3, 3)], 1);
    assert.throws(() => space.bind(wider), {
      name: 'RangeError',
      message: "level has 2 directives, more than this space's capacity of 1",
    });
  });

  test('cases follow the reference order, not odometer order', () => {
    // A: Init, Steady(2) on 6 by 2; B: Init, Steady(2), Edge on 10 by 3.
    const level = levelOf([directive(TEMPORAL, K, 2, 2), directive(TEMPORAL, C, 3, 3)], 1);
    const space = new IterationSpace(level);
    space.build(new Int32Array([1, 6, 10, 1, 1, 1, 1, 1, 1]));
    const state = new CaseState();
    const seen: [number, number, number, number][] = [];
    for (let c = 0; c < space.caseCount; c++) {
      loadCase(space, c, state);
      seen.push([state.position[K], state.position[C], state.occurrences, state.changed]);
    }
    // Directive 0 advances when c % 3 == 0, directive 1 on every case (including case 0).
    assert.deepEqual(seen, [
      [INIT, INIT, 1, -1], [STEADY, STEADY, 4, 1], [STEADY, EDGE, 2, 1],
      [STEADY, INIT, 2, 0], [INIT, STEADY, 2, 1], [INIT, EDGE, 1, 1],
    ]);
  });
});

describe('end-to-end derivations', () => {
  test('the occurrence product wraps at 32 bits like the reference', () => {
    // One level, unit tiles on K = C = 512 and X = Y = 224; every case costs 1 cycle except
    // the all-Init one (compute 1 + ingress 1). Unwrapped: 512 * 512 * 224 * 224 + 1 =
    // 13153337345 cycles; the all-Steady case's 511^2 * 223^2 wraps to 100384321, giving
    // 13153337345 - 12985286209 + 100384321.
    const layer = { dims: { N: 1, K: 512, C: 512, X: 224, Y: 224, R: 1, S: 1 } };
    const accel = { numPes: 1, simdLanes: 1, bitWidth: 8, bandwidth: 1000, subClusters: [1] };
    const mapping = parseDataflow('SN|1,TK|1,TC|1,TY|1,TX|1,TR|1,TS|1', [1]);
    assert.equal(evaluate(layer, accel, mapping).delay, 268435457);
  });

  test('a fixed NVDLA-style mapping: cases, runtime and area from the formulas', () => {
    const layer = { dims: { N: 1, K: 1, C: 72, X: 56, Y: 56, R: 3, S: 3 } };
    const accel = { numPes: 4608, simdLanes: 2, bitWidth: 8, bandwidth: 66,
      subClusters: [3, 1536] };
    const mapping = parseDataflow(
      'SK|1,TC|1536,TR|3,TS|3,TY|3,TX|3,C,SC|1,TY|3,TX|3,TR|3,TS|3', accel.subClusters);
    const { result, trace } = analyze(layer, accel, mapping);

    // All-Init: 25 compute + ceil(1296 / 66) = 20; then 54 x 54 - 1 overlapped cases of 25.
    const cases = trace.topCases.map((c) => [c.occ, c.outstandingDelay]);
    assert.deepEqual(cases, [[1, 45], [2809, 25], [53, 25], [53, 25]]);
    assert.equal(result.delay, 45 + 2915 * 25);

    // Area: L1 = 18 * 3 of the first inner analysis, L2 = 1296 + 1296 + 2 of the top.
    assert.equal(trace.bufferReq.areaL1, 54);
    assert.equal(trace.bufferReq.areaL2, 2594);
    const P = 4608;
    const pe = 283 * 2 * (8 / 32) * (8 / 32) + 0.104 * 54;
    const bus = 101.7938 * (14.662 * P + 28.895) * 66;
    const arbiter = 395.473 * (1.2886 * P * P + 5.5814 * P - 23.711);
    const area = P * pe + 0.104 * 2594 + bus + arbiter;
    assert.ok(Math.abs(result.area - area) / area < 1e-12);
  });
});
