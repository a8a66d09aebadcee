/**
 * out.txt in the reference's layout. Scripts written for the reference (its compare-ae.sh
 * among them) read the third space-separated field of each line containing `opt_hw`, so each
 * trial gets exactly one such line, with the target value there.
 */

import { formatExponential, formatExponentialWidth } from './number-format.js';
import type { CostTotals, TrialRecord } from './records.js';

/** The whole file for the given trials, in trial order. */
export function renderOutTxt(trials: readonly TrialRecord[]): string {
  const blocks = [...trials]
    .sort((a, b) => a.trial - b.trial)
    .map((trial) => renderTrial(trial));
  return blocks.join('');
}

function renderTrial(trial: TrialRecord): string {
  const lines = [`---------- trial ${trial.trial} ----------`, '', optHwLine(trial)];

  // Failure statistics: (count, 'reason') per reason, most frequent first, then the total.
  const reasons = Object.entries(trial.invalidReasons ?? {}).sort(
    ([reasonA, countA], [reasonB, countB]) => countB - countA || (reasonA < reasonB ? 1 : -1),
  );
  for (const [reason, count] of reasons) lines.push(`(${count}, ${pythonRepr(reason)})`);
  lines.push(String(reasons.reduce((sum, [, count]) => sum + count, 0)));
  return `${lines.join('\n')}\n`;
}

/** `opt_hw target <value> edp ... point {...} < sw_result ... | ... > t <seconds> sec`. */
export function optHwLine(trial: TrialRecord): string {
  if (!trial.valid || trial.hardware === null || trial.targetValue === null) {
    return `opt_hw INVALID t ${trial.wallSeconds} sec`;
  }
  const layers = trial.layers
    .map(
      (layer) =>
        `sw_result ${resultString(layer)} sw_point ${pythonRepr(layer.schedule ?? {})}`,
    )
    .join(' | ');
  return (
    `opt_hw target ${formatExponential(trial.targetValue, 4)} ` +
    `${resultString(referenceSums(trial.layers))} ` +
    `point ${pythonRepr(trial.hardware)} < ${layers} > t ${trial.wallSeconds} sec`
  );
}

/**
 * The model's costs as the reference's result line gives them: every field summed over the
 * layers, each layer's energy x delay, area and power included.
 */
function referenceSums(layers: readonly CostTotals[]): CostTotals {
  const sum = (pick: (layer: CostTotals) => number): number =>
    layers.reduce((total, layer) => total + pick(layer), 0);
  return {
    edp: sum((layer) => layer.edp),
    energy: sum((layer) => layer.energy),
    delay: sum((layer) => layer.delay),
    throughput: sum((layer) => layer.throughput),
    area: sum((layer) => layer.area),
    power: sum((layer) => layer.power),
  };
}

/**
 * `edp 1.2345e+10 energy ... power 1.234500e+04`. Power is printed with six decimals, as
 * the reference prints it (its format drops the precision of that one field).
 */
export function resultString(costs: CostTotals): string {
  return [
    `edp ${formatExponential(costs.edp, 4)}`,
    `energy ${formatExponential(costs.energy, 4)}`,
    `delay ${formatExponential(costs.delay, 4)}`,
    `throughput ${formatExponential(costs.throughput, 4)}`,
    `area ${formatExponential(costs.area, 4)}`,
    `power ${formatExponentialWidth(costs.power, 4)}`,
  ].join(' ');
}

/**
 * A Python-literal rendering without spaces, as the reference prints its points:
 * `{'num_simd_lane':16,'subclusters':[9,33]}`. Such text can be passed back as --hw-point.
 */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${pythonRepr(key)}:${pythonRepr(item)}`).join(',')}}`;
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}
