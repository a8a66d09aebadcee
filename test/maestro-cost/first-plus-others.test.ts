/**
 * `ingressFirstPlusOthers` and `egressFirstPlusOthers` compute, in one pass and for speed, what
 * the per-unit volumes give as first + others * other. The golden results only show that the
 * sums they feed agree; this compares them with the per-unit functions directly, bit for bit,
 * on every case of every level the engine analyses for the golden case inputs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LevelPlan } from '../../maestro-cost/src/clusters.js';
import { CaseState, IterationSpace, loadCase } from '../../maestro-cost/src/iteration.js';
import { DIM_SLOTS, FILTER, INPUT, TENSOR_MASKS } from '../../maestro-cost/src/layer.js';
import { runModel } from '../../maestro-cost/src/model.js';
import {
  egressFirstPlusOthers,
  egressVolume,
  ingressFirstPlusOthers,
  ingressVolume,
  subClusterDims,
} from '../../maestro-cost/src/volumes.js';
import { goldenCases, inputsOf } from './golden-cases.js';

/** What was compared, so that a walk that reaches nothing cannot pass. */
interface Coverage {
  cases: number;
  allInit: number;
  changed: number;
  nonZeroIngress: number;
}

/** Unit counts the engine passes (size - 1, full edge units) and a few more. */
function othersOf(lv: LevelPlan): number[] {
  return [...new Set([0, 1, 3, Math.max(lv.nec - 2, 0), Math.max(lv.nec - 1, 0), lv.size - 1])];
}

function checkCase(id: string, level: number, lv: LevelPlan, st: CaseState,
  seen: Coverage): void {
  for (const others of othersOf(lv)) {
    for (const tensor of [INPUT, FILTER]) {
      const mask = TENSOR_MASKS[tensor];
      const separate = ingressVolume(lv, st, mask, true, false) +
        others * ingressVolume(lv, st, mask, false, false);
      const fused = ingressFirstPlusOthers(lv, st, mask, others);
      if (!Object.is(fused, separate)) {
        assert.fail(`${id} level ${level} tensor ${tensor} others ${others}: ingress ` +
          `${fused} in one pass, ${separate} from ingressVolume`);
      }
      if (fused !== 0) seen.nonZeroIngress++;
    }
    const separate = egressVolume(lv, st, false, true, false, true) +
      others * egressVolume(lv, st, false, false, false, true);
    const fused = egressFirstPlusOthers(lv, st, others);
    if (!Object.is(fused, separate)) {
      assert.fail(`${id} level ${level} others ${others}: egress ${fused} in one pass, ` +
        `${separate} from egressVolume`);
    }
  }
  seen.cases++;
  if (st.changed < 0) seen.allInit++;
  else seen.changed++;
}

/**
 * Every case of `levels[index]` on `dims`, then the sub-cluster dims the engine would hand
 * down from each (the partial unit's and the others'), each distinct set of dims once.
 */
function walk(id: string, levels: readonly LevelPlan[], index: number, dims: Int32Array,
  visited: Set<string>[], seen: Coverage): void {
  const key = dims.join(',');
  if (visited[index].has(key)) return;
  visited[index].add(key);

  const lv = levels[index];
  const space = new IterationSpace(lv);
  const st = new CaseState();
  space.build(dims);
  const children: Int32Array[] = [];
  for (let caseId = 0; caseId < space.caseCount; caseId++) {
    loadCase(space, caseId, st);
    checkCase(id, index, lv, st, seen);
    if (lv.isInnermost) continue;
    const spatialDim = lv.dim[lv.firstSpatial];
    const atEdge = st.edge[spatialDim] === 1;
    const partial = atEdge && st.see[spatialDim] === 1;
    if (partial) children.push(subDims(lv, st, true));
    if (!partial || lv.nec - 1 > 0) children.push(subDims(lv, st, false));
  }
  for (const child of children) walk(id, levels, index + 1, child, visited, seen);
}

function subDims(lv: LevelPlan, st: CaseState, see: boolean): Int32Array {
  const out = new Int32Array(DIM_SLOTS);
  subClusterDims(lv, st, see, out);
  return out;
}

test('the one-pass first-plus-others volumes equal the per-unit ones on the golden cases', () => {
  const seen: Coverage = { cases: 0, allInit: 0, changed: 0, nonZeroIngress: 0 };
  let evaluated = 0;
  for (const row of goldenCases()) {
    const { layer, accel, mapping } = inputsOf(row);
    let levels: readonly LevelPlan[];
    try {
      levels = runModel(layer, accel, mapping).levels;
    } catch {
      continue; // refused as input: the engine never analyses it
    }
    evaluated++;
    const visited = levels.map(() => new Set<string>());
    walk(row.id, levels, 0, levels[0].dims, visited, seen);
  }

  assert.ok(evaluated > 3500, `only ${evaluated} golden cases were evaluated`);
  assert.ok(seen.allInit > 1000 && seen.changed > 10_000, JSON.stringify(seen));
  assert.ok(seen.nonZeroIngress > 10_000, JSON.stringify(seen));
});
