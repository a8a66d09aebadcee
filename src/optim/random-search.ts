/**
 * Random search, the reference's simplest baseline: every proposal is an independent uniform
 * draw from the space, whatever earlier outcomes were.
 */
import { checkReport, type Optimizer, type Outcome, type Rng, type Sampler } from './types.js';

export class RandomSearch<P> implements Optimizer<P> {
  constructor(
    private readonly space: Sampler<P>,
    private readonly rng: Rng,
  ) {}

  propose(count: number): P[] {
    return Array.from({ length: count }, () => this.space.sample(this.rng));
  }

  report(points: readonly P[], outcomes: readonly Outcome[]): void {
    checkReport(points, outcomes);
  }
}
