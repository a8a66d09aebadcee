/**
 * From the options of `spotlight single` to everything the run needs: the model's layers, the
 * search settings (the technique's, at the scale, with the user's overrides), the seed, and
 * the results folder with the settings that fingerprint it.
 */

import { availableParallelism } from 'node:os';
import path from 'node:path';
import {
  BENCHMARK_MODELS,
  LayerSelectionError,
  ModelFileError,
  declaredDepthwise,
  isBenchmarkModelName,
  loadModelFile,
  selectLayers,
  type ModelLayer,
} from '../../models/index.js';
import { DEFAULT_RESULTS_ROOT, resultDir } from '../../results/layout.js';
import { recordedSeed } from '../../results/result-folder.js';
import {
  drawSeed,
  techniqueSettings,
  type SearchSettings,
} from '../../search/index.js';
import {
  PointFormatError,
  SpaceError,
  buildHardwareSpace,
  overrideHardwareSpace,
  resolveHardwarePoint,
  type HardwareSpaceOverrides,
  type HardwareSpaceSpec,
} from '../../space/index.js';
import { DEFAULT_TRIALS } from '../../sweep/matrix.js';
import { matchName, MODELS, type Scale, type Target, type Technique } from '../../sweep/names.js';
import { UsageError, type Problem } from '../errors.js';
import { flagOf } from '../option-table.js';
import { REQUIRED_SINGLE_OPTIONS, SINGLE_OPTIONS, type SingleOptionValues } from './options.js';

/** Where a run's seed came from: --seed, the results folder's run.json, or a fresh draw. */
export type SeedSource = 'given' | 'recorded' | 'drawn';

export interface ResolvedSingle {
  readonly scale: Scale;
  readonly technique: Technique;
  readonly target: Target;
  /** The model's folder name: a benchmark name, a model file's stem, or the layer prefixes. */
  readonly model: string;
  /** Where the model came from, as the user gave it. */
  readonly modelSource: string;
  readonly layers: readonly ModelLayer[];
  readonly search: SearchSettings;
  readonly seed: number;
  readonly seedSource: SeedSource;
  readonly trials: number;
  readonly workers: number;
  readonly workersIsDefault: boolean;
  readonly resultsRoot: string;
  readonly resultsDir: string;
  /** A schedule to evaluate alone (with a fixed accelerator and a one-layer model). */
  readonly swPoint?: string;
  /** What the results folder's fingerprint covers: everything that changes a trial. */
  readonly fingerprintSettings: Readonly<Record<string, unknown>>;
  /** Things the user may not expect about the inputs, to log once at the start of the run. */
  readonly warnings: readonly string[];
}

/** Resolves and checks the options; throws a UsageError listing every problem found. */
export async function resolveSingle(values: SingleOptionValues): Promise<ResolvedSingle> {
  const missing: Problem[] = REQUIRED_SINGLE_OPTIONS.filter((key) => values[key] === undefined)
    .map((key) => ({
      where: flagOf(SINGLE_OPTIONS, key),
      message: `is required; ${SINGLE_OPTIONS[key].description}`,
    }));
  if (missing.length > 0) throw new UsageError(missing);

  const scale = values.scale as Scale;
  const technique = values.technique as Technique;
  const target = values.target as Target;
  const problems: Problem[] = [];

  const model = await loadLayers(values.model as string, problems);
  const search = searchSettings(values, scale, technique, target, problems);
  if (values.swPoint !== undefined) {
    if (search?.hardwareMode !== 'fixed') {
      problems.push({
        where: '--sw-point',
        message: 'needs a fixed accelerator: add --hw-point, or use Eyeriss or NVDLA',
      });
    }
    if (model !== undefined && model.layers.length !== 1) {
      problems.push({
        where: '--sw-point',
        message: `needs a one-layer model; --model ${values.model} has ${model.layers.length}`,
      });
    }
  }
  if (problems.length > 0 || model === undefined || search === undefined) {
    throw new UsageError(problems);
  }

  const workers = values.workers ?? Math.max(1, availableParallelism());
  const resultsRoot = values.results ?? DEFAULT_RESULTS_ROOT;
  const resultsDir = resultDir(resultsRoot, { scale, technique, target, model: model.folder });
  const { seed, source } = await chooseSeed(values.seed, resultsDir, values.swPoint);
  return {
    scale,
    technique,
    target,
    model: model.folder,
    modelSource: values.model as string,
    layers: model.layers,
    search,
    seed,
    seedSource: source,
    trials: values.trials ?? DEFAULT_TRIALS,
    workers,
    workersIsDefault: values.workers === undefined,
    resultsRoot,
    resultsDir,
    swPoint: values.swPoint,
    warnings: model.warnings,
    fingerprintSettings: {
      scale,
      technique,
      target,
      model: model.folder,
      // The sizes themselves, so an edited model file cannot mix with its earlier results.
      layers: model.layers.map(layerSummary),
      search: fingerprintedSearch(search),
      seed,
    },
  };
}

