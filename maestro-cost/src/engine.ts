/**
 * The recursive case loop (MAESTRO's AnalyzeClusterLevel_V2 with double buffering). For each
 * case of a level it counts buffer traffic, recurses into the sub-clusters (or, innermost,
 * computes the MACs), and adds the case's delay times its occurrences.
 *
 * Reference behaviours kept on purpose (each changes golden results when dropped):
 * - buffer requirements are taken on every case until one is fully counted, so a skipped
 *   first case makes the input requirements count twice;
 * - counters updated before a case is skipped (no partial sums, zero compute) stay updated;
 * - the all-Init case does not overlap communication with computation;
 * - the first analysis to complete (the innermost one on the first recursion path) is the one
 *   whose L1 requirement sizes the accelerator.
 */
import type { LevelPlan } from './clusters.js';
import { CaseState, IterationSpace, loadCase } from './iteration.js';
import {
  DIM_SLOTS, FILTER, INPUT, OUTPUT, R, S, TENSOR_MASKS, TENSOR_VARS, X, Y,
} from './layer.js';
import { ldiv } from './numeric.js';
import { LevelResult } from './results.js';
import type { CaseTrace } from './trace.js';
import {
  criticalPsums, firstUnitPsums, psumMapping, subClusterDims, tensorTraffic,
} from './volumes.js';
import { MAX_CLUSTER_BOUNDARIES } from './validate.js';

// LIMITATION: every NoC level has the same bandwidth and one hop per transfer, as Spotlight
// configures the reference; MAESTRO's per-level NoCs and hop counts are not modelled.
export interface EngineOptions {
  simdLanes: number;
  /** NoC bandwidth, elements per cycle, at every level. */
  bandwidth: number;
  /** Cycles per NoC hop (one hop per transfer). */
  hopLatency: number;
  /** Off-chip bandwidth, elements per cycle; bounds the top level's delay. */
  offchipBandwidth: number;
}

/** Records top-level cases for `analyze()`; the engine calls it only when one is given. */
export interface CaseRecorder {
  begin(top: LevelPlan, state: CaseState): CaseTrace;
  sub(record: CaseTrace, see: boolean, mult: number, result: LevelResult, dims: Int32Array): void;
}

/**
 * Cycles to move `amount` elements over a NoC of `bandwidth` elements per cycle: one hop's
 * latency for the head, then one cycle per further send. Sends = amount / bandwidth rounded up
 * with C semantics, so 0 elements take `hopLatency - 1` cycles and a negative amount (from an
 * empty output tile) rounds toward zero.
 */
export function nocDelay(amount: number, bandwidth: number, hopLatency: number): number {
  const sends = ldiv(amount, bandwidth) + (amount % bandwidth !== 0 ? 1 : 0);
  return hopLatency + sends - 1;
}

/**
 * Scratch memory of the engine, kept from one evaluation to the next: evaluations run one at a
 * time (synchronous, never re-entered), and allocating the per-level typed arrays and result
 * records anew for each one cost more than a fifth of an evaluation (allocation and GC).
 * Consequence: the `LevelResult`s of a run are only valid until the next engine is created.
 */
class Workspace {
  readonly spaces: IterationSpace[] = [];
  readonly states: CaseState[] = [];
  readonly partialDims: Int32Array[] = [];
  readonly fullDims: Int32Array[] = [];
  readonly subActive = new Float64Array(MAX_LEVELS);
  readonly memo: { dims: Int32Array; result: LevelResult }[][] = [];
  /** Result records handed out in this run, then reused (`resultsUsed` of them are live). */
  readonly results: LevelResult[] = [];
  resultsUsed = 0;

  /** Bind per-level scratch to the levels of a new run. */
  prepare(levels: readonly LevelPlan[]): void {
    for (let i = 0; i < levels.length; i++) {
      const lv = levels[i];
      if (i === this.spaces.length) {
        this.spaces.push(new IterationSpace(lv, Math.max(lv.count, SPACE_CAPACITY)));
        this.states.push(new CaseState());
        this.partialDims.push(new Int32Array(DIM_SLOTS));
        this.fullDims.push(new Int32Array(DIM_SLOTS));
        this.memo.push([]);
      } else if (this.spaces[i].capacity < lv.count) {
        this.spaces[i] = new IterationSpace(lv, lv.count);
      } else {
        this.spaces[i].bind(lv);
      }
      this.memo[i].length = 0;
      this.subActive[i] = 0;
    }
    this.resultsUsed = 0;
  }

