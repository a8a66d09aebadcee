/**
 * Gaussian-process regression with the kernel the reference's Bayesian optimiser uses:
 * k(x, y) = sigma0^2 + x . y (a dot product with an offset) plus a white-noise term
 * noise * [x = y] on the training covariance.
 *
 * Inputs and targets are expected already standardised (see `surrogate.ts`). This follows
 * sklearn's GaussianProcessRegressor with normalize_y off: 1e-10 is added to the diagonal of
 * the training covariance, and the hyper-parameters are fitted by maximising the log marginal
 * likelihood, in log space, from sigma0 = noise = 1 within [1e-5, 1e5].
 */
// LIMITATION: only the reference's default kernel (`--kernel linear`) is ported; its
// `matern` and `rbf` choices (each plus white noise) are not.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

import { maximiseInBox } from './bounded-ascent.js';

/** Log hyper-parameters, in the reference's order: log sigma0, then log noise level. */
export type GpTheta = readonly [logSigma0: number, logNoise: number];

/** Added to the training covariance diagonal for numerical stability (sklearn's alpha). */
export const GP_DIAGONAL_JITTER = 1e-10;

/** Where the hyper-parameter fit starts: sigma0 = 1 and noise = 1. */
export const GP_THETA_START: GpTheta = [0, 0];

/** Both hyper-parameters are bounded to [1e-5, 1e5]. */
export const GP_LOG_BOUNDS: readonly [low: number, high: number] = [Math.log(1e-5), Math.log(1e5)];

export interface GpPrediction {
  readonly mean: Float64Array;
  /** Predictive standard deviation of a new observation, noise included (as sklearn's). */
  readonly std: Float64Array;
}

export interface LikelihoodAndGradient {
  readonly value: number;
  /** Derivatives by log sigma0 and log noise. */
  readonly gradient: readonly [number, number];
}

type Rows = readonly (readonly number[])[];

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** The training data with its Gram matrix x_i . x_j, shared by every hyper-parameter trial. */
class TrainingSet {
  readonly gram: Float64Array[];

  constructor(
    readonly x: Rows,
    readonly y: readonly number[],
  ) {
    if (x.length === 0) throw new RangeError('optim: a Gaussian process needs training points');
    if (x.length !== y.length) {
      throw new RangeError(`optim: ${x.length} training points but ${y.length} targets`);
    }
    this.gram = x.map(() => new Float64Array(x.length));
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j <= i; j++) {
        const product = dot(x[i], x[j]);
        this.gram[i][j] = product;
        this.gram[j][i] = product;
      }
    }
  }
}

/** Cholesky factor of the training covariance and the weights K^-1 y. */
interface Posterior {
  readonly lower: number[][];
  readonly weights: Float64Array;
  readonly logLikelihood: number;
}

function posterior(training: TrainingSet, theta: GpTheta): Posterior | undefined {
  const offset = Math.exp(2 * theta[0]);
  const noise = Math.exp(theta[1]);
  const size = training.y.length;

  // Training covariance: kernel plus noise plus jitter on the diagonal.
  const covariance = training.gram.map((row, i) => {
    const out = new Float64Array(size);
    for (let j = 0; j < size; j++) out[j] = row[j] + offset;
    out[i] += noise + GP_DIAGONAL_JITTER;
    return out;
  });
  const cholesky = new CholeskyDecomposition(new Matrix(covariance));

  // sklearn scores a covariance that is not positive definite as impossible (-inf).
  if (!cholesky.isPositiveDefinite()) return undefined;
  const lower = cholesky.lowerTriangularMatrix.to2DArray();
  const weights = solveUpper(lower, solveLower(lower, Float64Array.from(training.y)));

  // log p(y) = -y^T K^-1 y / 2 - log det(L) - n log(2 pi) / 2
  let logDeterminantHalf = 0;
  for (let i = 0; i < size; i++) logDeterminantHalf += Math.log(lower[i][i]);
  const logLikelihood =
    -0.5 * dot(training.y, weights) - logDeterminantHalf - size * HALF_LOG_TWO_PI;
  return { lower, weights, logLikelihood };
}

/**
 * Log marginal likelihood at `theta` and its gradient in log space:
 * dL/dt = tr((w w^T - K^-1) dK/dt) / 2, with dK/dlog(sigma0) = 2 sigma0^2 11^T and
 * dK/dlog(noise) = noise I.
 */
