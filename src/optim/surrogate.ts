/**
 * The Bayesian optimiser's model of the objective: standardise raw features and objective
 * values, fit a Gaussian process on them, and score candidates by mean - std (lower is more
 * promising), all in standardised objective units as the reference ranks them.
 */
import { GaussianProcess, type GpOptions, type GpPrediction } from './gp.js';
import { StandardScaler } from './standard-scaler.js';

type Rows = readonly (readonly number[])[];

export class Surrogate {
  private constructor(
    private readonly featureScaler: StandardScaler,
    readonly process: GaussianProcess,
  ) {}

  /** Fits on raw features and objective values; `theta` skips the hyper-parameter search. */
  static fit(features: Rows, values: readonly number[], options: GpOptions = {}): Surrogate {
    const featureScaler = StandardScaler.fit(features);
    const valueScaler = StandardScaler.fitValues(values);
    const process = GaussianProcess.fit(
      featureScaler.transform(features),
      valueScaler.transformValues(values),
      options,
    );
    return new Surrogate(featureScaler, process);
  }

  /** Predicted mean and standard deviation of raw candidates, in standardised value units. */
  predict(features: Rows): GpPrediction {
    return this.process.predict(this.featureScaler.transform(features));
  }

  /** The reference's acquisition, mean - 1.0 * std; candidates are tried in ascending order. */
  acquisition(features: Rows): Float64Array {
    const { mean, std } = this.predict(features);
    return mean.map((m, i) => m - std[i]);
  }
}

/** Indices of `scores` in ascending order; ties keep their original order. */
export function ascendingOrder(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => scores[a] - scores[b] || a - b);
}
