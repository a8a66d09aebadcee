/**
 * The names a sweep is made of. Each list is the canonical spelling, which is also the folder
 * name under `results/`; users may type any case, and `matchName` maps it back.
 */

import { BENCHMARK_MODEL_NAMES, type BenchmarkModelName } from '../models/benchmarks.js';
import { TECHNIQUES, type Technique } from '../search/techniques.js';

export const SCALES = ['Edge', 'Cloud'] as const;
export type Scale = (typeof SCALES)[number];

export const TARGETS = ['EDP', 'Delay'] as const;
export type Target = (typeof TARGETS)[number];

/** The five benchmark models of the paper, in the order the reference sweeps them. */
export const MODELS = BENCHMARK_MODEL_NAMES;
export type ModelName = BenchmarkModelName;

/**
 * Search techniques and hand-designed baselines, as the search defines them: the
 * `Spotlight-*` variants are the paper's ablations and generalisation studies; Eyeriss and
 * NVDLA fix the hardware; MAERI searches schedules on a fixed-size hardware budget.
 */
export { TECHNIQUES, type Technique };

/** The canonical spelling of `raw` in `names`, ignoring case and surrounding space. */
export function matchName<T extends string>(names: readonly T[], raw: string): T | undefined {
  const wanted = raw.trim().toLowerCase();
  return names.find((name) => name.toLowerCase() === wanted);
}
