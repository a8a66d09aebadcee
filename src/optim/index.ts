/** Optimisers behind one propose/report contract, and the Gaussian process BO relies on. */
export type { FeatureSpace, Optimizer, Outcome, Rng, Sampler } from './types.js';
export { isValidOutcome } from './types.js';
export { chance, geometric, randomIndex, shuffleInPlace } from './draws.js';
export {
  BayesianOptimizer,
  BO_BATCH_DEFAULTS,
  HARDWARE_BO,
  SOFTWARE_BO,
  type BatchInfo,
  type BatchOrder,
  type BayesianSettings,
} from './bo.js';
export {
  breed,
  GA_RATES,
  GeneticOptimizer,
  nextGeneration,
  rankPopulation,
  type FatherChoice,
  type Chromosome,
  type GeneticRates,
  type GeneticSettings,
  type GeneticSpace,
  type Population,
  type Scored,
} from './ga.js';
export { RandomSearch } from './random-search.js';
export {
  GaussianProcess,
  GP_DIAGONAL_JITTER,
  GP_LOG_BOUNDS,
  GP_THETA_START,
  type GpOptions,
  type GpPrediction,
  type GpSolver,
  type GpTheta,
} from './gp.js';
export { ascendingOrder, Surrogate } from './surrogate.js';
export { StandardScaler } from './standard-scaler.js';
