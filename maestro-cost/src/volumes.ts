/**
 * Data volumes of one case at one level (MAESTRO's reuse analysis, per case): what a sub-unit
 * holds, what it must receive (ingress), what it sends up (egress) and how many partial sums
 * it computes, and how those add up over the level's sub-units.
 *
 * "first" is the first sub-unit of the array, which receives full tiles; the others receive
 * only the fresh part of a sliding tile. "seePE" is the last sub-unit of a spatial edge step
 * when it holds a partial tile. Volumes are C longs held in doubles.
 */
import type { LevelPlan } from './clusters.js';
import { type CaseState, EDGE, INIT, STEADY } from './iteration.js';
import { OUTPUT, R, S, TENSOR_MASKS, TENSOR_VARS, X, XO, Y, YO } from './layer.js';
import { TEMPORAL } from './reuse.js';

const OUTPUT_MASK = TENSOR_MASKS[OUTPUT];
const OUTPUT_VARS = TENSOR_VARS[OUTPUT];

/** Elements of a tensor mapped on one sub-unit in this case. */
export function mappedVolume(lv: LevelPlan, st: CaseState, mask: number, first: boolean,
  seePE: boolean): number {
  let volume = 1;
  for (let i = 0; i < lv.count; i++) {
    const v = lv.dim[i];
    if (((mask >> v) & 1) === 0) continue;
    if (lv.kind[i] === TEMPORAL) {
      volume *= st.edge[v] === 1 ? lv.me[v] : lv.m[v];
    } else if (st.edge[v] === 0) {
      volume *= lv.m[v];
    } else if (lv.nec === 1) {
      if (first || seePE) volume *= lv.me[v];
    } else if (lv.nec > 1) {
      volume *= seePE ? lv.me[v] : lv.m[v];
    }
  }
  return volume;
}

/** Whether a not-yet-unrolled dim of the tensor, inner to the change, restarts from Init. */
function reloadedInside(lv: LevelPlan, st: CaseState, mask: number, changed: number): boolean {
  for (let i = changed + 1; i < lv.count; i++) {
    const v = lv.dim[i];
    if (((mask >> v) & 1) === 1 && st.position[v] === INIT && st.unrolled[v] === 0) return true;
  }
  return false;
}

/**
 * Elements of an input tensor sent to one sub-unit in this case: the whole tile after a reset,
 * only the fresh slice along the dim that changed, or 0 when the tensor stays resident.
 */
export function ingressVolume(lv: LevelPlan, st: CaseState, mask: number, first: boolean,
  seePE: boolean): number {
  const changed = st.changed;
  if (changed < 0) return mappedVolume(lv, st, mask, first, seePE);

  const reloaded = reloadedInside(lv, st, mask, changed);

  let volume = 1;
  let tensorChanges = false;
  for (let i = 0; i < lv.count; i++) {
    const v = lv.dim[i];
    if (((mask >> v) & 1) === 0) continue;
    if (i === changed) tensorChanges = true;
    const pos = st.position[v];
    const fresh = i === changed && !reloaded;
    if (lv.kind[i] === TEMPORAL) {
      // Note the reference uses the steady tile `m` also in the Edge state here.
      if (pos === INIT) volume *= st.edge[v] === 1 ? lv.me[v] : lv.m[v];
      else volume *= fresh ? Math.max(lv.u[v], 1) : lv.m[v];
    } else {
      const tile = seePE ? lv.me[v] : lv.m[v];
      const unique = seePE ? lv.ue[v] : lv.u[v];
      if (first) volume *= tile;
      else if (pos === INIT) volume *= i > changed ? unique : tile;
      else volume *= fresh ? unique : tile;
    }
  }
  return tensorChanges ? volume : 0;
}

