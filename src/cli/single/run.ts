/**
 * One configuration's trials, run into its results folder: the pending trials in order, each
 * recorded as soon as it completes, so an interruption loses only the trial under way.
 */

import type { Logger } from '../../log/logger.js';
import type { Progress } from '../../log/progress.js';
import { formatExponential } from '../../results/number-format.js';
import { ResultFolder } from '../../results/result-folder.js';
import { runTrial, type LayerSearchExecutor, type SearchObserver } from '../../search/index.js';
import type { ResolvedSingle } from './resolve.js';
import { describeInputProblem, describeStop, toTrialRecord } from './trial-record.js';

export interface SingleRunOptions {
  readonly executor: LayerSearchExecutor;
  readonly log: Logger;
  readonly progress?: Progress;
  readonly signal: AbortSignal;
  /** The command line, recorded in run.json for replay. */
  readonly command: readonly string[];
  readonly resume: boolean;
  readonly force: boolean;
}

export interface SingleRunOutcome {
  readonly resultsDir: string;
  readonly requested: number;
  /** Trials complete in the folder after this run, including earlier ones. */
  readonly complete: number;
  /** Trials this run completed. */
  readonly ran: number;
  readonly interrupted: boolean;
  /** Best target value over the folder's valid trials. */
  readonly best?: number;
  /** Trials that found no valid accelerator. */
  readonly invalidTrials: number;
}

export async function runConfiguration(
  resolved: ResolvedSingle,
  options: SingleRunOptions,
): Promise<SingleRunOutcome> {
  const { log, progress } = options;
  const folder = await ResultFolder.open(resolved.resultsDir, {
    settings: resolved.fingerprintSettings,
    seed: resolved.seed,
    trials: resolved.trials,
    runtime: { workers: resolved.workers, trials: resolved.trials },
    command: options.command,
    resume: options.resume,
    force: options.force,
    logger: log,
  });

  let ran = 0;
  let interrupted = false;
  try {
    const pending = folder.pendingTrials();
    if (pending.length === 0) {
      log.info(
        `all ${resolved.trials} trial(s) are complete already in ${resolved.resultsDir}; ` +
          'nothing to run',
      );
    }
    const hardwareTotal =
      resolved.search.hardwareMode === 'fixed' ? 1 : resolved.search.hwTrials;
    let runBest = bestOf(folder.completedTrials().map((trial) => trial.targetValue));

    for (const trial of pending) {
      if (options.signal.aborted) {
        interrupted = true;
        break;
      }
      progress?.update({
        trial,
        trials: resolved.trials,
        hardwareDone: 0,
        hardwareInvalid: 0,
        hardwareTotal,
        layersDone: 0,
        layersRunning: 0,
        layers: resolved.layers.length,
        best: runBest,
      });

      const result = await runTrial({
        settings: resolved.search,
        layers: resolved.layers,
        seed: resolved.seed,
        trial,
        executor: options.executor,
        observer: observer(resolved, options, (best) => {
          runBest = bestOf([runBest, best]);
          return runBest;
        }),
        signal: options.signal,
      });
      if (result.stop === 'interrupted') {
        interrupted = true;
        break;
      }

      const record = toTrialRecord(result, resolved.search);
      await folder.record(record);
      ran += 1;
      runBest = bestOf([runBest, record.targetValue]);
      const value = record.targetValue === null
        ? 'no valid accelerator'
        : `${resolved.target} ${formatExponential(record.targetValue, 4)}`;
      log.info(
        `${trialName(trial, resolved.trials)} done in ${result.seconds.toFixed(1)} s: ${value}; ` +
          `stopped: ${describeStop(result, resolved.search)}; ${result.modelCalls} evaluations` +
          infeasibleSummary(record.invalidReasons ?? {}),
      );
      if (result.inputProblem !== undefined) {
        const refused = result.infeasible.input ?? 0;
        log.warn(
          `trial ${trial}: the cost model refused ${refused} point(s) as input, not as invalid ` +
            `mappings; first: ${describeInputProblem(result)}`,
        );
      }
    }
  } finally {
    await folder.close();
  }

  const trials = folder.completedTrials();
  return {
    resultsDir: resolved.resultsDir,
    requested: resolved.trials,
    complete: trials.filter((trial) => trial.trial < resolved.trials).length,
    ran,
    interrupted,
    best: bestOf(trials.map((trial) => trial.targetValue)),
    invalidTrials: trials.filter((trial) => !trial.valid).length,
  };
}

/** Feeds the progress display and the debug log from the driver's events. */
function observer(
  resolved: ResolvedSingle,
  options: SingleRunOptions,
  noteBest: (best: number | undefined) => number | undefined,
): SearchObserver {
  const { progress, log } = options;
  const lanes = Math.max(1, options.executor.workers);
  let layersDone = 0;
  return {
    onHardwareSampleStart: ({ layers }) => {
      layersDone = 0;
      progress?.update({ layersDone, layersRunning: Math.min(lanes, layers), layers });
    },
    onLayerDone: () => {
      layersDone += 1;
      const remaining = resolved.layers.length - layersDone;
      progress?.update({ layersDone, layersRunning: Math.min(lanes, remaining) });
    },
    onHardwareSampleDone: ({ trial, sample, valid, validSamples, invalidSamples, bestTarget }) => {
      const best = noteBest(bestTarget);
      // The sample is over: its layers no longer count as work under way.
      progress?.update({
        hardwareDone: validSamples,
        hardwareInvalid: invalidSamples,
        layersDone: 0,
        layersRunning: 0,
        best,
      });
      log.debug(
        `trial ${trial} hardware sample ${sample}: ${valid ? 'valid' : 'invalid'}` +
          (bestTarget === undefined ? '' : `, trial best ${formatExponential(bestTarget, 4)}`),
      );
    },
  };
}

/**
 * `trial 0 (1 of 6)`: the 0-based index that out.txt, trials.csv and a resume message use,
 * with the count for a reader following along.
 */
export function trialName(trial: number, trials: number): string {
  return `trial ${trial} (${trial + 1} of ${trials})`;
}

function bestOf(values: readonly (number | null | undefined)[]): number | undefined {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return finite.length === 0 ? undefined : Math.min(...finite);
}

function infeasibleSummary(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${reason} ${count}`);
  return parts.length === 0 ? '' : `; rejected points: ${parts.join(', ')}`;
}