  /** A zeroed result record for one analysis call. */
  newResult(): LevelResult {
    if (this.resultsUsed === this.results.length) this.results.push(new LevelResult());
    const res = this.results[this.resultsUsed++];
    res.reset();
    return res;
  }
}

/** Levels a mapping may have; validation refuses more, so the per-level arrays never overflow. */
const MAX_LEVELS = MAX_CLUSTER_BOUNDARIES + 1;
/** Directives a pooled iteration space holds without reallocating (levels have 7 to 14). */
const SPACE_CAPACITY = 32;
const WORKSPACE = new Workspace();

export class Engine {
  private readonly spaces: IterationSpace[];
  private readonly states: CaseState[];
  /** Per level, the dims handed to the sub-clusters: partially filled one, and the others. */
  private readonly partialDims: Int32Array[];
  private readonly fullDims: Int32Array[];
  /** Per level, busy sub-units of the last `subClusterRuntime` call (sub averages x counts). */
  private readonly subActive: Float64Array;
  private readonly memo: { dims: Int32Array; result: LevelResult }[][];
  private readonly workspace = WORKSPACE;
  /** The first analysis to complete; its L1 requirement feeds the area model. */
  firstCompleted: LevelResult | null = null;
  /**
   * Largest |dividend| of a long division so far (doubles are exact below 2^52). Kept in a
   * typed array: a field seeded with the small int 0 and then given doubles changes the
   * engine's hidden class, which deoptimised every method reading it.
   */
  private readonly dividend = new Float64Array(1);

  constructor(private readonly levels: readonly LevelPlan[], private readonly opts: EngineOptions,
    private readonly recorder: CaseRecorder | null = null) {
    const ws = this.workspace;
    ws.prepare(levels);
    this.spaces = ws.spaces;
    this.states = ws.states;
    this.partialDims = ws.partialDims;
    this.fullDims = ws.fullDims;
    this.subActive = ws.subActive;
    this.memo = ws.memo;
  }

  get maxDividend(): number {
    return this.dividend[0];
  }

  /** Analyse the whole hierarchy on the top level's static dims. */
  run(): LevelResult {
    return this.analyzeLevel(0, this.levels[0].dims);
  }

  /**
   * Sub-cluster analyses depend only on (level, dims), so repeated calls reuse the first
   * result; the first completion is still recorded before any reuse can happen. An evaluation
   * has few distinct sub-cluster dims, so a linear scan beats building string keys.
   */
  private subAnalysis(index: number, dims: Int32Array): LevelResult {
    const memo = this.memo[index];
    for (let k = 0; k < memo.length; k++) {
      const seen = memo[k].dims;
      if (seen[0] === dims[0] && seen[1] === dims[1] && seen[2] === dims[2] &&
        seen[3] === dims[3] && seen[4] === dims[4] && seen[5] === dims[5] &&
        seen[6] === dims[6]) return memo[k].result;
    }
    const result = this.analyzeLevel(index, dims);
    memo.push({ dims: dims.slice(), result });
    return result;
  }

  /** Note the magnitude of a long about to be divided (see `maxDividend`). */
  private track(dividend: number): void {
    const magnitude = Math.abs(dividend);
    if (magnitude > this.dividend[0]) this.dividend[0] = magnitude;
  }

  private div(dividend: number, divisor: number): number {
    this.track(dividend);
    return ldiv(dividend, divisor);
  }

  private nocDelay(amount: number): number {
    this.track(amount);
    return nocDelay(amount, this.opts.bandwidth, this.opts.hopLatency);
  }

