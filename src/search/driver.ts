import { hardwareFeatures } from '../features/index.js';
import type { ModelLayer } from '../models/index.js';
import { buildHardwareSpace, type HardwarePoint } from '../space/index.js';
import type { Infeasibility } from './evaluate-point.js';
import type { LayerSearchExecutor } from './executor.js';
import type { InputProblem, LayerSchedule, LayerSearchResult } from './layer-search.js';
import {
  improves,
  modelObjective,
  sumModelCost,
  type ModelCost,
} from './objective.js';
import { makeOptimizer, type SearchSpace } from './optimizers.js';
import { streamRng } from './rng.js';
import type { SearchSettings } from './settings.js';

/** Why a trial's search stopped. */
export type StopReason =
  | 'budget'        // hwTrials valid accelerators evaluated (or the one fixed accelerator)
  | 'max-invalid'   // maxInvalid accelerators failed in all (not in a row); no result
  | 'input'         // the cost model refuses a layer itself, whatever the design; no result
  | 'interrupted';  // the caller aborted; the trial is discarded

/** Counts of rejected samples by reason, over a whole trial. */
export type InfeasibleCounts = Partial<Record<Infeasibility | 'layer-max-invalid', number>>;

export interface NamedSchedule extends LayerSchedule {
  readonly layer: string;
}

export interface TrialResult {
  readonly trial: number;
  readonly seed: number;
  readonly stop: StopReason;
  /** The best accelerator and its schedules; absent when no accelerator was valid. */
  readonly best?: {
    readonly hardware: HardwarePoint;
    readonly cost: ModelCost;
    readonly targetValue: number;
    readonly layers: readonly NamedSchedule[];
  };
  readonly hardwareSamples: { readonly valid: number; readonly invalid: number };
  readonly layerSearches: number;
  readonly modelCalls: number;
  readonly infeasible: InfeasibleCounts;
  /**
   * The first point the cost model refused as input (by sample, then layer), with its layer:
   * the reason of an `input` stop, and worth saying even when the search went on.
   */
  readonly inputProblem?: InputProblem & { readonly layer: string };
  readonly seconds: number;
}

/** What a caller may watch while a trial runs (progress bars, logs). */
export interface SearchObserver {
  onHardwareSampleStart?(info: { trial: number; sample: number; layers: number }): void;
  onLayerDone?(info: { trial: number; sample: number; layerIndex: number }): void;
  onHardwareSampleDone?(info: {
    trial: number;
    sample: number;
    valid: boolean;
    validSamples: number;
    invalidSamples: number;
    bestTarget?: number;
  }): void;
}

export interface TrialRequest {
  readonly settings: SearchSettings;
  readonly layers: readonly ModelLayer[];
  readonly seed: number;
  readonly trial: number;
  readonly executor: LayerSearchExecutor;
  readonly observer?: SearchObserver;
  readonly signal?: AbortSignal;
}

/**
 * One trial of the co-design search: the hardware optimiser proposes accelerators (or the one
 * fixed accelerator is used) and, for each, every layer's schedule search runs on the
 * executor in parallel. An accelerator is valid when every layer found a feasible schedule;
 * its cost sums energies and delays over layers and takes the largest area and power.
 */
