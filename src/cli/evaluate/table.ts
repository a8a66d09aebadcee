/**
 * The readable answer of `spotlight evaluate` for one layer: the inputs echoed back, then the
 * five numbers with their units, in full precision.
 */

import type { EvaluationCase } from './inputs.js';

const UNITS: Readonly<Record<string, string>> = {
  delay: 'cycles',
  energy: "x one MAC's energy",
  area: 'um^2',
  power: 'mW',
  throughput: 'MACs/cycle',
};

export function formatResultTable(
  evaluationCase: EvaluationCase,
  record: Readonly<Record<string, unknown>>,
): string {
  const { layer, maestro } = evaluationCase;
  const rows: [string, string][] = [];
  rows.push(['layer', Object.entries(layer.dims).map(([d, n]) => `${d}=${n}`).join(' ')]);
  const strides = Object.entries(layer.strides ?? {}).filter(([, n]) => n !== 1);
  if (strides.length > 0) rows.push(['strides', strides.map(([d, n]) => `${d}=${n}`).join(' ')]);
  rows.push(['sub-clusters', maestro.subClusters.join(' x ')]);
  rows.push(['dataflow', maestro.dataflow]);
  rows.push(['', '']);

  rows.push(['valid', record.valid === true ? 'yes' : 'no']);
  if (typeof record.reason === 'string') rows.push(['reason', record.reason]);
  for (const key of ['delay', 'energy', 'area', 'power', 'throughput']) {
    rows.push([key, `${readable(record[key])} ${UNITS[key]}`]);
  }

  const metrics = record.metrics as Record<string, number> | undefined;
  if (metrics !== undefined) {
    rows.push(['', '']);
    for (const [name, value] of Object.entries(metrics)) rows.push([name, readable(value)]);
  }

  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `${label.padEnd(width)}  ${text}`.trimEnd()).join('\n') + '\n';
}

/**
 * Every digit the number has: integers with thousands separators (exact), other numbers as the
 * shortest text that reads back to the same number. Rounding here would print a value such as
 * 10,137,309.86 as `10,137,300`, which looks exact and is not.
 */
function readable(value: unknown): string {
  if (typeof value !== 'number') return 'n/a';
  if (Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  return String(value);
}
