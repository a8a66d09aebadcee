/**
 * Iteration analysis: the states each directive of a level goes through on the dims handed to
 * one analysis call (Init, then Steady steps, then an Edge step), and the cases, i.e. the
 * combinations of one state per directive, in the reference's enumeration order.
 */
import type { LevelPlan } from './clusters.js';
import { DIM_SLOTS } from './layer.js';
import { idiv } from './numeric.js';
import { TEMPORAL } from './reuse.js';

export const INIT = 0;
export const STEADY = 1;
export const EDGE = 2;
export const STATE_NAMES = ['Init', 'Steady', 'Edge'] as const;

/** A directive has at most three states: Init, Steady, Edge. */
const MAX_STATES = 3;

/**
 * The state lists of every directive of a level for one set of dims. Reused across calls, and
 * across evaluations through `bind` (for any level of at most `capacity` directives).
 */
export class IterationSpace {
  readonly position: Int8Array;
  readonly occurrences: Int32Array;
  readonly unrolled: Uint8Array;
  readonly initEdge: Uint8Array;
  /** Spatial only: the last busy sub-unit holds a partial tile ("sp edge edge"). */
  readonly see: Uint8Array;
  readonly stateCount: Uint8Array;
  /** Directive i advances to its next state on case ids divisible by frequency[i]. */
  readonly frequency: Int32Array;
  readonly cursor: Uint8Array;
  /** Cases left before directive i advances (case ids divisible by frequency[i] advance). */
  readonly countdown: Int32Array;
  caseCount = 0;
  /** Most directives a bound level may have. */
  readonly capacity: number;

  constructor(public level: LevelPlan, capacity = level.count) {
    this.capacity = Math.max(capacity, level.count);
    const slots = this.capacity * MAX_STATES;
    this.position = new Int8Array(slots);
    this.occurrences = new Int32Array(slots);
    this.unrolled = new Uint8Array(slots);
    this.initEdge = new Uint8Array(slots);
    this.see = new Uint8Array(slots);
    this.stateCount = new Uint8Array(this.capacity);
    this.frequency = new Int32Array(this.capacity);
    this.cursor = new Uint8Array(this.capacity);
    this.countdown = new Int32Array(this.capacity);
  }

  /** Use this space for another level of at most `capacity` directives. */
  bind(level: LevelPlan): void {
    if (level.count > this.capacity) {
      throw new RangeError(
        `level has ${level.count} directives, more than this space's capacity of ` +
          `${this.capacity}`,
      );
    }
    this.level = level;
  }

  /** Compute every directive's states on `dims` and rewind the case enumeration. */
  build(dims: Int32Array): void {
    const lv = this.level;
    for (let i = 0; i < lv.count; i++) {
      if (lv.kind[i] === TEMPORAL) this.temporalStates(i, dims[lv.dim[i]]);
      else this.spatialStates(i, dims[lv.dim[i]]);
    }

    // The reference's counters: directive i changes state every frequency[i] cases.
    let cases = 1;
    for (let i = lv.count - 1; i >= 0; i--) {
      this.frequency[i] = cases;
      cases = Math.imul(cases, this.stateCount[i]);
    }
    this.caseCount = cases;
    this.cursor.fill(0);
    this.countdown.fill(0);
  }

  private push(i: number, pos: number, occ: number, unrolled: boolean, initEdge: boolean,
    see: boolean): void {
    const slot = i * MAX_STATES + this.stateCount[i];
    this.position[slot] = pos;
    this.occurrences[slot] = occ;
    this.unrolled[slot] = unrolled ? 1 : 0;
    this.initEdge[slot] = initEdge ? 1 : 0;
    this.see[slot] = see ? 1 : 0;
    this.stateCount[i]++;
  }