export async function runTrial(request: TrialRequest): Promise<TrialResult> {
  const { settings, layers, seed, trial, observer, signal } = request;
  const started = performance.now();
  const proposeHardware = hardwareSource(settings, seed, trial);

  let best: TrialResult['best'];
  let valid = 0;
  let invalid = 0;
  let sample = 0;
  let layerSearches = 0;
  let modelCalls = 0;
  const infeasible: InfeasibleCounts = {};
  let inputProblem: TrialResult['inputProblem'];
  const budget = settings.hardwareMode === 'fixed' ? 1 : settings.hwTrials;
  let stop: StopReason = 'budget';
  let dispatchOrder = layers.map((_, layerIndex) => layerIndex);

  while (valid < budget) {
    if (signal?.aborted) { stop = 'interrupted'; break; }
    const { hardware, report } = proposeHardware();
    observer?.onHardwareSampleStart?.({ trial, sample, layers: layers.length });

    let results: LayerSearchResult[];
    try {
      results = await searchLayers(request, hardware, sample, dispatchOrder);
    } catch (error) {
      if (signal?.aborted) { stop = 'interrupted'; break; }
      throw error;
    }
    dispatchOrder = longestFirst(results);

    layerSearches += results.length;
    for (const result of results) {
      modelCalls += result.modelCalls;
      if (result.inputProblem && !inputProblem) {
        inputProblem = { ...result.inputProblem, layer: layers[result.layerIndex].name };
      }
      for (const [reason, count] of Object.entries(result.infeasible)) {
        const key = reason as Infeasibility;
        infeasible[key] = (infeasible[key] ?? 0) + (count ?? 0);
      }
    }

    const schedules = results.every((r) => r.stop === 'budget' && r.best)
      ? results.map((r, i) => ({ ...r.best!, layer: layers[i].name }))
      : undefined;
    if (schedules) {
      const cost = sumModelCost(schedules.map((s) => s.cost));
      const targetValue = modelObjective(settings.target, cost);
      report(targetValue);
      valid++;
      if (improves(settings.target, best?.cost, cost)) {
        best = { hardware, cost, targetValue, layers: schedules };
      }
    } else {
      report(null);
      invalid++;
      infeasible['layer-max-invalid'] = (infeasible['layer-max-invalid'] ?? 0) + 1;
    }
    observer?.onHardwareSampleDone?.({
      trial, sample, valid: schedules !== undefined, validSamples: valid, invalidSamples: invalid,
      bestTarget: best?.targetValue,
    });
    sample++;

    // A layer the cost model refuses whatever the schedule fails on every accelerator too.
    if (results.some((r) => r.stop === 'input' && r.inputProblem?.scope === 'layer')) {
      stop = 'input';
      break;
    }

    if (invalid >= settings.maxInvalid || (settings.hardwareMode === 'fixed' && invalid > 0)) {
      stop = 'max-invalid';
      break;
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const failed = stop === 'max-invalid' || stop === 'input';
  return {
    trial, seed, stop, best: failed ? undefined : best,
    hardwareSamples: { valid, invalid }, layerSearches, modelCalls, infeasible,
    ...(inputProblem ? { inputProblem } : {}), seconds,
  };
}

/**
 * Every layer's schedule search on one accelerator, submitted in `dispatchOrder`; results come
 * back in layer order. Each search owns its generator, so the order changes no result.
 */
async function searchLayers(
  request: TrialRequest,
  hardware: HardwarePoint,
  sample: number,
  dispatchOrder: readonly number[],
): Promise<LayerSearchResult[]> {
  const { settings, layers, seed, trial, executor, observer, signal } = request;
  const results = new Array<LayerSearchResult>(layers.length);
  await Promise.all(dispatchOrder.map(async (layerIndex) => {
    const layer = layers[layerIndex];
    const task = { settings, layer, layerIndex, hardware, seed, trial, hardwareSample: sample };
    results[layerIndex] = await executor.run(task, signal);
    observer?.onLayerDone?.({ trial, sample, layerIndex });
  }));
  return results;
}

/**
 * Layers by the work their last search took, most first. An accelerator's sample waits for its
 * slowest layer while the other workers idle; the pool hands tasks out in submission order,
 * so starting the long searches first (longest-processing-time scheduling) shortens that
 * tail. A layer's search costs about the same from one accelerator to the next, and model
 * calls measure it without making the order depend on timing.
 */
function longestFirst(results: readonly LayerSearchResult[]): number[] {
  return results
    .map((result, layerIndex) => ({ layerIndex, work: result.modelCalls }))
    .sort((a, b) => b.work - a.work || a.layerIndex - b.layerIndex)
    .map((entry) => entry.layerIndex);
}

/**
 * Where accelerators come from: the fixed one, or the hardware optimiser on the trial's own
 * generator. `report` passes the accelerator's objective (null when it failed) back.
 */
function hardwareSource(settings: SearchSettings, seed: number, trial: number) {
  if (settings.hardwareMode === 'fixed') {
    const hardware = settings.hardwarePoint;
    if (!hardware) {
      // techniqueSettings and --hw-point set the point whenever they choose 'fixed'.
      throw new Error(
        "internal error: search settings have hardwareMode 'fixed' but no hardwarePoint, so " +
          'there is no accelerator to evaluate schedules on',
      );
    }
    return () => ({ hardware, report: (_value: number | null) => {} });
  }

  const space = buildHardwareSpace(settings.hardwareSpace);
  const featureSpace: SearchSpace<HardwarePoint> = {
    sample: (rng) => space.sample(rng),
    genes: (point) => space.genes(point),
    fromGenes: (genes) => space.fromGenes(genes),
    features: (point) => hardwareFeatures(point),
  };
  const optimizer = makeOptimizer(featureSpace, streamRng(seed, 'trial', trial, 'hw'), {
    kind: settings.optimizer,
    batchSize: settings.hwBatchSize,
    batchTrials: settings.hwBatchTrials,
    role: 'hardware',
  });
  return () => {
    const [hardware] = optimizer.propose(1);
    return {
      hardware,
      report: (value: number | null) => optimizer.report([hardware], [value]),
    };
  };
}
