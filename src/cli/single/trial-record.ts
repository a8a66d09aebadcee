/**
 * A search trial's result as the results folder stores it: reference-named hardware and
 * schedules, per-layer costs, and the counts that explain how the search went.
 */

import type { TrialRecord } from '../../results/records.js';
import { layerObjective, type SearchSettings, type TrialResult } from '../../search/index.js';
import { hardwarePointToReference, softwarePointToReference } from '../../space/index.js';

export function toTrialRecord(result: TrialResult, settings: SearchSettings): TrialRecord {
  const best = result.best;
  const common = {
    trial: result.trial,
    seed: result.seed,
    evaluations: result.modelCalls,
    wallSeconds: Math.round(result.seconds * 1000) / 1000,
    invalidReasons: { ...result.infeasible } as Record<string, number>,
    stopReason: result.stop,
    ...(result.inputProblem ? { inputProblem: describeInputProblem(result) } : {}),
  };
  if (best === undefined) {
    return { ...common, valid: false, targetValue: null, totals: null, hardware: null, layers: [] };
  }

  const layers = best.layers.map((schedule, index) => ({
    index,
    name: schedule.layer,
    valid: true,
    targetValue: layerObjective(settings.target, schedule.cost),
    edp: schedule.cost.energy * schedule.cost.delay,
    energy: schedule.cost.energy,
    delay: schedule.cost.delay,
    throughput: schedule.cost.throughput,
    area: schedule.cost.area,
    power: schedule.cost.power,
    schedule: softwarePointToReference(schedule.software),
    dataflow: schedule.directives,
  }));
  return {
    ...common,
    valid: true,
    targetValue: best.targetValue,
    totals: {
      edp: best.cost.energy * best.cost.delay,
      energy: best.cost.energy,
      delay: best.cost.delay,
      throughput: layers.reduce((sum, layer) => sum + layer.throughput, 0),
      area: best.cost.area,
      power: best.cost.power,
    },
    hardware: hardwarePointToReference(best.hardware),
    layers,
  };
}

/**
 * `budget reached (100 valid hardware samples)` and the like, for the log. The log line says
 * already whether a valid accelerator was found, so this does not repeat it.
 */
export function describeStop(result: TrialResult, settings: SearchSettings): string {
  const samples = result.hardwareSamples;
  switch (result.stop) {
    case 'budget':
      return settings.hardwareMode === 'fixed'
        ? 'the fixed accelerator was evaluated'
        : `budget reached (${samples.valid} valid hardware samples, ${samples.invalid} invalid)`;
    case 'max-invalid':
      if (settings.hardwareMode === 'fixed') {
        return 'some layer found no valid schedule on the fixed accelerator within ' +
          `${settings.maxInvalid} invalid points`;
      }
      return `too many invalid points (${samples.invalid} invalid hardware samples, limit ` +
        `${settings.maxInvalid})`;
    case 'input':
      return `the cost model refuses layer ${result.inputProblem?.layer} whatever the design ` +
        '(see the warning)';
    case 'interrupted':
      return 'interrupted';
  }
}

/**
 * The first point the cost model refused as input, said with whom the problem belongs to: a
 * refused layer or accelerator is not a matter of one schedule.
 */
export function describeInputProblem(result: TrialResult): string {
  const problem = result.inputProblem;
  if (problem === undefined) return '';
  const whose = problem.scope === 'layer'
    ? 'the layer itself'
    : problem.scope === 'accelerator' ? 'the accelerator itself' : 'a schedule';
  return `layer ${problem.layer}: ${problem.detail} [a problem of ${whose}]`;
}