  private analyzeLevel(index: number, dims: Int32Array): LevelResult {
    const lv = this.levels[index];
    const space = this.spaces[index];
    const st = this.states[index];
    const res = this.workspace.newResult();
    const recorder = index === 0 ? this.recorder : null;
    space.build(dims);

    let counted = 0;
    const caseCount = space.caseCount;
    for (let caseId = 0; caseId < caseCount; caseId++) {
      loadCase(space, caseId, st);
      const rec = recorder === null ? null : recorder.begin(lv, st);

      // Until one case is fully counted, every case retakes the buffer requirements. The
      // traffic of each tensor is taken once per case, for them and for the case's counts.
      const egress = tensorTraffic(lv, st, OUTPUT);
      let ingressInput = 0;
      let ingressFilter = 0;
      let ingressTaken = false;
      if (counted === 0) {
        ingressInput = tensorTraffic(lv, st, INPUT);
        ingressFilter = tensorTraffic(lv, st, FILTER);
        ingressTaken = true;
        bufferRequirements(lv, dims, res, ingressInput, ingressFilter, egress);
        if (rec !== null) rec.bufferReq = true;
      }
      const occ = st.occurrences;
      if (occ === 0) {
        if (rec !== null) rec.skipped = 'occ0';
        continue;
      }

      // Output tensor: sent up, and partial sums accumulated in the sub-units.
      const unitPsums = firstUnitPsums(lv, st);
      const psums = psumMapping(lv, st, unitPsums);
      res.l2Write[OUTPUT] += occ * egress;
      res.l1Write[OUTPUT] += occ * psums;
      res.l1Read[OUTPUT] += occ * psums;
      const critical = criticalPsums(lv, st, unitPsums);
      if (rec !== null) Object.assign(rec, { egress, psums, criticalPsums: critical });
      if (critical <= 0) {
        if (rec !== null) rec.skipped = 'npsum<=0';
        continue;
      }

      // Input tensors: sent down; L1 writes of an input equal its L2 reads so far.
      if (!ingressTaken) {
        ingressInput = tensorTraffic(lv, st, INPUT);
        ingressFilter = tensorTraffic(lv, st, FILTER);
      }
      res.l2Read[INPUT] += occ * ingressInput;
      res.l1Write[INPUT] = res.l2Read[INPUT];
      res.l1Read[INPUT] += occ * psums;
      res.l2Read[FILTER] += occ * ingressFilter;
      res.l1Write[FILTER] = res.l2Read[FILTER];
      res.l1Read[FILTER] += occ * psums;
      const ingress = ingressInput + ingressFilter;
      if (rec !== null) Object.assign(rec, { ingressInput, ingressFilter, ingress });

      // Compute: the sub-clusters' worst runtime, or the MACs over the SIMD lanes.
      const spatialDim = lv.dim[lv.firstSpatial];
      const atEdge = st.edge[spatialDim] === 1;
      const compute = lv.isInnermost
        ? Math.ceil(critical / this.opts.simdLanes)
        : this.subClusterRuntime(index, st, atEdge, rec);
      if (rec !== null) rec.compDelay = compute;
      if (compute === 0) {
        if (rec !== null) rec.skipped = 'comp==0';
        continue;
      }

      // Delay of one occurrence: overlapped with double buffering except in the all-Init case.
      const ingressDelay = this.nocDelay(ingress);
      const egressDelay = this.nocDelay(egress);
      let delay = st.changed < 0
        ? compute + ingressDelay
        : Math.max(egressDelay, compute, ingressDelay);
      if (index === 0) delay = this.offchipBound(res, delay);
      if (rec !== null) {
        Object.assign(rec, { ingressDelay, egressDelay, outstandingDelay: delay });
      }

      // Accumulate the counted case.
      res.runtime += occ * delay;
      res.computations += occ * psums;
      const subActive = lv.isInnermost ? 0 : this.subActive[index];
      const active = subActive !== 0 ? subActive : atEdge ? lv.nec : lv.size;
      res.averageActive = res.averageActive + active * occ;
      const traffic = Math.max(ingress, egress);
      res.peakBandwidth = Math.max(res.peakBandwidth, this.div(traffic, compute));
      res.averageBandwidth += this.div(occ * traffic, compute);
      res.addDelays(occ, ingressDelay, egressDelay, compute);
      res.occurrences += occ;
      counted++;
    }

    res.finish();
    if (this.firstCompleted === null) this.firstCompleted = res;
    return res;
  }