function likelihoodAndGradient(training: TrainingSet, theta: GpTheta): LikelihoodAndGradient {
  const fit = posterior(training, theta);
  if (!fit) return { value: -Infinity, gradient: [0, 0] };
  const size = training.y.length;

  // K^-1 = W^T W with W = L^-1, so tr(K^-1) = |W|_F^2 and 1^T K^-1 1 = |W 1|^2.
  const inverseTrace = lowerInverseSquaredNorm(fit.lower);
  const inverseOnes = solveLower(fit.lower, new Float64Array(size).fill(1));
  const onesQuadratic = dot(inverseOnes, inverseOnes);
  let weightSum = 0;
  for (let i = 0; i < size; i++) weightSum += fit.weights[i];

  const offset = Math.exp(2 * theta[0]);
  const noise = Math.exp(theta[1]);
  const bySigma0 = offset * (weightSum * weightSum - onesQuadratic);
  const byNoise = 0.5 * noise * (dot(fit.weights, fit.weights) - inverseTrace);
  return { value: fit.logLikelihood, gradient: [bySigma0, byNoise] };
}

export class GaussianProcess {
  private constructor(
    private readonly training: TrainingSet,
    /** The hyper-parameters in use (fitted unless given). */
    readonly theta: GpTheta,
    private readonly fit: Posterior,
  ) {}

  /** Log marginal likelihood of the training targets at `theta`. */
  get logMarginalLikelihood(): number {
    return this.fit.logLikelihood;
  }

  /**
   * Conditions on standardised training data. Without `theta`, the hyper-parameters are
   * fitted by maximising the log marginal likelihood.
   */
  static fit(x: Rows, y: readonly number[], options: { theta?: GpTheta } = {}): GaussianProcess {
    const training = new TrainingSet(x, y);
    const theta = options.theta ?? fitTheta(training);
    const fit = posterior(training, theta);
    if (!fit) {
      throw new RangeError(
        `optim: the training covariance is not positive definite at theta [${theta}]`,
      );
    }
    return new GaussianProcess(training, theta, fit);
  }

  /** Log marginal likelihood and gradient of standardised data at any theta (for checks). */
  static likelihood(x: Rows, y: readonly number[], theta: GpTheta): LikelihoodAndGradient {
    return likelihoodAndGradient(new TrainingSet(x, y), theta);
  }

  predict(x: Rows): GpPrediction {
    const offset = Math.exp(2 * this.theta[0]);
    const noise = Math.exp(this.theta[1]);
    const trainX = this.training.x;
    const size = trainX.length;
    const mean = new Float64Array(x.length);
    const std = new Float64Array(x.length);
    const cross = new Float64Array(size);

    for (let row = 0; row < x.length; row++) {
      // Covariance with the training points; white noise never correlates distinct points.
      for (let j = 0; j < size; j++) cross[j] = offset + dot(x[row], trainX[j]);
      mean[row] = dot(cross, this.fit.weights);

      // Prior variance minus what the training data explains: k** - |L^-1 k*|^2.
      const explained = solveLower(this.fit.lower, cross);
      const variance = offset + dot(x[row], x[row]) + noise - dot(explained, explained);

      // Rounding can push a tiny variance below zero; sklearn clips it to zero as well.
      std[row] = Math.sqrt(Math.max(0, variance));
    }
    return { mean, std };
  }
}

function fitTheta(training: TrainingSet): GpTheta {
  const [low, high] = GP_LOG_BOUNDS;
  const best = maximiseInBox(
    (theta) => likelihoodAndGradient(training, [theta[0], theta[1]]),
    GP_THETA_START,
    [low, low],
    [high, high],
  );
  return [best.point[0], best.point[1]];
}

/** Sum of squares of the entries of L^-1, column by column below the diagonal. */
function lowerInverseSquaredNorm(lower: number[][]): number {
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

/** Solves L v = b for lower-triangular L. */
function solveLower(lower: number[][], b: Float64Array): Float64Array {
  const out = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) {
    const row = lower[i];
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= row[k] * out[k];
    out[i] = sum / row[i];
  }
  return out;
}

/** Solves L^T v = b for lower-triangular L. */
function solveUpper(lower: number[][], b: Float64Array): Float64Array {
  const out = new Float64Array(b.length);
  for (let i = b.length - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < b.length; k++) sum -= lower[k][i] * out[k];
    out[i] = sum / lower[i][i];
  }
  return out;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
