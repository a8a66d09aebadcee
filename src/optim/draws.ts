/**
 * The few kinds of random draw the optimisers make, each from a caller-supplied generator,
 * so a seeded run is reproducible.
 */
import type { Rng } from './types.js';

/** Uniform integer in [0, count). */
export function randomIndex(rng: Rng, count: number): number {
  if (!(count >= 1)) throw new RangeError(`optim: cannot draw an index from ${count} items`);

  // min() guards a generator that returns exactly 1 despite its contract.
  return Math.min(count - 1, Math.floor(rng() * count));
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/**
 * Number of Bernoulli(p) trials up to and including the first success (support 1, 2, ...),
 * the distribution numpy's `geometric` samples. Drawn by inverting the distribution function.
 */
export function geometric(rng: Rng, p: number): number {
  const draw = Math.ceil(Math.log(1 - rng()) / Math.log(1 - p));

  // A draw of exactly 0 would give log(1) = 0 trials; one trial is the smallest outcome.
  return Math.max(1, draw);
}

/** Fisher-Yates shuffle of `items` in place; returns the same array. */
export function shuffleInPlace<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(rng, i + 1);
    const held = items[i];
    items[i] = items[j];
    items[j] = held;
  }
  return items;
}