  /**
   * Recurse into the sub-clusters of a case: one analysis standing for all `size` sub-units,
   * or at a spatial edge for the `nec` busy ones, the partially filled one analysed apart.
   * Returns the worst runtime; leaves the busy sub-units they average in `subActive[index]`.
   */
  private subClusterRuntime(index: number, st: CaseState, atEdge: boolean,
    rec: CaseTrace | null): number {
    const lv = this.levels[index];
    const spatialDim = lv.dim[lv.firstSpatial];
    const partial = this.partialDims[index];
    const full = this.fullDims[index];
    if (rec !== null) rec.sub = [];
    let runtime = 0;
    this.subActive[index] = 0;
    if (atEdge && st.see[spatialDim] === 1) {
      subClusterDims(lv, st, true, partial);
      runtime = this.countSub(index, rec, true, 1, partial, runtime);
      if (lv.nec - 1 > 0) {
        subClusterDims(lv, st, false, full);
        runtime = this.countSub(index, rec, false, lv.nec - 1, full, runtime);
      }
    } else {
      subClusterDims(lv, st, false, full);
      runtime = this.countSub(index, rec, false, atEdge ? lv.nec : lv.size, full, runtime);
    }
    return runtime;
  }

  private countSub(index: number, rec: CaseTrace | null, see: boolean, mult: number,
    dims: Int32Array, runtime: number): number {
    const sub = this.subAnalysis(index + 1, dims);
    this.subActive[index] += sub.averageActive * mult;
    if (rec !== null) this.recorder!.sub(rec, see, mult, sub, dims);
    return Math.max(runtime, sub.runtime);
  }

  /** Top level: a case takes at least half the time to move its buffers off chip. */
  private offchipBound(res: LevelResult, delay: number): number {
    const bw = this.opts.offchipBandwidth;
    const outputBound = this.div(res.l2Size[OUTPUT], bw);
    const inputBound = this.div(res.l2Size[INPUT] + res.l2Size[FILTER], bw);
    return Math.max(this.div(inputBound, 2), delay, this.div(outputBound, 2));
  }
}

/**
 * Buffer requirements (double-buffered) and whole-tensor counts of a level, from one case.
 * Input and filter requirements accumulate across runs; the output's is overwritten.
 */
function bufferRequirements(lv: LevelPlan, dims: Int32Array, res: LevelResult,
  inputTraffic: number, filterTraffic: number, outputTraffic: number): void {
  res.l2Size[INPUT] += 2 * inputTraffic;
  res.l2Write[INPUT] = tensorCount(INPUT, dims);
  res.l1Size[INPUT] += 2 * residentVolume(lv, TENSOR_MASKS[INPUT]);
  res.l2Size[FILTER] += 2 * filterTraffic;
  res.l2Write[FILTER] = tensorCount(FILTER, dims);
  res.l1Size[FILTER] += 2 * residentVolume(lv, TENSOR_MASKS[FILTER]);

  // The output count reads X' and Y' through the overlap pairs, ignoring the stride.
  res.l2Size[OUTPUT] = 2 * outputTraffic;
  let outputs = 1;
  const outputVars = TENSOR_VARS[OUTPUT];
  for (let k = 0; k < outputVars.length; k++) {
    const v = outputVars[k];
    if (v === X) outputs *= (dims[X] - dims[S] + 1) | 0;
    else if (v === Y) outputs *= (dims[Y] - dims[R] + 1) | 0;
    else outputs *= dims[v];
  }
  res.l2Read[OUTPUT] = outputs;
  res.l1Size[OUTPUT] = 2 * residentVolume(lv, TENSOR_MASKS[OUTPUT]);
}

/** Elements of a whole input tensor on `dims`. */
function tensorCount(tensor: number, dims: Int32Array): number {
  const vars = TENSOR_VARS[tensor];
  let whole = 1;
  for (let k = 0; k < vars.length; k++) whole *= dims[vars[k]];
  return whole;
}

/** Steady tiles of a tensor's dims that have a table entry (X and Y as input windows). */
function residentVolume(lv: LevelPlan, mask: number): number {
  let volume = 1;
  for (let v = 0; v < DIM_SLOTS; v++) {
    if (((mask >> v) & 1) === 1 && ((lv.present >> v) & 1) === 1) volume *= lv.m[v];
  }
  return volume;
}
