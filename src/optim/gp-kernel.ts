/**
 * What both Gaussian-process solvers share: the hyper-parameters, the constants sklearn uses
 * and the kernel scales a theta stands for. The kernel is k(x, y) = sigma0^2 + x . y, with
 * white noise (plus jitter) on the training diagonal.
 */

export type Rows = readonly (readonly number[])[];

/** Log hyper-parameters, in the reference's order: log sigma0, then log noise level. */
export type GpTheta = readonly [logSigma0: number, logNoise: number];

/** Added to the training covariance diagonal for numerical stability (sklearn's alpha). */
export const GP_DIAGONAL_JITTER = 1e-10;

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

/** A conditioned process: its likelihood and what it predicts for standardised inputs. */
export interface Posterior {
  readonly logLikelihood: number;
  predictInto(x: Rows, mean: Float64Array, std: Float64Array): void;
}

/** One way of computing the likelihood and posterior for a fixed training set. */
export interface GpSolverPath {
  likelihood(theta: GpTheta): LikelihoodAndGradient;
  /** Undefined when the training covariance is not positive definite at `theta`. */
  posterior(theta: GpTheta): Posterior | undefined;
}

export const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** sklearn scores a covariance that is not positive definite as impossible. */
export const IMPOSSIBLE: LikelihoodAndGradient = { value: -Infinity, gradient: [0, 0] };

export interface KernelScales {
  readonly sigma0: number;
  /** sigma0^2, the constant every pair of points shares. */
  readonly offset: number;
  readonly noise: number;
  /** What the training covariance has on its diagonal beyond the kernel: noise + jitter. */
  readonly diagonal: number;
}

export function kernelScales(theta: GpTheta): KernelScales {
  // exp(2 t) rather than sigma0 squared: the direct solver has always used it, and keeping
  // it leaves that solver's results unchanged to the last bit.
  const noise = Math.exp(theta[1]);
  return {
    sigma0: Math.exp(theta[0]),
    offset: Math.exp(2 * theta[0]),
    noise,
    diagonal: noise + GP_DIAGONAL_JITTER,
  };
}

export function checkTrainingShape(x: Rows, y: readonly number[]): void {
  if (x.length === 0) throw new RangeError('optim: a Gaussian process needs training points');
  if (x.length !== y.length) {
    throw new RangeError(`optim: ${x.length} training points but ${y.length} targets`);
  }
}