/**
 * `ingressVolume` of the first sub-unit plus `others` times that of a non-first one (neither
 * a partial edge unit): both volumes taken in one pass, multiplied in the same order as the
 * two separate calls would, so the result is bit for bit the same (checked over the golden
 * inputs by test/maestro-cost/first-plus-others.test.ts).
 */
export function ingressFirstPlusOthers(lv: LevelPlan, st: CaseState, mask: number,
  others: number): number {
  const changed = st.changed;
  let first = 1;
  let other = 1;
  if (changed < 0) {
    for (let i = 0; i < lv.count; i++) {
      const v = lv.dim[i];
      if (((mask >> v) & 1) === 0) continue;
      if (lv.kind[i] === TEMPORAL) {
        const tile = st.edge[v] === 1 ? lv.me[v] : lv.m[v];
        first *= tile;
        other *= tile;
      } else if (st.edge[v] === 0 || lv.nec > 1) {
        first *= lv.m[v];
        other *= lv.m[v];
      } else if (lv.nec === 1) {
        first *= lv.me[v];
      }
    }
    return first + others * other;
  }

  const reloaded = reloadedInside(lv, st, mask, changed);

  let tensorChanges = false;
  for (let i = 0; i < lv.count; i++) {
    const v = lv.dim[i];
    if (((mask >> v) & 1) === 0) continue;
    if (i === changed) tensorChanges = true;
    const pos = st.position[v];
    const fresh = i === changed && !reloaded;
    if (lv.kind[i] === TEMPORAL) {
      let tile: number;
      if (pos === INIT) tile = st.edge[v] === 1 ? lv.me[v] : lv.m[v];
      else tile = fresh ? Math.max(lv.u[v], 1) : lv.m[v];
      first *= tile;
      other *= tile;
    } else {
      first *= lv.m[v];
      if (pos === INIT) other *= i > changed ? lv.u[v] : lv.m[v];
      else other *= fresh ? lv.u[v] : lv.m[v];
    }
  }
  return tensorChanges ? first + others * other : 0 + others * 0;
}

/** `u` as a factor: a zero count of fresh elements contributes 1. */
function uniqueFactor(lv: LevelPlan, a: number): number {
  return lv.u[a] !== 0 ? lv.u[a] : 1;
}

/**
 * Output elements one sub-unit sends up (psum = false) or partial sums it computes
 * (psum = true: the output tile times the reduction dims C, R, S).
 */
export function egressVolume(lv: LevelPlan, st: CaseState, psum: boolean, first: boolean,
  seePE: boolean, reuseAtEdge: boolean): number {
  const nec = lv.nec;
  let volume = 1;

  // Reduction dims (not in the output tensor) multiply the partial sums.
  if (psum) {
    for (let i = 0; i < lv.count; i++) {
      const v = lv.dim[i];
      if (((OUTPUT_MASK >> v) & 1) === 1) continue;
      if (lv.kind[i] === TEMPORAL) {
        volume *= st.edge[v] === 1 ? lv.me[v] : lv.m[v];
        continue;
      }
      const pos = st.position[v];
      if (pos === INIT && st.edge[v] === 1 && seePE) {
        if (nec >= 1) volume *= lv.me[v];
      } else if (pos === INIT || pos === STEADY) {
        volume *= first ? lv.m[v] : uniqueFactor(lv, v);
      } else if (nec === 1) {
        if (first || seePE) volume *= lv.me[v];
      } else if (nec > 1) {
        volume *= seePE ? lv.ue[v] : first ? lv.m[v] : uniqueFactor(lv, v);
      }
    }
  }

  // Output dims, with X and Y read as the output tiles X' and Y'.
  for (let k = 0; k < OUTPUT_VARS.length; k++) {
    const v = OUTPUT_VARS[k];
    const a = v === Y ? YO : v === X ? XO : v;
    const pos = st.position[v];
    if (lv.kind[lv.first[v]] === TEMPORAL) {
      if (pos === INIT) volume *= st.edge[v] === 1 ? lv.me[a] : lv.m[a];
      else volume *= pos === STEADY ? lv.m[a] : lv.me[a];
      continue;
    }
    if (pos === INIT && st.edge[v] === 1 && seePE) {
      if (nec === 1) volume *= lv.me[a];
      else if (nec > 1) volume *= reuseAtEdge ? lv.ue[a] : lv.me[a];
    } else if (pos === INIT || pos === STEADY) {
      volume *= first ? lv.m[a] : uniqueFactor(lv, a);
    } else if (nec === 1) {
      // The reference reads the input-window entry (X, not X') here.
      if (first || seePE) volume *= lv.me[v];
    } else if (nec > 1) {
      volume *= seePE ? lv.ue[a] : first ? lv.m[a] : uniqueFactor(lv, a);
    }
  }
  return volume;
}

