/**
 * The contract every optimiser (Bayesian, genetic, random) shares with the search driver.
 *
 * The driver owns budgets, seeds and stop conditions: it asks for points, evaluates them
 * and reports what came out. An optimiser only decides which point comes next.
 */

/** A uniform generator on [0, 1), e.g. a seedrandom PRNG. Every random choice draws from one. */
export type Rng = () => number;

/**
 * What evaluating a proposed point gave: the objective value (lower is better, e.g. EDP or
 * delay), or null when the point was invalid or infeasible. Non-finite numbers count as
 * invalid too, because no optimiser here can learn from them.
 */
export type Outcome = number | null;

export interface Optimizer<P> {
  /**
   * The next `count` points to evaluate, in the order the reference would try them. Always
   * returns exactly `count` points; decisions (a new BO batch, a new GA generation) use only
   * the outcomes reported so far.
   */
  propose(count: number): P[];

  /** Outcomes of earlier proposed points; `outcomes[i]` belongs to `points[i]`. */
  report(points: readonly P[], outcomes: readonly Outcome[]): void;
}

/** A design space that can draw a uniformly random point (the reference draws a flat index). */
export interface Sampler<P> {
  sample(rng: Rng): P;
}

/** A space whose points also have the numeric feature vector the surrogate model learns from. */
export interface FeatureSpace<P> extends Sampler<P> {
  features(point: P): readonly number[];
}

export function isValidOutcome(outcome: Outcome): outcome is number {
  return outcome !== null && Number.isFinite(outcome);
}

/** Rejects a report whose two lists do not pair up, which would silently misattribute values. */
export function checkReport(points: readonly unknown[], outcomes: readonly Outcome[]): void {
  if (points.length !== outcomes.length) {
    throw new RangeError(
      `optim: report got ${points.length} points but ${outcomes.length} outcomes; ` +
        'pass one outcome per point',
    );
  }
}