/**
 * --seed when given. Otherwise the seed an earlier run recorded in the folder, so that --resume
 * and a rerun of a complete configuration find its trials (the seed is fingerprinted); failing
 * that, a fresh one, which the run logs and records so it can be replayed. A schedule evaluated
 * alone (--sw-point) writes no folder, so it does not read one either.
 */
async function chooseSeed(
  given: number | undefined,
  resultsDir: string,
  swPoint: string | undefined,
): Promise<{ seed: number; source: SeedSource }> {
  if (given !== undefined) return { seed: given, source: 'given' };
  if (swPoint === undefined) {
    const recorded = await recordedSeed(resultsDir);
    if (recorded !== undefined) return { seed: recorded, source: 'recorded' };
  }
  return { seed: drawSeed(), source: 'drawn' };
}

/** `seed 7`, and where it came from when the user did not give it. */
export function describeSeed(seed: number, source: SeedSource): string {
  switch (source) {
    case 'given':
      return `seed ${seed}`;
    case 'recorded':
      return `seed ${seed} (recorded in run.json)`;
    case 'drawn':
      return `seed ${seed} (drawn; replay with --seed ${seed})`;
  }
}

/** `4 worker(s) (one per core)`, or `inline (no worker threads)` for --workers 0. */
export function describeWorkers(workers: number, isDefault: boolean): string {
  if (workers === 0) return 'inline (no worker threads)';
  return `${workers} worker(s)${isDefault ? ' (one per core)' : ''}`;
}

interface LoadedLayers {
  readonly folder: string;
  readonly layers: readonly ModelLayer[];
  readonly warnings: readonly string[];
}

