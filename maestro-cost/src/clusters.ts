/**
 * Cluster analysis: splits the directive list into levels (outermost first), completes each
 * level's directives the way the reference does, and derives the static data every later
 * stage needs: the level's width, its edge-cluster count, its static dims and tile tables.
 *
 * Completion of a level, in the reference's order:
 * 1. an `X'` (`Y'`) directive becomes `X` (`Y`) grown by this level's own S - 1 (R - 1);
 * 2. below the top, dims the upper level maps but this one does not are inherited as temporal
 *    maps, inserted at the front (which reverses their order);
 * 3. dims still missing are unrolled: a temporal map covering the whole dim;
 * 4. X/Y tiles are reshaped for a stride above 1;
 * 5. any remaining `X'`/`Y'` (a level naming both X and X') is renamed the same way.
 */
import {
  DIM_SLOTS, INPUT_TENSOR_VARS, R, S, X, XO, Y, YO, slidingDimOf,
} from './layer.js';
import { ArithmeticFault, idiv } from './numeric.js';
import { type LevelDirective, type ReuseTables, SPATIAL, TEMPORAL, reuseTables } from './reuse.js';
import type { Directive } from './types.js';
import { dimIndex } from './layer.js';

// LIMITATION: only the first spatial directive of a level drives the edge-cluster count and
// the sub-cluster recursion; a third spatial directive is ignored, as in the reference.

/** Everything static about one cluster level; the engine reads only these typed arrays. */
export interface LevelPlan extends ReuseTables {
  /** 0 for the top level, increasing inward. */
  readonly index: number;
  readonly isInnermost: boolean;
  /** Sub-units under each spatial step of this level (MAESTRO's cluster size). */
  readonly size: number;
  /** Sub-units busy in the spatial edge step of the level's first spatial directive. */
  readonly nec: number;
  /** Number of directives. */
  readonly count: number;
  readonly kind: Uint8Array;
  readonly dim: Uint8Array;
  readonly tile: Int32Array;
  readonly offset: Int32Array;
  /** Index of the first directive on each dim (-1 if none); the reference's `find`. */
  readonly first: Int8Array;
  /** Index of the first spatial directive; it alone drives edge decisions. */
  readonly firstSpatial: number;
  /** Static dim sizes of the level (X' and Y' only at the top). */
  readonly dims: Int32Array;
  /** Bit mask of the dims present in `dims`. */
  readonly dimsPresent: number;
}

export interface LayerShape {
  /** Top-level dims: the seven layer dims plus X' and Y'. */
  readonly dims: Int32Array;
  readonly strideX: number;
  readonly strideY: number;
}

const ALL_DIMS_MASK = (1 << DIM_SLOTS) - 1;
const LAYER_DIMS_MASK = (1 << 7) - 1;

/** Split and complete the levels of a validated mapping. */
export function planLevels(shape: LayerShape, numPes: number, mapping: readonly Directive[]) {
  // Structure pass: the product of the cluster sizes fixes the top level's width.
  let clusterProduct = 1;
  let clusterCount = 0;
  for (const d of mapping) {
    if (d.kind !== 'cluster') continue;
    clusterProduct = Math.imul(clusterProduct, d.size);
    clusterCount++;
  }
  const unitClusters = Math.imul(clusterProduct, idiv(numPes, clusterProduct));
  const topSize = idiv(unitClusters, clusterProduct);

  const levels: LevelPlan[] = [];
  let current: LevelDirective[] = [];
  let upper: LevelDirective[] | null = null;
  let dims = shape.dims;
  let dimsPresent = ALL_DIMS_MASK;
  let size = topSize;

  // Each cluster directive closes a level; an implicit one closes the innermost level.
  const closers = mapping.length;
  for (let i = 0; i <= closers; i++) {
    const d = i < closers ? mapping[i] : null;
    if (d !== null && d.kind !== 'cluster') {
      current.push({
        kind: d.kind === 'spatial' ? SPATIAL : TEMPORAL,
        dim: dimIndex(d.dim), size: d.size, offset: d.offset,
      });
      continue;
    }

    const index = levels.length;
    convertOutputDirectives(current);
    if (upper !== null) inheritMissing(upper, current);
    unrollMissing(current, dims, dimsPresent);
    applyStride(current, shape, index === 0);
    renameRemainingOutputDims(current);

    levels.push(freezeLevel(index, index === clusterCount, size, current, dims, dimsPresent));

    dims = lowerDims(current, dims);
    dimsPresent = LAYER_DIMS_MASK;
    upper = current;
    current = [];
    if (d !== null) size = d.size;
  }
  return levels;
}

