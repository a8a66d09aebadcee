/**
 * A small design space for exercising optimisers: two integer knobs in [0, 100) and a label,
 * with a linear objective and a pattern of invalid points.
 */
import { randomIndex } from '../../src/optim/draws.js';
import type { GeneticSpace } from '../../src/optim/ga.js';
import type { FeatureSpace, Optimizer, Outcome, Rng } from '../../src/optim/types.js';

export interface ToyPoint {
  readonly a: number;
  readonly b: number;
  readonly label: string;
}

function toyPoint(a: number, b: number): ToyPoint {
  return { a, b, label: `${a}/${b}` };
}

/** Genes are the two knobs; the label is derived, so rebuilding a point must recompute it. */
export const toySpace: FeatureSpace<ToyPoint> & GeneticSpace<ToyPoint> = {
  sample: (rng: Rng) => toyPoint(randomIndex(rng, 100), randomIndex(rng, 100)),
  features: (point) => [point.a, point.b],
  genes: (point) => [point.a, point.b],
  fromGenes: ([a, b]) => toyPoint(a as number, b as number),
};

/** Lower is better; about one point in seven is invalid. */
export function toyOutcome(point: ToyPoint): Outcome {
  if ((point.a + point.b) % 7 === 0) return null;
  return point.a + 3 * point.b;
}

/** Proposes and reports one point at a time until `validCount` valid outcomes are in. */
export function runSequentially<P>(
  optimizer: Optimizer<P>,
  outcome: (point: P) => Outcome,
  validCount: number,
  onProposal: (point: P) => void = () => {},
): P[] {
  const proposals: P[] = [];
  let valid = 0;
  while (valid < validCount) {
    const [point] = optimizer.propose(1);
    onProposal(point);
    const result = outcome(point);
    optimizer.report([point], [result]);
    proposals.push(point);
    if (result !== null) valid++;
  }
  return proposals;
}

/** The next `count` points `rng` samples from `space`, to compare proposals against. */
export function sampleStream<P>(
  space: { sample(rng: Rng): P },
  rng: Rng,
  count: number,
): P[] {
  return Array.from({ length: count }, () => space.sample(rng));
}
