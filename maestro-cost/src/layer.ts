/**
 * Dimensions and tensors of a convolution layer, indexed by small integers so the analysis
 * never touches a string-keyed map on its hot path.
 */
import type { DirectiveDim, Layer } from './types.js';

/** Dimension indices. X and Y are the input window; XO and YO the output dims X' and Y'. */
export const N = 0;
export const K = 1;
export const C = 2;
export const X = 3;
export const Y = 4;
export const R = 5;
export const S = 6;
export const XO = 7;
export const YO = 8;

/** Number of dimension slots (the seven layer dims plus X' and Y'). */
export const DIM_SLOTS = 9;

export const DIM_NAMES: readonly DirectiveDim[] = ['N', 'K', 'C', 'X', 'Y', 'R', 'S', "X'", "Y'"];

/** Index of a dimension name, or -1 when the name is not a dimension of a conv layer. */
export function dimIndex(name: string): number {
  // A switch on the few names: no keyed lookup on the hot path of planning and validation.
  switch (name) {
    case 'N': return N;
    case 'K': return K;
    case 'C': return C;
    case 'X': return X;
    case 'Y': return Y;
    case 'R': return R;
    case 'S': return S;
    case "X'": return XO;
    case "Y'": return YO;
    default: return -1;
  }
}

/**
 * The reference keeps its tables in `std::map<std::string, ...>`, so anything it lists comes
 * out in code-point order of the names: C K N R S X X' Y Y'.
 */
export const TABLE_ORDER: readonly number[] = [C, K, N, R, S, X, XO, Y, YO];

/**
 * The vars of the input tensors (input and filter), sorted and de-duplicated as the
 * reference does; missing directives are unrolled and lower-level dims built in this order.
 */
export const INPUT_TENSOR_VARS: readonly number[] = [C, K, N, R, S, X, Y];

/** Tensors of a conv layer with a batch dim, in the reference's table order. */
export const INPUT = 0;
export const FILTER = 1;
export const OUTPUT = 2;
export const TENSOR_NAMES = ['Input', 'Filter', 'Output'] as const;

/** Coupled vars of each tensor, in the reference's order (it decides which spatial var wins). */
export const TENSOR_VARS: readonly (readonly number[])[] = [
  [N, C, Y, X],
  [K, C, R, S],
  [N, K, Y, X],
];

/** The same sets as bit masks over dimension indices. */
export const TENSOR_MASKS: readonly number[] = TENSOR_VARS.map((vars) =>
  vars.reduce((mask, v) => mask | (1 << v), 0),
);

/** The window dim each reference dim slides against: S for X, R for Y. */
export function slidingDimOf(referenceDim: number): number {
  return referenceDim === X ? S : R;
}

/** The output dim of a reference dim: X' for X, Y' for Y. */
export function outputDimOf(referenceDim: number): number {
  return referenceDim === X ? XO : YO;
}

/**
 * The top-level dimension table: the seven layer dims plus X' = X - S + 1 and Y' = Y - R + 1.
 * The output dims ignore the stride, as in the reference (the stride only reshapes X/Y tiles).
 */
export function topDims(layer: Layer): Int32Array {
  const dims = new Int32Array(DIM_SLOTS);
  const d = layer.dims;
  dims[N] = d.N;
  dims[K] = d.K;
  dims[C] = d.C;
  dims[X] = d.X;
  dims[Y] = d.Y;
  dims[R] = d.R;
  dims[S] = d.S;
  dims[XO] = (d.X - d.S + 1) | 0;
  dims[YO] = (d.Y - d.R + 1) | 0;
  return dims;
}

/** Outer strides of X and Y (1 when not given); no other dim's stride reaches a result. */
export function strideOf(layer: Layer, dim: number): number {
  const strides = layer.strides;
  if (strides === undefined) return 1;
  const value = dim === X ? strides.X : dim === Y ? strides.Y : undefined;
  return value ?? 1;
}
