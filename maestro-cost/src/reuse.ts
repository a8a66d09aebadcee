/**
 * Per-level tile tables (MAESTRO's reuse analysis). For every dim of a level they give the
 * tile in the steady steps (`m`), the elements new in each step (`u`), the tile at the edge
 * step (`me`) and the elements new at the edge (`ue`); the output dims X' and Y' are derived
 * from the input window and the filter. All entries are C ints and may be <= 0: a window
 * tile smaller than the filter leaves an empty output tile, which is what makes a mapping
 * invalid.
 */
import { DIM_SLOTS, X, Y, outputDimOf, slidingDimOf } from './layer.js';
import { idiv } from './numeric.js';

export const TEMPORAL = 0;
export const SPATIAL = 1;

/** One directive of a completed level, with its dim as an index. Mutable while planning. */
export interface LevelDirective {
  kind: typeof TEMPORAL | typeof SPATIAL;
  dim: number;
  size: number;
  offset: number;
}

export interface ReuseTables {
  /** Tile in steady steps. */
  readonly m: Int32Array;
  /** Fresh elements per steady step. */
  readonly u: Int32Array;
  /** Tile at the edge step. */
  readonly me: Int32Array;
  /** Fresh elements at the edge step. */
  readonly ue: Int32Array;
  /** Bit mask of the dims that have an entry (a missing entry reads as 0). */
  readonly present: number;
}

/** Build the tables of one level from its final directives and its static dims. */
export function reuseTables(directives: readonly LevelDirective[], dims: Int32Array): ReuseTables {
  const m = new Int32Array(DIM_SLOTS);
  const u = new Int32Array(DIM_SLOTS);
  const me = new Int32Array(DIM_SLOTS);
  const ue = new Int32Array(DIM_SLOTS);
  let present = 0;

  // Input-space entries; a later directive on the same dim overwrites an earlier one.
  for (const d of directives) {
    const v = d.dim;
    const tile = d.size;
    const offset = d.offset;
    const dimSize = dims[v];
    const steadySteps = Math.max(idiv((dimSize - tile) | 0, offset), 0);
    const hasEdge = ((Math.imul(steadySteps, offset) + tile) | 0) < dimSize || tile > dimSize;
    let edgeTile = (dimSize - Math.imul((steadySteps + 1) | 0, offset)) | 0;
    if (edgeTile < 0) edgeTile = dimSize;

    m[v] = tile;
    u[v] = d.kind === TEMPORAL && dimSize <= tile ? 0 : Math.min(tile, offset);
    me[v] = hasEdge ? edgeTile : tile;
    ue[v] = Math.max((offset - ((tile - edgeTile) | 0)) | 0, 0);
    present |= 1 << v;
  }

  // Output-space entries X' and Y', from the window (X, Y) and filter (S, R) entries.
  for (const d of directives) {
    if (d.dim !== X && d.dim !== Y) continue;
    const out = outputDimOf(d.dim);
    const filter = slidingDimOf(d.dim);
    m[out] = (m[d.dim] - m[filter] + 1) | 0;
    u[out] = Math.min(d.offset, d.size);
    me[out] = (me[d.dim] - me[filter] + 1) | 0;
    ue[out] = Math.min(d.offset, me[out]);
    present |= 1 << out;
  }
  return { m, u, me, ue, present };
}