/**
 * `egressVolume` (no partial sums, reuse at the edge) of the first sub-unit plus `others`
 * times that of a non-first one (not a partial edge unit), in one pass; same products in the
 * same order as the separate calls (checked as `ingressFirstPlusOthers` is).
 */
export function egressFirstPlusOthers(lv: LevelPlan, st: CaseState, others: number): number {
  const nec = lv.nec;
  let first = 1;
  let other = 1;
  for (let k = 0; k < OUTPUT_VARS.length; k++) {
    const v = OUTPUT_VARS[k];
    const a = v === Y ? YO : v === X ? XO : v;
    const pos = st.position[v];
    if (lv.kind[lv.first[v]] === TEMPORAL) {
      let tile: number;
      if (pos === INIT) tile = st.edge[v] === 1 ? lv.me[a] : lv.m[a];
      else tile = pos === STEADY ? lv.m[a] : lv.me[a];
      first *= tile;
      other *= tile;
    } else if (pos === INIT || pos === STEADY || nec > 1) {
      first *= lv.m[a];
      other *= uniqueFactor(lv, a);
    } else if (nec === 1) {
      first *= lv.me[v];
    }
  }
  return first + others * other;
}

/**
 * The spatial var of a tensor whose state decides the aggregation: the last of the tensor's
 * vars whose first directive is spatial. Returns -1 when the tensor is not spatially mapped,
 * or the var + 16 when one of its spatial vars is in an edge state.
 */
function spatialVar(lv: LevelPlan, st: CaseState, vars: readonly number[]): number {
  let chosen = -1;
  let edge = false;
  for (let k = 0; k < vars.length; k++) {
    const v = vars[k];
    if (lv.kind[lv.first[v]] === TEMPORAL) continue;
    chosen = v;
    if (st.edge[v] === 1) edge = true;
  }
  return chosen < 0 || !edge ? chosen : chosen + 16;
}

/** Sub-units of an edge step besides the first and the partially filled one (if any). */
function fullEdgeUnits(nec: number, see: boolean): number {
  return Math.max(nec - (see ? 1 : 0) - 1, 0);
}

/** What one sub-unit moves for a tensor: ingress for input and filter, egress for output. */
function unitTraffic(lv: LevelPlan, st: CaseState, tensor: number, first: boolean,
  seePE: boolean): number {
  return tensor === OUTPUT
    ? egressVolume(lv, st, false, first, seePE, true)
    : ingressVolume(lv, st, TENSOR_MASKS[tensor], first, seePE);
}

/**
 * NoC traffic of a tensor summed over the level's sub-units: the first sub-unit gets full
 * tiles, the others the fresh part; at a spatial edge only `nec` sub-units are busy, the last
 * one possibly with a partial tile.
 */
