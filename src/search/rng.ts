import { randomInt } from 'node:crypto';

import seedrandom from 'seedrandom';

import type { Rng } from '../optim/index.js';

/**
 * A generator for one named stream of a run: the seed plus a path such as
 * (trial, hardware sample, layer). Streams never share state, so what a layer search draws
 * does not depend on which worker runs it or when.
 *
 * Alea (seedrandom's `alea`) rather than seedrandom's default ARC4: a layer search draws
 * millions of numbers (every BO batch samples 1000 schedules of 9 parameters each) and ARC4
 * costs about four times as much per draw, which showed up as a fifth of a search's time.
 * Alea's 32-bit resolution is ample for the index, coin and geometric draws made here.
 */
export function streamRng(seed: number, ...path: readonly (string | number)[]): Rng {
  return seedrandom.alea([seed, ...path].join('/'));
}

/** A fresh seed for a run that was not given one; recorded so the run can be replayed. */
export function drawSeed(): number {
  return randomInt(2 ** 31);
}
