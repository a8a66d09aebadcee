import {
  HARDWARE_POINT_TEMPLATES,
  hardwareSpaceTemplate,
  type HardwarePointTemplateName,
  type Scale,
} from '../space/index.js';
import {
  SEARCH_DEFAULTS,
  type OptimizerKind,
  type SearchSettings,
  type Target,
} from './settings.js';

/** The techniques of the paper's evaluation: Spotlight's variants and the baselines. */
export const TECHNIQUES = [
  'Spotlight', 'Spotlight-GA', 'Spotlight-R', 'Spotlight-V', 'Spotlight-F', 'Spotlight-Multi',
  'Spotlight-General', 'Eyeriss', 'NVDLA', 'MAERI',
] as const;

export type Technique = (typeof TECHNIQUES)[number];

interface TechniqueRecipe {
  readonly optimizer: OptimizerKind;
  /** The accelerator is fixed to this template; only schedules are searched. */
  readonly hardwarePoint?: (scale: Scale, target: Target) => HardwarePointTemplateName;
  /** A hardware space other than the scale's own. */
  readonly space?: (scale: Scale) => 'maeri_edge' | 'maeri_cloud';
  readonly batchSize?: number;
  readonly excludedFeatures?: readonly string[];
  readonly dataflow?: 'fixed';
  /** Give the technique as much search time as Spotlight's BO (the reference's scale-trials). */
  readonly scaleTrials?: boolean;
}

/** What each technique changes relative to Spotlight, as the reference's run script sets it. */
const RECIPES: Readonly<Record<Technique, TechniqueRecipe>> = {
  'Spotlight': { optimizer: 'bo' },
  'Spotlight-GA': { optimizer: 'ga', batchSize: 20, scaleTrials: true },
  'Spotlight-R': { optimizer: 'random', scaleTrials: true },
  'Spotlight-V': { optimizer: 'bo', excludedFeatures: ['original', 'intuitive', 'data-driven'] },
  'Spotlight-F': { optimizer: 'bo', dataflow: 'fixed' },
  'Spotlight-Multi': { optimizer: 'bo', hardwarePoint: (_s, t) => `MoRVMnT_${t}` },
  'Spotlight-General': { optimizer: 'bo', hardwarePoint: (_s, t) => `MoRV_${t}` },
  'Eyeriss': { optimizer: 'bo', hardwarePoint: (s) => `eyeriss_${s}` },
  'NVDLA': { optimizer: 'bo', hardwarePoint: (s) => `nvdla_${s}` },
  'MAERI': { optimizer: 'bo', space: (s) => `maeri_${s}` },
};

/**
 * Seconds per layer sample of each optimiser relative to BO, measured by the reference's
 * authors; with scale-trials a cheaper optimiser gets proportionally more samples.
 */
const SECONDS_PER_SAMPLE: Readonly<Record<OptimizerKind, number>> = {
  bo: 2.71,
  ga: 1.68,
  random: 1.91,
};

export interface TechniqueRequest {
  readonly technique: Technique;
  readonly scale: Scale;
  readonly target: Target;
  readonly hwTrials?: number;
  readonly swTrials?: number;
  /** Apply scale-trials even where the technique does not ask for it (or never, if false). */
  readonly scaleTrials?: boolean;
}

/** Resolved search settings of a technique at a scale, before user overrides. */
export function techniqueSettings(request: TechniqueRequest): SearchSettings {
  const recipe = RECIPES[request.technique];
  const scaleTemplate = hardwareSpaceTemplate(request.scale);
  const spaceTemplate = recipe.space
    ? hardwareSpaceTemplate(recipe.space(request.scale))
    : scaleTemplate;
  const pointName = recipe.hardwarePoint?.(request.scale, request.target);

  let hwTrials = request.hwTrials ?? SEARCH_DEFAULTS.hwTrials;
  let swTrials = request.swTrials ?? SEARCH_DEFAULTS.swTrials;
  if (request.scaleTrials ?? recipe.scaleTrials ?? false) {
    ({ hwTrials, swTrials } = scaleTrials(recipe.optimizer, hwTrials, swTrials, !pointName));
  }

  return {
    target: request.target,
    optimizer: recipe.optimizer,
    hardwareMode: pointName ? 'fixed' : 'search',
    hardwareSpace: spaceTemplate.spec,
    hardwarePoint: pointName ? HARDWARE_POINT_TEMPLATES[pointName].point : undefined,
    maxArea: scaleTemplate.budget.maxArea,
    maxPower: scaleTemplate.budget.maxPower,
    dataflow: recipe.dataflow ?? 'searched',
    excludedFeatures: recipe.excludedFeatures ?? ['raw'],
    hwTrials,
    swTrials,
    hwBatchSize: recipe.batchSize ?? SEARCH_DEFAULTS.hwBatchSize,
    swBatchSize: recipe.batchSize ?? SEARCH_DEFAULTS.swBatchSize,
    hwBatchTrials: SEARCH_DEFAULTS.hwBatchTrials,
    swBatchTrials: SEARCH_DEFAULTS.swBatchTrials,
    maxInvalid: scaleTemplate.maxInvalid,
    outerOrders: SEARCH_DEFAULTS.outerOrders,
  };
}

/**
 * The reference's `--scale-trials`: multiply the sample budget by BO's time per sample over
 * this optimiser's; when hardware is searched too, both budgets take the square root of that
 * factor. Counts are truncated to integers, as the reference does.
 */
export function scaleTrials(
  optimizer: OptimizerKind,
  hwTrials: number,
  swTrials: number,
  searchesHardware: boolean,
): { hwTrials: number; swTrials: number } {
  let factor = SECONDS_PER_SAMPLE.bo / SECONDS_PER_SAMPLE[optimizer];
  if (searchesHardware) {
    factor = Math.sqrt(factor);
    hwTrials = Math.trunc(hwTrials * factor);
  }
  return { hwTrials, swTrials: Math.trunc(swTrials * factor) };
}
