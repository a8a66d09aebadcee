import { randomInt } from 'node:crypto';

import seedrandom from 'seedrandom';

import type { Rng } from '../optim/index.js';

/**
 * A generator for one named stream of a run: the seed plus a path such as
 * (trial, hardware sample, layer). Streams never share state, so what a layer search draws
 * does not depend on which worker runs it or when.
 */
export function streamRng(seed: number, ...path: readonly (string | number)[]): Rng {
  return seedrandom([seed, ...path].join('/'));
}

/** A fresh seed for a run that was not given one; recorded so the run can be replayed. */
export function drawSeed(): number {
  return randomInt(2 ** 31);
}
