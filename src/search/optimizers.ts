import {
  BayesianOptimizer,
  GeneticOptimizer,
  HARDWARE_BO,
  RandomSearch,
  SOFTWARE_BO,
  type FeatureSpace,
  type GeneticSpace,
  type Optimizer,
  type Rng,
} from '../optim/index.js';
import type { OptimizerKind } from './settings.js';

export interface OptimizerChoice {
  readonly kind: OptimizerKind;
  readonly batchSize: number;
  readonly batchTrials: number;
  /** Which of the reference's BO warm-up/exploration settings apply. */
  readonly role: 'hardware' | 'software';
}

/** The optimiser of one search (hardware, or one layer's software), on its own generator. */
/** A space the optimisers can all work on: sampled, featurised, and split into genes. */
export type SearchSpace<P> = FeatureSpace<P> & GeneticSpace<P>;

export function makeOptimizer<P extends object>(
  space: SearchSpace<P>,
  rng: Rng,
  choice: OptimizerChoice,
): Optimizer<P> {
  switch (choice.kind) {
    case 'bo': {
      const base = choice.role === 'hardware' ? HARDWARE_BO : SOFTWARE_BO;
      const settings = { ...base, batchSize: choice.batchSize, batchTrials: choice.batchTrials };
      return new BayesianOptimizer(space, rng, settings);
    }
    case 'ga':
      return new GeneticOptimizer(space, rng, { batchSize: choice.batchSize });
    case 'random':
      return new RandomSearch(space, rng);
  }
}
