import { featureGroupSet, softwareFeatures } from '../features/index.js';
import type { ModelLayer } from '../models/index.js';
import { HARDWARE_LEVELS, type HardwarePoint } from '../space/hardware.js';
import type { SoftwarePoint } from '../space/software.js';
import { evaluatePoint, inputScope, type Infeasibility } from './evaluate-point.js';
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

/** A point the cost model refused as input: what it said, and whom the problem belongs to. */
export interface InputProblem {
  /** `layer` or `accelerator`: no schedule can avoid it; `schedule`: this point's own. */
  readonly scope: 'layer' | 'accelerator' | 'schedule';
  /** The cost model's message, naming the field, the value and what is allowed. */
  readonly detail: string;
}

export interface LayerSearchResult {
  readonly layerIndex: number;
  /**
   * `budget`: swTrials valid schedules seen; `max-invalid`: gave up, the layer failed;
   * `input`: the cost model refused the layer or the accelerator themselves, which no schedule
   * can change, so the search stopped at that first point.
   */
  readonly stop: 'budget' | 'max-invalid' | 'input';
  readonly best?: LayerSchedule;
  readonly validSamples: number;
  readonly invalidSamples: number;
  readonly modelCalls: number;
  readonly infeasible: Partial<Record<Infeasibility, number>>;
  /** The first point refused as input, if any: a problem that is rarely the schedule's own. */
  readonly inputProblem?: InputProblem;
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
  const excluded = featureGroupSet(settings.excludedFeatures);
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
  let inputProblem: InputProblem | undefined;
  const infeasible: Partial<Record<Infeasibility, number>> = {};
  const finish = (stop: LayerSearchResult['stop']): LayerSearchResult => ({
    layerIndex: task.layerIndex, stop, best, validSamples, invalidSamples, modelCalls,
    infeasible, ...(inputProblem ? { inputProblem } : {}),
  });

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
      if (outcome.reason === 'input' && inputProblem === undefined) {
        inputProblem = { scope: inputScope(outcome.field), detail: outcome.detail };
        // Every other schedule would be refused the same way: searching on only burns
        // maxInvalid model calls (per accelerator) to reach the same failure.
        if (inputProblem.scope !== 'schedule') return finish('input');
      }
      if (invalidSamples >= settings.maxInvalid) return finish('max-invalid');
    }
  }
  return finish('budget');
}
