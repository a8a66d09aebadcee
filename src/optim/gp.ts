/**
 * Gaussian-process regression with the kernel the reference's Bayesian optimiser uses:
 * k(x, y) = sigma0^2 + x . y (a dot product with an offset) plus a white-noise term
 * noise * [x = y] on the training covariance.
 *
 * Inputs and targets are expected already standardised (see `surrogate.ts`). This follows
 * sklearn's GaussianProcessRegressor with normalize_y off: 1e-10 is added to the diagonal of
 * the training covariance, and the hyper-parameters are fitted by maximising the log marginal
 * likelihood, in log space, from sigma0 = noise = 1 within [1e-5, 1e5].
 *
 * Two solvers compute the same quantities: the feature-space one (gp-features.ts) whenever
 * there are more training points than kernel features, the direct n x n one (gp-direct.ts)
 * otherwise. They agree to rounding; tests hold them to 1e-9.
 */
// LIMITATION: only the reference's default kernel (`--kernel linear`) is ported; its
// `matern` and `rbf` choices (each plus white noise) are not.
import { maximiseInBox } from './bounded-ascent.js';
import { DirectSolver } from './gp-direct.js';
import { FeatureSolver } from './gp-features.js';
import type {
  GpPrediction,
  GpSolverPath,
  GpTheta,
  LikelihoodAndGradient,
  Posterior,
  Rows,
} from './gp-kernel.js';

export { GP_DIAGONAL_JITTER } from './gp-kernel.js';
export type { GpPrediction, GpTheta, LikelihoodAndGradient } from './gp-kernel.js';

/** Where the hyper-parameter fit starts: sigma0 = 1 and noise = 1. */
export const GP_THETA_START: GpTheta = [0, 0];

/** Both hyper-parameters are bounded to [1e-5, 1e5]. */
export const GP_LOG_BOUNDS: readonly [low: number, high: number] = [Math.log(1e-5), Math.log(1e5)];

/**
 * `features` works in the (d + 1)-dimensional feature space of the kernel; `direct` factors
 * the n x n covariance. `auto` takes `features` when n > d + 1, where it is cheaper.
 */
export type GpSolver = 'features' | 'direct';

export interface GpOptions {
  /** Skips the hyper-parameter search. */
  readonly theta?: GpTheta;
  /** Forces a solver (tests and benchmarks compare them); otherwise chosen by size. */
  readonly solver?: GpSolver;
}

/** The feature-space solver pays off (and stays free of cancellation) once n > d + 1. */
export function chooseSolver(pointCount: number, featureCount: number): GpSolver {
  return pointCount > featureCount + 1 ? 'features' : 'direct';
}

function solverFor(x: Rows, y: readonly number[], solver: GpSolver | undefined): GpSolverPath {
  const chosen = solver ?? chooseSolver(x.length, x[0]?.length ?? 0);
  return chosen === 'features' ? new FeatureSolver(x, y) : new DirectSolver(x, y);
}

export class GaussianProcess {
  private constructor(
    /** The hyper-parameters in use (fitted unless given). */
    readonly theta: GpTheta,
    /** Which solver conditioned this process. */
    readonly solver: GpSolver,
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
  static fit(x: Rows, y: readonly number[], options: GpOptions = {}): GaussianProcess {
    const solver = options.solver ?? chooseSolver(x.length, x[0]?.length ?? 0);
    const path = solverFor(x, y, solver);
    const theta = options.theta ?? fitTheta(path);
    const fit = path.posterior(theta);
    if (!fit) {
      throw new RangeError(
        `optim: the training covariance is not positive definite at theta [${theta}]`,
      );
    }
    return new GaussianProcess(theta, solver, fit);
  }

  /** Log marginal likelihood and gradient of standardised data at any theta (for checks). */
  static likelihood(
    x: Rows,
    y: readonly number[],
    theta: GpTheta,
    options: { solver?: GpSolver } = {},
  ): LikelihoodAndGradient {
    return solverFor(x, y, options.solver).likelihood(theta);
  }

  predict(x: Rows): GpPrediction {
    const mean = new Float64Array(x.length);
    const std = new Float64Array(x.length);
    this.fit.predictInto(x, mean, std);
    return { mean, std };
  }
}

function fitTheta(path: GpSolverPath): GpTheta {
  const [low, high] = GP_LOG_BOUNDS;
  const best = maximiseInBox(
    (theta) => path.likelihood([theta[0], theta[1]]),
    GP_THETA_START,
    [low, low],
    [high, high],
  );
  return [best.point[0], best.point[1]];
}