export function tensorTraffic(lv: LevelPlan, st: CaseState, tensor: number): number {
  const sp = spatialVar(lv, st, TENSOR_VARS[tensor]);
  if (sp < 0) return unitTraffic(lv, st, tensor, true, false);
  if (sp < 16) return firstPlusOthers(lv, st, tensor, lv.size - 1);
  const see = st.see[sp - 16] === 1;
  if (lv.nec <= 1) return unitTraffic(lv, st, tensor, true, lv.nec === 1 && see);

  // The first unit and the full edge units in one pass, then the partial one.
  let traffic = firstPlusOthers(lv, st, tensor, fullEdgeUnits(lv.nec, see));
  if (see) traffic += unitTraffic(lv, st, tensor, false, true);
  return traffic;
}

/** The first unit's traffic plus `others` times a non-first, non-partial unit's. */
function firstPlusOthers(lv: LevelPlan, st: CaseState, tensor: number, others: number) {
  return tensor === OUTPUT
    ? egressFirstPlusOthers(lv, st, others)
    : ingressFirstPlusOthers(lv, st, TENSOR_MASKS[tensor], others);
}

/**
 * Partial sums computed over the whole level in this case (adds to Computations and to the
 * L1 counters). Unlike egress, every spatial directive of the level takes part in deciding
 * the edge, and the last one's state wins.
 */
export function psumMapping(lv: LevelPlan, st: CaseState, unitPsums: number): number {
  let sp = spatialVar(lv, st, OUTPUT_VARS);
  let edge = sp >= 16;
  for (let i = 0; i < lv.count; i++) {
    if (lv.kind[i] === TEMPORAL) continue;
    sp = lv.dim[i];
    if (st.edge[sp] === 1) edge = true;
  }
  if (sp < 0 || !edge) return lv.size * unitPsums;

  const v = sp >= 16 ? sp - 16 : sp;
  const see = st.see[v] === 1;
  // Unless the first unit is also the partial one, its partial sums are `unitPsums`.
  let psums = lv.nec === 1 && see ? egressVolume(lv, st, true, true, true, true) : unitPsums;
  if (lv.nec > 1) {
    psums += fullEdgeUnits(lv.nec, see) * unitPsums;
    if (see) psums += egressVolume(lv, st, true, false, true, false);
  }
  return psums;
}

/**
 * Partial sums of the first sub-unit when it is not a partial edge unit: `unitPsums` for
 * `psumMapping` and `criticalPsums`, taken once per case.
 */
export function firstUnitPsums(lv: LevelPlan, st: CaseState): number {
  return egressVolume(lv, st, true, true, false, true);
}

/** Partial sums on the critical (first) sub-unit; a value <= 0 skips the case. */
export function criticalPsums(lv: LevelPlan, st: CaseState, unitPsums: number): number {
  const sp = spatialVar(lv, st, OUTPUT_VARS);
  if (sp < 16) return unitPsums;
  const see = st.see[sp - 16] === 1;
  return lv.nec === 1 && see ? egressVolume(lv, st, true, true, true, true) : unitPsums;
}

/**
 * Dims handed to a sub-cluster analysis: each dim's tile in this case (the edge tile in an
 * edge state; for a spatial edge only on a single busy sub-unit or the partial one), plus
 * X' and Y'. The first directive on a dim decides its value.
 */
export function subClusterDims(lv: LevelPlan, st: CaseState, seeFlag: boolean,
  out: Int32Array): void {
  let written = 0;
  for (let i = 0; i < lv.count; i++) {
    const v = lv.dim[i];
    if (((written >> v) & 1) === 1) continue;
    let size: number;
    if (lv.kind[i] === TEMPORAL) {
      size = st.edge[v] === 1 ? lv.me[v] : lv.m[v];
    } else {
      const pos = st.position[v];
      const atEdge = pos === EDGE || (pos === INIT && st.edge[v] === 1);
      size = atEdge && (lv.nec === 1 || seeFlag) ? lv.me[v] : lv.m[v];
    }
    out[v] = size;
    written |= 1 << v;
  }
  out[XO] = (out[X] - out[S] + 1) | 0;
  out[YO] = (out[Y] - out[R] + 1) | 0;
}