  private temporalStates(i: number, dimSize: number): void {
    const tile = this.level.tile[i];
    const offset = this.level.offset[i];
    this.stateCount[i] = 0;
    this.push(i, INIT, 1, dimSize <= tile, dimSize < tile, false);

    const steady = idiv((dimSize - tile) | 0, offset);
    if (tile < dimSize && steady > 0) this.push(i, STEADY, steady, false, false, false);
    if (!(dimSize < tile) && ((Math.imul(steady, offset) + tile) | 0) < dimSize) {
      this.push(i, EDGE, 1, false, false, false);
    }
  }

  private spatialStates(i: number, dimSize: number): void {
    const lv = this.level;
    const tile = lv.tile[i];
    const offset = lv.offset[i];
    const width = lv.size;
    const coverage = (tile + Math.imul(offset, (width - 1) | 0)) | 0;
    this.stateCount[i] = 0;
    this.push(i, INIT, 1, dimSize <= coverage, dimSize < coverage, dimSize < coverage);

    // Steady steps move the whole array of sub-units; this can be -1 (truncation).
    const steady = (idiv((idiv((dimSize - tile) | 0, offset) + 1) | 0, width) - 1) | 0;
    if (coverage < dimSize && steady > 0) this.push(i, STEADY, steady, false, false, false);

    // At the edge, does one more sub-unit get a partial tile?
    const step = Math.imul(offset, width);
    const remaining = (dimSize - Math.imul((steady + 1) | 0, step)) | 0;
    const active = remaining < tile ? 1 : (idiv((remaining - tile) | 0, offset) + 1) | 0;
    const see = ((Math.imul((active - 1) | 0, offset) + tile) | 0) < remaining;
    if (dimSize > coverage && ((Math.imul((steady + 1) | 0, step) + coverage) | 0) > dimSize &&
      ((Math.imul(steady, step) + coverage) | 0) !== dimSize) {
      this.push(i, EDGE, 1, false, false, see);
    }
  }
}

/**
 * The current case, looked up by dim (a later directive on the same dim wins, as in the
 * reference's state map), plus the case's occurrence count and its last changing directive.
 */
export class CaseState {
  readonly position = new Int8Array(DIM_SLOTS);
  /** Edge state: the Edge step, or an Init step that already overruns the dim. */
  readonly edge = new Uint8Array(DIM_SLOTS);
  readonly unrolled = new Uint8Array(DIM_SLOTS);
  readonly see = new Uint8Array(DIM_SLOTS);
  /** Int32 product of the states' occurrences (wraps like the reference). */
  occurrences = 1;
  /** Index of the last directive whose state is not Init; -1 in the all-Init case. */
  changed = -1;
}

/**
 * Load case `caseId` into `state`. Cases must be visited in order from 0 (`caseId` itself is
 * not read): directive i advances after case ids divisible by frequency[i], counted down
 * rather than divided (a division per directive and case was a measurable share of the time).
 */
export function loadCase(space: IterationSpace, caseId: number, state: CaseState): void {
  const lv = space.level;
  let occurrences = 1;
  for (let i = 0; i < lv.count; i++) {
    const k = space.cursor[i];
    const slot = i * MAX_STATES + k;
    const v = lv.dim[i];
    const pos = space.position[slot];
    state.position[v] = pos;
    state.edge[v] = pos === EDGE || space.initEdge[slot] === 1 ? 1 : 0;
    state.unrolled[v] = space.unrolled[slot];
    state.see[v] = space.see[slot];
    occurrences = Math.imul(occurrences, space.occurrences[slot]);
    const left = space.countdown[i];
    if (left === 0) {
      space.cursor[i] = k + 1 === space.stateCount[i] ? 0 : k + 1;
      space.countdown[i] = space.frequency[i] - 1;
    } else {
      space.countdown[i] = left - 1;
    }
  }
  state.occurrences = occurrences;

  let changed = -1;
  for (let i = 0; i < lv.count; i++) if (state.position[lv.dim[i]] !== INIT) changed = i;
  state.changed = changed;
}
