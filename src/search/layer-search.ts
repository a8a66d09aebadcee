import { parseExcludedFeatures, softwareFeatures } from '../features/index.js';
import type { ModelLayer } from '../models/index.js';
import { HARDWARE_LEVELS, type HardwarePoint } from '../space/hardware.js';
import type { SoftwarePoint } from '../space/software.js';
import { evaluatePoint, type Infeasibility } from './evaluate-point.js';
import { improves, layerObjective, type LayerCost } from './objective.js';
import { makeOptimizer } from './optimizers.js';
import { streamRng } from './rng.js';
import { cachedSoftwareSpace, scheduleSearchSpace } from './schedule-space.js';
import type { SearchSettings } from './settings.js';

/** One layer's schedule search on one accelerator: the unit of work a worker runs. */
export interface LayerSearchTask {
  readonly settings: SearchSettings;
  readonly layer: ModelLayer;
  readonly layerIndex: number;
  readonly hardware: HardwarePoint;
  readonly seed: number;
  readonly trial: number;
  /** Index of the hardware sample within the trial (counting invalid ones). */
  readonly hardwareSample: number;
}

export interface LayerSchedule {
  readonly software: SoftwarePoint;
  /** The directive list evaluated, in the compact form, with its best outer order. */
  readonly directives: string;
  readonly cost: LayerCost;
}

export interface LayerSearchResult {
  readonly layerIndex: number;
  /** `budget`: swTrials valid schedules seen; `max-invalid`: gave up, the layer failed. */
  readonly stop: 'budget' | 'max-invalid';
  readonly best?: LayerSchedule;
  readonly validSamples: number;
  readonly invalidSamples: number;
  readonly modelCalls: number;
  readonly infeasible: Partial<Record<Infeasibility, number>>;
}

/**
 * Searches schedules of one layer until `swTrials` feasible ones were seen, or `maxInvalid`
 * infeasible ones. Its generator derives from (seed, trial, hardware sample, layer) only, so
 * the result is the same whichever worker runs it.
 */
export function searchLayer(task: LayerSearchTask): LayerSearchResult {
  const { settings, layer, hardware } = task;
  const rng = streamRng(task.seed, 'trial', task.trial, 'hw', task.hardwareSample, 'layer',
    task.layerIndex);
  const excluded = parseExcludedFeatures(settings.excludedFeatures.join(','));
  const space = cachedSoftwareSpace(layer.dims, settings.dataflow, HARDWARE_LEVELS);
  const featureSpace = scheduleSearchSpace(
    space,
    (point) => softwareFeatures(hardware, point, excluded),
  );
  const optimizer = makeOptimizer(featureSpace, rng, {
    kind: settings.optimizer,
    batchSize: settings.swBatchSize,
    batchTrials: settings.swBatchTrials,
    role: 'software',
  });

  let best: LayerSchedule | undefined;
  let validSamples = 0;
  let invalidSamples = 0;
  let modelCalls = 0;
  const infeasible: Partial<Record<Infeasibility, number>> = {};

  while (validSamples < settings.swTrials) {
    const [candidate] = optimizer.propose(1);
    const outcome = evaluatePoint(layer, hardware, candidate.point, settings, rng);
    modelCalls += outcome.modelCalls;

    if (outcome.feasible) {
      optimizer.report([candidate], [layerObjective(settings.target, outcome.cost)]);
      validSamples++;
      if (improves(settings.target, best?.cost, outcome.cost)) {
        best = { software: candidate.point, directives: outcome.directives, cost: outcome.cost };
      }
    } else {
      optimizer.report([candidate], [null]);
      invalidSamples++;
      infeasible[outcome.reason] = (infeasible[outcome.reason] ?? 0) + 1;
      if (invalidSamples >= settings.maxInvalid) {
        return { layerIndex: task.layerIndex, stop: 'max-invalid', best, validSamples,
          invalidSamples, modelCalls, infeasible };
      }
    }
  }
  return { layerIndex: task.layerIndex, stop: 'budget', best, validSamples, invalidSamples,
    modelCalls, infeasible };
}
