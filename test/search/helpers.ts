/**
 * Small budgets and helpers shared by the search tests: a two-layer workload, settings that
 * finish in well under a second, a generator that yields a chosen outer order, and results
 * stripped of their timing.
 */
import type { Rng } from '../../src/optim/index.js';
import { BENCHMARK_MODELS, type ModelLayer } from '../../src/models/index.js';
import {
  techniqueSettings,
  type SearchSettings,
  type TechniqueRequest,
  type TrialResult,
} from '../../src/search/index.js';
import { OUTER_DIRECTIVE_COUNT } from '../../src/space/index.js';

/** Two VGG16 layers of different shapes. */
export const TWO_LAYERS: readonly ModelLayer[] = [
  BENCHMARK_MODELS.VGG16[0],
  BENCHMARK_MODELS.VGG16[4],
];

/** A technique's settings on a tiny budget: 2 accelerators x 3 schedules, batches of 12. */
export function tinySettings(
  request: Partial<TechniqueRequest> = {},
  overrides: Partial<SearchSettings> = {},
): SearchSettings {
  const base = techniqueSettings({
    technique: 'Spotlight',
    scale: 'edge',
    target: 'edp',
    hwTrials: 2,
    swTrials: 3,
    ...request,
  });
  return { ...base, hwBatchSize: 12, swBatchSize: 12, ...overrides };
}

/** A trial result without its wall time, which no two runs share. */
export function withoutTiming(result: TrialResult): Omit<TrialResult, 'seconds'> {
  const { seconds: _seconds, ...rest } = result;
  return rest;
}

/**
 * A generator whose draws make `randomOuterPermutation` return each of `orders` in turn:
 * the Fisher-Yates shuffle fixes position i = 6, 5, ..., 1 by swapping in the element at a
 * drawn index j, so each j is where the wanted element currently sits.
 */
export function outerOrderRng(orders: readonly (readonly number[])[]): Rng {
  const draws: number[] = [];
  for (const order of orders) {
    const items = Array.from({ length: OUTER_DIRECTIVE_COUNT }, (_, i) => i);
    for (let i = OUTER_DIRECTIVE_COUNT - 1; i > 0; i--) {
      const j = items.indexOf(order[i]);
      draws.push((j + 0.5) / (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
  }
  let next = 0;
  return () => {
    if (next >= draws.length) throw new Error('outerOrderRng: more draws than scripted');
    return draws[next++];
  };
}

/** Relative difference of two numbers (0 when both are 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}