/** A benchmark name (any case), a model file, or the reference's layer-name prefixes. */
async function loadLayers(raw: string, problems: Problem[]): Promise<LoadedLayers | undefined> {
  const benchmark = matchName(MODELS, raw);
  if (benchmark !== undefined && isBenchmarkModelName(benchmark)) {
    return { folder: benchmark, layers: BENCHMARK_MODELS[benchmark], warnings: [] };
  }

  const looksLikeFile = /[\\/]|\.(json|csv)$/i.test(raw);
  try {
    if (looksLikeFile) {
      const loaded = await loadModelFile(raw);
      return {
        folder: path.basename(raw).replace(/\.[^.]+$/, ''),
        layers: loaded.layers,
        warnings: depthwiseWarnings(loaded.layers),
      };
    }
    const folder = raw.replace(/[^A-Za-z0-9_.,-]/g, '_');
    return { folder, layers: selectLayers(raw), warnings: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    let message: string;
    if (code === 'ENOENT') message = 'is not a file';
    else if (error instanceof ModelFileError || error instanceof LayerSelectionError) {
      message = error.message;
    } else throw error;
    problems.push({
      where: '--model',
      value: raw,
      message: `${message}; give ${MODELS.join(', ')} (any letter case), layer-name prefixes, ` +
        'or a model file (.json or .csv)',
    });
    return undefined;
  }
}

/**
 * A model file's DSCONV layers run as CONV, as in the reference (whose own tables declare
 * DSCONV layers and evaluate them so too); a user who wrote DSCONV is told, once.
 */
function depthwiseWarnings(layers: readonly ModelLayer[]): string[] {
  const names = declaredDepthwise(layers);
  if (names.length === 0) return [];
  const one = names.length === 1;
  return [
    `${one ? 'layer' : 'layers'} ${names.join(', ')} ${one ? 'is' : 'are'} declared DSCONV; ` +
      `${one ? 'it is' : 'they are'} evaluated as CONV, as the reference does`,
  ];
}

/** The technique's settings at the scale, then every option the user gave on top. */
function searchSettings(
  values: SingleOptionValues,
  scale: Scale,
  technique: Technique,
  target: Target,
  problems: Problem[],
): SearchSettings | undefined {
  const base = techniqueSettings({
    technique,
    scale: scale === 'Edge' ? 'edge' : 'cloud',
    target: target === 'EDP' ? 'edp' : 'delay',
    hwTrials: values.hwTrials,
    swTrials: values.swTrials,
    scaleTrials: values.scaleTrials === true ? true : undefined,
  });

  const range = (low?: number, high?: number, step?: number) => ({ low, high, step });
  const overrides: HardwareSpaceOverrides = {
    simdLanes: range(values.simdLow, values.simdHigh, values.simdStep),
    bitWidth: range(values.precLow, values.precHigh, values.precStep),
    bandwidth: range(values.bwLow, values.bwHigh, values.bwStep),
    pes: range(values.peLow, values.peHigh, values.peStep),
    l0BufferKiB: range(values.l1Low, values.l1High, values.l1Step),
    l1BufferKiB: range(values.l2Low, values.l2High, values.l2Step),
  };
  const hardwareSpace = overrideHardwareSpace(base.hardwareSpace, overrides);

  let settings: SearchSettings = {
    ...base,
    hardwareSpace,
    maxArea: values.maxArea ?? base.maxArea,
    maxPower: values.maxPower ?? base.maxPower,
    maxInvalid: values.maxInvalid ?? base.maxInvalid,
    hwBatchSize: values.hwBatchSize ?? base.hwBatchSize,
    swBatchSize: values.swBatchSize ?? base.swBatchSize,
    hwBatchTrials: values.hwBatchTrials ?? base.hwBatchTrials,
    swBatchTrials: values.swBatchTrials ?? base.swBatchTrials,
    dataflow: values.dataflow ?? base.dataflow,
    excludedFeatures: values.excludeFeat ?? base.excludedFeatures,
  };

  if (values.hwPoint !== undefined) {
    try {
      settings = {
        ...settings,
        hardwareMode: 'fixed',
        hardwarePoint: resolveHardwarePoint(values.hwPoint),
      };
    } catch (error) {
      if (!(error instanceof PointFormatError)) throw error;
      problems.push({ where: '--hw-point', value: values.hwPoint, message: error.message });
      return undefined;
    }
  }

  if (settings.hardwareMode === 'search') {
    try {
      buildHardwareSpace(settings.hardwareSpace);
    } catch (error) {
      if (!(error instanceof SpaceError)) throw error;
      problems.push({ where: rangeFlags(error.field), message: error.message });
      return undefined;
    }
  }
  return settings;
}

/** The command-line stems of each hardware range (`pes` -> --pe-low/--pe-high/--pe-step). */
const RANGE_FLAG_STEMS: Readonly<Record<keyof HardwareSpaceSpec, string>> = {
  simdLanes: 'simd',
  bitWidth: 'prec',
  bandwidth: 'bw',
  pes: 'pe',
  l0BufferKiB: 'l1',
  l1BufferKiB: 'l2',
};

/** The flags of the hardware range a space error's field names. */
function rangeFlags(field: string): string {
  if (!Object.hasOwn(RANGE_FLAG_STEMS, field)) return 'hardware ranges';
  const stem = RANGE_FLAG_STEMS[field as keyof HardwareSpaceSpec];
  return `--${stem}-low/--${stem}-high/--${stem}-step`;
}

/**
 * The search settings that can change a trial. On a fixed accelerator the hardware space and
 * budgets are never used, so changing them (a sweep's --hw-trials) leaves such results valid.
 */
function fingerprintedSearch(search: SearchSettings): Partial<SearchSettings> {
  if (search.hardwareMode !== 'fixed') return search;
  return Object.fromEntries(
    Object.entries(search).filter(([key]) => !HARDWARE_SEARCH_ONLY.has(key)),
  );
}

const HARDWARE_SEARCH_ONLY: ReadonlySet<string> = new Set([
  'hardwareSpace',
  'hwTrials',
  'hwBatchSize',
  'hwBatchTrials',
]);

function layerSummary(layer: ModelLayer): string {
  const { N, K, C, X, Y, R, S } = layer.dims;
  return `${layer.name}:${[N, K, C, X, Y, R, S].join('x')}/${layer.strides.X}x${layer.strides.Y}`;
}
