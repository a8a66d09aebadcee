/**
 * The direct Gaussian-process solver: factors the n x n training covariance for every
 * hyper-parameter trial, as sklearn does. It costs O(n^3) per likelihood evaluation and
 * O(n^2) per predicted candidate, so the feature-space solver (gp-features.ts) replaces it
 * when there are more training points than kernel features; it stays for the other case and
 * as the reference the fast solver is tested against.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

import {
  checkTrainingShape,
  type GpSolverPath,
  type GpTheta,
  HALF_LOG_TWO_PI,
  IMPOSSIBLE,
  kernelScales,
  type LikelihoodAndGradient,
  type Posterior,
  type Rows,
} from './gp-kernel.js';
import {
  dot,
  halfLogDeterminant,
  lowerInverseSquaredNorm,
  type Rows64,
  solveFactored,
  solveLower,
} from './linear-algebra.js';

/** Cholesky factor of the training covariance and the weights K^-1 y. */
class DirectPosterior implements Posterior {
  constructor(
    private readonly training: DirectSolver,
    private readonly theta: GpTheta,
    readonly lower: Rows64,
    readonly weights: Float64Array,
    readonly logLikelihood: number,
  ) {}

  predictInto(x: Rows, mean: Float64Array, std: Float64Array): void {
    const { offset, noise } = kernelScales(this.theta);
    const trainX = this.training.x;
    const size = trainX.length;
    const cross = new Float64Array(size);

    for (let row = 0; row < x.length; row++) {
      // Covariance with the training points; white noise never correlates distinct points.
      for (let j = 0; j < size; j++) cross[j] = offset + dot(x[row], trainX[j]);
      mean[row] = dot(cross, this.weights);

      // Prior variance minus what the training data explains: k** - |L^-1 k*|^2.
      const explained = solveLower(this.lower, cross);
      const variance = offset + dot(x[row], x[row]) + noise - dot(explained, explained);

      // Rounding can push a tiny variance below zero; sklearn clips it to zero as well.
      std[row] = Math.sqrt(Math.max(0, variance));
    }
  }
}

export class DirectSolver implements GpSolverPath {
  /** The Gram matrix x_i . x_j, shared by every hyper-parameter trial. */
  private readonly gram: Float64Array[];

  constructor(
    readonly x: Rows,
    readonly y: readonly number[],
  ) {
    checkTrainingShape(x, y);
    this.gram = x.map(() => new Float64Array(x.length));
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j <= i; j++) {
        const product = dot(x[i], x[j]);
        this.gram[i][j] = product;
        this.gram[j][i] = product;
      }
    }
  }

  posterior(theta: GpTheta): DirectPosterior | undefined {
    const { offset, diagonal } = kernelScales(theta);
    const size = this.y.length;

    // Training covariance: kernel plus noise plus jitter on the diagonal.
    const covariance = this.gram.map((row, i) => {
      const out = new Float64Array(size);
      for (let j = 0; j < size; j++) out[j] = row[j] + offset;
      out[i] += diagonal;
      return out;
    });
    const cholesky = new CholeskyDecomposition(new Matrix(covariance));

    // sklearn scores a covariance that is not positive definite as impossible (-inf).
    if (!cholesky.isPositiveDefinite()) return undefined;
    const lower = cholesky.lowerTriangularMatrix.to2DArray().map((r) => Float64Array.from(r));
    const weights = solveFactored(lower, this.y);

    // log p(y) = -y^T K^-1 y / 2 - log det(L) - n log(2 pi) / 2
    const logLikelihood =
      -0.5 * dot(this.y, weights) - halfLogDeterminant(lower) - size * HALF_LOG_TWO_PI;
    return new DirectPosterior(this, theta, lower, weights, logLikelihood);
  }

  /**
   * Log marginal likelihood at `theta` and its gradient in log space:
   * dL/dt = tr((w w^T - K^-1) dK/dt) / 2, with dK/dlog(sigma0) = 2 sigma0^2 11^T and
   * dK/dlog(noise) = noise I.
   */
  likelihood(theta: GpTheta): LikelihoodAndGradient {
    const fit = this.posterior(theta);
    if (!fit) return IMPOSSIBLE;
    const size = this.y.length;

    // K^-1 = W^T W with W = L^-1, so tr(K^-1) = |W|_F^2 and 1^T K^-1 1 = |W 1|^2.
    const inverseTrace = lowerInverseSquaredNorm(fit.lower);
    const inverseOnes = solveLower(fit.lower, new Float64Array(size).fill(1));
    const onesQuadratic = dot(inverseOnes, inverseOnes);
    let weightSum = 0;
    for (let i = 0; i < size; i++) weightSum += fit.weights[i];

    const { offset, noise } = kernelScales(theta);
    const bySigma0 = offset * (weightSum * weightSum - onesQuadratic);
    const byNoise = 0.5 * noise * (dot(fit.weights, fit.weights) - inverseTrace);
    return { value: fit.logLikelihood, gradient: [bySigma0, byNoise] };
  }
}