function findFirst(directives: readonly LevelDirective[], dim: number): LevelDirective | null {
  for (const d of directives) if (d.dim === dim) return d;
  return null;
}

/** Step 1: `X'` becomes `X` with the window of the level's own S (0 when it has none). */
function convertOutputDirectives(directives: LevelDirective[]): void {
  let filterR = 0;
  let filterS = 0;
  let outX = 0;
  let outY = 0;
  let hasX = false;
  let hasY = false;
  let hasOutX = false;
  let hasOutY = false;
  for (const d of directives) {
    if (d.dim === Y) hasY = true;
    else if (d.dim === X) hasX = true;
    else if (d.dim === YO) { hasOutY = true; outY = d.size; }
    else if (d.dim === XO) { hasOutX = true; outX = d.size; }
    else if (d.dim === R) filterR = d.size;
    else if (d.dim === S) filterS = d.size;
  }

  // The reference sizes the first X' directive from the last one's tile.
  if (!hasX && hasOutX) {
    const target = findFirst(directives, XO)!;
    target.dim = X;
    target.size = (outX + filterS - 1) | 0;
  }
  if (!hasY && hasOutY) {
    const target = findFirst(directives, YO)!;
    target.dim = Y;
    target.size = (outY + filterR - 1) | 0;
  }
}

/** Bit mask of the dims the directives name. */
function dimMask(directives: readonly LevelDirective[]): number {
  let mask = 0;
  for (let i = 0; i < directives.length; i++) mask |= 1 << directives[i].dim;
  return mask;
}

/** Step 2: every dim of the upper level missing here, as a temporal map, at the front. */
function inheritMissing(upper: readonly LevelDirective[], directives: LevelDirective[]): void {
  let named = dimMask(directives);
  for (let k = 0; k < upper.length; k++) {
    const up = upper[k];
    if (((named >> up.dim) & 1) === 1) continue;
    directives.unshift({ kind: TEMPORAL, dim: up.dim, size: up.size, offset: up.offset });
    named |= 1 << up.dim;
  }
}

/** Step 3: dims still missing are unrolled, in the reference's sorted order. */
function unrollMissing(directives: LevelDirective[], dims: Int32Array, present: number): void {
  const named = dimMask(directives);
  for (let k = 0; k < INPUT_TENSOR_VARS.length; k++) {
    const v = INPUT_TENSOR_VARS[k];
    if (((named >> v) & 1) === 1 || (present & (1 << v)) === 0) continue;
    directives.push({ kind: TEMPORAL, dim: v, size: dims[v], offset: dims[v] });
  }
}

/**
 * Step 4: with stride st, a window tile of ms >= k (k the full filter) yields
 * o = (ms + st - k) / st outputs; the tile becomes the inputs those outputs read and the
 * offset o * st. Below the top, a filter narrower than the stride steps by o * k instead.
 * The write goes to the first directive of the dim, as in the reference.
 */
function applyStride(directives: LevelDirective[], shape: LayerShape, isTop: boolean): void {
  for (const d of directives) {
    if (d.dim !== X && d.dim !== Y) continue;
    const stride = d.dim === X ? shape.strideX : shape.strideY;
    if (stride === 1) continue;
    const filter = shape.dims[slidingDimOf(d.dim)];
    const windowTile = d.size;
    if (windowTile < filter) continue;

    const outputs = idiv((windowTile + stride - filter) | 0, stride);
    const target = findFirst(directives, d.dim)!;
    target.size = (Math.imul(outputs, Math.min(stride, filter)) +
      Math.max((filter - stride) | 0, 0)) | 0;
    target.offset = !isTop && filter < stride
      ? Math.imul(outputs, filter)
      : Math.imul(outputs, stride);
  }
}

