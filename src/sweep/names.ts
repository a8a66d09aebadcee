/**
 * The names a sweep is made of. Each list is the canonical spelling, which is also the folder
 * name under `results/`; users may type any case, and `matchName` maps it back.
 */

export const SCALES = ['Edge', 'Cloud'] as const;
export type Scale = (typeof SCALES)[number];

export const TARGETS = ['EDP', 'Delay'] as const;
export type Target = (typeof TARGETS)[number];

/** The five benchmark models of the paper, in the order the reference sweeps them. */
export const MODELS = ['VGG16', 'RESNET', 'MOBILENET', 'MNASNET', 'TRANSFORMER'] as const;
export type ModelName = (typeof MODELS)[number];

/**
 * Search techniques and hand-designed baselines. The `Spotlight-*` variants are the ablations
 * and generalisation studies of the paper; Eyeriss and NVDLA fix the hardware; MAERI searches
 * schedules on a fixed-size hardware budget.
 */
export const TECHNIQUES = [
  'Spotlight',
  'Spotlight-GA',
  'Spotlight-R',
  'Spotlight-V',
  'Spotlight-F',
  'Spotlight-Multi',
  'Spotlight-General',
  'Eyeriss',
  'NVDLA',
  'MAERI',
] as const;
export type Technique = (typeof TECHNIQUES)[number];

/** The canonical spelling of `raw` in `names`, ignoring case and surrounding space. */
export function matchName<T extends string>(names: readonly T[], raw: string): T | undefined {
  const wanted = raw.trim().toLowerCase();
  return names.find((name) => name.toLowerCase() === wanted);
}
