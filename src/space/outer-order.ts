import { shuffleInPlace } from '../optim/draws.js';
import type { Rng } from '../optim/types.js';

/**
 * The reference lets the cost model try a few random orders of the outer level's directives
 * (the first seven: the spatial map and six temporal maps) and keep the best. These helpers
 * apply and draw such an order.
 */
export const OUTER_DIRECTIVE_COUNT = 7;

/**
 * Reorders the first seven directives: new position i holds old directive `permutation[i]`.
 * The rest, from the first cluster boundary on, keep their places.
 */
export function permuteOuterDirectives<T>(
  directives: readonly T[],
  permutation: readonly number[],
): T[] {
  checkPermutation(permutation);
  if (directives.length < OUTER_DIRECTIVE_COUNT) {
    throw new RangeError(
      `cannot reorder the outer level: ${directives.length} directives, need at least 7`,
    );
  }
  const reordered = [...directives];
  permutation.forEach((source, target) => { reordered[target] = directives[source]; });
  return reordered;
}

/** The same reordering on the compact comma-separated directive list. */
export function permuteOuterDataflow(dataflow: string, permutation: readonly number[]): string {
  return permuteOuterDirectives(dataflow.split(','), permutation).join(',');
}

/** A uniformly random order of the seven outer directives. */
export function randomOuterPermutation(rng: Rng): number[] {
  return shuffleInPlace(rng, Array.from({ length: OUTER_DIRECTIVE_COUNT }, (_, i) => i));
}

function checkPermutation(permutation: readonly number[]): void {
  const sorted = [...permutation].sort((a, b) => a - b);
  if (sorted.length !== OUTER_DIRECTIVE_COUNT || sorted.some((value, i) => value !== i)) {
    throw new RangeError(
      `outer permutation must hold each of 0..6 once, received [${permutation.join(', ')}]`,
    );
  }
}