/** Step 5: the directive table's own conversion, using the level's last S and R tiles. */
function renameRemainingOutputDims(directives: LevelDirective[]): void {
  let filterR = 0;
  let filterS = 0;
  for (const d of directives) {
    if (d.dim === S) filterS = d.size;
    else if (d.dim === R) filterR = d.size;
  }
  for (const d of directives) {
    if (d.dim === XO) {
      d.dim = X;
      d.size = (d.size + filterS - 1) | 0;
    } else if (d.dim === YO) {
      d.dim = Y;
      d.size = (d.size + filterR - 1) | 0;
    }
  }
}

/** Dims of the next level: per input-tensor var, the smaller of this level's tile and dim. */
function lowerDims(directives: readonly LevelDirective[], dims: Int32Array): Int32Array {
  // The first directive on each dim gives its tile (every input-tensor var has one by now).
  const tiles = new Int32Array(DIM_SLOTS);
  let seen = 0;
  for (let i = 0; i < directives.length; i++) {
    const d = directives[i];
    if (((seen >> d.dim) & 1) === 1) continue;
    tiles[d.dim] = d.size;
    seen |= 1 << d.dim;
  }
  for (let k = 0; k < INPUT_TENSOR_VARS.length; k++) {
    const v = INPUT_TENSOR_VARS[k];
    tiles[v] = Math.min(tiles[v], dims[v]);
  }
  tiles[XO] = 0;
  tiles[YO] = 0;
  return tiles;
}

/**
 * Edge-cluster count: how many sub-units the last spatial step of the first spatial map
 * keeps busy on the static dims (tile m, offset o, dim D, width cs).
 */
export function edgeClusterCount(tile: number, offset: number, dimSize: number, size: number) {
  // The reference divides by o * cs here (SIGFPE when the int product is 0).
  if (Math.imul(offset, size) === 0) throw new ArithmeticFault('spatial step of a level');
  const fullCoverage = (Math.imul(offset, (size - 1) | 0) + tile) | 0;
  let nec: number;
  if (dimSize > fullCoverage) {
    const steadySteps = (idiv((idiv((dimSize - tile) | 0, offset) + 1) | 0, size) - 1) | 0;
    const remaining = (dimSize - Math.imul(Math.imul((steadySteps + 1) | 0, offset), size)) | 0;
    nec = remaining < tile ? 1 : (idiv((remaining - tile) | 0, offset) + 1) | 0;
  } else if (dimSize > tile) {
    nec = (idiv((dimSize - tile) | 0, offset) + 1) | 0;
    if (((Math.imul(offset, (nec - 1) | 0) + tile) | 0) < dimSize) nec = (nec + 1) | 0;
  } else {
    nec = 1;
  }
  return dimSize <= tile ? 1 : nec;
}

function freezeLevel(
  index: number, isInnermost: boolean, size: number, directives: readonly LevelDirective[],
  dims: Int32Array, dimsPresent: number,
): LevelPlan {
  const count = directives.length;
  const kind = new Uint8Array(count);
  const dim = new Uint8Array(count);
  const tile = new Int32Array(count);
  const offset = new Int32Array(count);
  const first = new Int8Array(DIM_SLOTS).fill(-1);
  let firstSpatial = -1;
  for (let i = 0; i < count; i++) {
    const d = directives[i];
    kind[i] = d.kind;
    dim[i] = d.dim;
    tile[i] = d.size;
    offset[i] = d.offset;
    if (first[d.dim] < 0) first[d.dim] = i;
    if (firstSpatial < 0 && d.kind === SPATIAL) firstSpatial = i;
  }

  const sp = directives[firstSpatial];
  const nec = edgeClusterCount(sp.size, sp.offset, dims[sp.dim], size);
  const { m, u, me, ue, present } = reuseTables(directives, dims);
  return {
    index, isInnermost, size, nec, count, kind, dim, tile, offset, first, firstSpatial,
    dims, dimsPresent, m, u, me, ue, present,
  };
}
