/**
 * trials.csv (one row per trial) and layers.csv (one row per layer per trial), written with
 * fast-csv. Numbers are written in full precision; points and schedules as JSON cells.
 */

import { writeToString } from 'fast-csv';
import type { TrialRecord } from './records.js';

type Cell = string | number | boolean;

const COST_COLUMNS = ['edp', 'energy', 'delay', 'throughput', 'area', 'power'] as const;

/**
 * The hardware point's fields in the order Spotlight lists them. The header does not depend on
 * what the trials hold: a trial without a valid accelerator leaves these cells empty.
 */
const HARDWARE_COLUMNS = [
  'num_simd_lane',
  'bit_width',
  'bandwidth',
  'l0_buf_size',
  'l1_buf_size',
  'subclusters',
] as const;

export function trialsCsv(trials: readonly TrialRecord[]): Promise<string> {
  const headers = [
    'trial',
    'seed',
    'valid',
    'target_value',
    ...COST_COLUMNS,
    ...HARDWARE_COLUMNS,
    'evaluations',
    'wall_seconds',
    'stop_reason',
  ];
  const rows = sortedByTrial(trials).map((trial): Cell[] => [
    trial.trial,
    trial.seed,
    trial.valid,
    cell(trial.targetValue),
    ...COST_COLUMNS.map((column) => cell(trial.totals?.[column])),
    ...HARDWARE_COLUMNS.map((field) => cell(trial.hardware?.[field])),
    trial.evaluations,
    trial.wallSeconds,
    trial.stopReason ?? '',
  ]);
  return toCsv(headers, rows);
}

export function layersCsv(trials: readonly TrialRecord[]): Promise<string> {
  const headers = [
    'trial',
    'layer_index',
    'layer',
    'valid',
    'target_value',
    ...COST_COLUMNS,
    'dataflow',
    'schedule',
  ];
  const rows: Cell[][] = [];
  for (const trial of sortedByTrial(trials)) {
    for (const layer of trial.layers) {
      rows.push([
        trial.trial,
        layer.index,
        layer.name,
        layer.valid,
        layer.targetValue,
        ...COST_COLUMNS.map((column) => layer[column]),
        layer.dataflow ?? '',
        layer.schedule === null ? '' : JSON.stringify(layer.schedule),
      ]);
    }
  }
  return toCsv(headers, rows);
}

function toCsv(headers: string[], rows: Cell[][]): Promise<string> {
  return writeToString([headers, ...rows], {
    headers: false,
    includeEndRowDelimiter: true,
  });
}

function cell(value: unknown): Cell {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}

function sortedByTrial(trials: readonly TrialRecord[]): TrialRecord[] {
  return [...trials].sort((a, b) => a.trial - b.trial);
}
