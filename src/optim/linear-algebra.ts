/**
 * Dense symmetric positive-definite algebra on small matrices stored as rows of
 * Float64Array (the Gaussian process's covariances). Only the lower triangle of a factor is
 * ever read, so callers may leave the upper one as they like.
 */

export type Rows64 = Float64Array[];

/**
 * Overwrites the lower triangle of symmetric `a` with its Cholesky factor L (a = L L^T).
 * False when a pivot is not positive, i.e. `a` is not (numerically) positive definite; `a` is
 * then left half-factored.
 */
export function choleskyInPlace(a: Rows64): boolean {
  const size = a.length;
  for (let j = 0; j < size; j++) {
    const rowJ = a[j];
    let pivot = rowJ[j];
    for (let k = 0; k < j; k++) pivot -= rowJ[k] * rowJ[k];

    // `!(pivot > 0)` also catches NaN from overflowing entries.
    if (!(pivot > 0)) return false;
    const diagonal = Math.sqrt(pivot);
    rowJ[j] = diagonal;
    for (let i = j + 1; i < size; i++) {
      const rowI = a[i];
      let sum = rowI[j];
      for (let k = 0; k < j; k++) sum -= rowI[k] * rowJ[k];
      rowI[j] = sum / diagonal;
    }
  }
  return true;
}

/** Solves L v = b for lower-triangular L into `out` (which may be `b`). */
export function solveLowerInto(lower: Rows64, b: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const row = lower[i];
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= row[k] * out[k];
    out[i] = sum / row[i];
  }
}

/** Solves L v = b for lower-triangular L. */
export function solveLower(lower: Rows64, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(b.length);
  solveLowerInto(lower, b, out);
  return out;
}

/** Solves L^T v = b for lower-triangular L. */
export function solveUpper(lower: Rows64, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(b.length);
  for (let i = b.length - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < b.length; k++) sum -= lower[k][i] * out[k];
    out[i] = sum / lower[i][i];
  }
  return out;
}

/** Solves (L L^T) v = b, i.e. applies the inverse of the factored matrix. */
export function solveFactored(lower: Rows64, b: ArrayLike<number>): Float64Array {
  return solveUpper(lower, solveLower(lower, b));
}

/**
 * Sum of squares of the entries of L^-1, column by column below the diagonal: the trace of
 * (L L^T)^-1 without forming the inverse.
 */
export function lowerInverseSquaredNorm(lower: Rows64): number {
  const size = lower.length;
  const column = new Float64Array(size);
  let sum = 0;
  for (let c = 0; c < size; c++) {
    column[c] = 1 / lower[c][c];
    sum += column[c] * column[c];
    for (let i = c + 1; i < size; i++) {
      const row = lower[i];
      let partial = 0;
      for (let k = c; k < i; k++) partial -= row[k] * column[k];
      column[i] = partial / row[i];
      sum += column[i] * column[i];
    }
  }
  return sum;
}

/** Sum of log L_ii: half the log determinant of L L^T. */
export function halfLogDeterminant(lower: Rows64): number {
  let sum = 0;
  for (let i = 0; i < lower.length; i++) sum += Math.log(lower[i][i]);
  return sum;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
