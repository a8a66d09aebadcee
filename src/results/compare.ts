/**
 * The comparison table of the reference's compare-ae.sh: for each target, model and technique
 * of a comparison whose out.txt exists, the minimum, maximum and median of the trials' target
 * values, and the median divided by Spotlight's median for the same target and model.
 *
 * The numbers follow the script exactly: min and max are the values as written in out.txt,
 * the median (of an even count, the mean of the middle two) is printed as `%.3e`, and the
 * ratio is computed from the two printed medians and printed as `%.2f`.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeToString } from 'fast-csv';
import {
  MODELS,
  TARGETS,
  matchName,
  type ModelName,
  type Scale,
  type Target,
  type Technique,
} from '../sweep/names.js';
import { OUT_TXT, resultDir, resultLabel } from './layout.js';
import { formatExponential, formatFixed } from './number-format.js';

export const COMPARISONS = ['Main-Edge', 'Main-Cloud', 'Ablation', 'General'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** The sweep names (`full-edge`) and the reference script's spellings map to comparisons. */
const COMPARISON_ALIASES: Readonly<Record<string, Comparison>> = {
  'full-edge': 'Main-Edge',
  'full-cloud': 'Main-Cloud',
  'main-edge': 'Main-Edge',
  'main-cloud': 'Main-Cloud',
};

export const COMPARISON_HEADER = [
  'Path',
  'Min',
  'Max',
  'Median',
  'Median Normalized to Spotlight',
] as const;

export interface ComparisonPlan {
  readonly scale: Scale;
  /** Spotlight first: every other row is normalised to it. */
  readonly techniques: readonly Technique[];
}

export const COMPARISON_PLANS: Readonly<Record<Comparison, ComparisonPlan>> = {
  'Main-Edge': { scale: 'Edge', techniques: ['Spotlight', 'Eyeriss', 'NVDLA', 'MAERI'] },
  'Main-Cloud': { scale: 'Cloud', techniques: ['Spotlight', 'Eyeriss', 'NVDLA', 'MAERI'] },
  General: {
    scale: 'Edge',
    techniques: ['Spotlight', 'Eyeriss', 'NVDLA', 'MAERI', 'Spotlight-Multi', 'Spotlight-General'],
  },
  Ablation: {
    scale: 'Edge',
    techniques: ['Spotlight', 'Spotlight-GA', 'Spotlight-R', 'Spotlight-V', 'Spotlight-F'],
  },
};

export interface ComparisonRow {
  readonly scale: Scale;
  readonly technique: Technique;
  readonly target: Target;
  readonly model: ModelName;
  /** `Edge/Spotlight/EDP/VGG16`. */
  readonly path: string;
  /** Target values of the valid trials, ascending. */
  readonly values: readonly number[];
  /** As printed: the raw out.txt text for min and max, `%.3e` and `%.2f` for the others. */
  readonly min: string;
  readonly max: string;
  readonly median: string;
  readonly normalised: string;
  /** Median over Spotlight's median, unrounded; undefined without a Spotlight median. */
  readonly ratio: number | undefined;
}

export function matchComparison(raw: string): Comparison | undefined {
  return matchName(COMPARISONS, raw) ?? COMPARISON_ALIASES[raw.trim().toLowerCase()];
}

/** An `opt_hw` line whose target value cannot be used, and why; it is left out. */
export interface SkippedValue {
  readonly file: string;
  /** 1-based line of out.txt. */
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

export interface CompareOptions {
  /** Told of every target value left out (not of `opt_hw INVALID` trials, which are expected). */
  readonly onSkipped?: (skipped: SkippedValue) => void;
}

/** Every row of a comparison, in the script's order: target, then model, then technique. */
export async function compareResults(
  root: string,
  comparison: Comparison,
  options: CompareOptions = {},
): Promise<ComparisonRow[]> {
  const plan = COMPARISON_PLANS[comparison];
  const rows: ComparisonRow[] = [];
  for (const target of TARGETS) {
    for (const model of MODELS) {
      // Unlike the script, a model without Spotlight results gets no ratio, rather than the
      // ratio to the previous model's Spotlight median.
      let spotlightMedian: string | undefined;
      for (const technique of plan.techniques) {
        const at = { scale: plan.scale, technique, target, model };
        const read = await readTargetValues(path.join(resultDir(root, at), OUT_TXT));
        if (read === undefined) continue;
        for (const skipped of read.skipped) options.onSkipped?.(skipped);
        const tokens = read.values;
        if (technique === 'Spotlight') spotlightMedian = medianText(tokens);
        rows.push(summariseRow(at, tokens, spotlightMedian));
      }
    }
  }
  return rows;
}

/** The CSV text of a comparison, header included. */
export function comparisonCsv(rows: readonly ComparisonRow[]): Promise<string> {
  const body = rows.map((row) => [row.path, row.min, row.max, row.median, row.normalised]);
  return writeToString([[...COMPARISON_HEADER], ...body], {
    headers: false,
    includeEndRowDelimiter: true,
  });
}

/**
 * The third space-separated field of each `opt_hw` line of an out.txt, as text; undefined
 * when the file does not exist. Invalid trials (`opt_hw INVALID ...`) have no number there
 * and are left out (the script would sort the word `t` in as a value). A value that is not a
 * finite number above 0 cannot be a design's EDP or delay: it is left out too, and listed in
 * `skipped` so the caller can say so (the script would sort it in, or print an empty row).
 */
export async function readTargetValues(
  file: string,
): Promise<{ values: string[]; skipped: SkippedValue[] } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const values: string[] = [];
  const skipped: SkippedValue[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.includes('opt_hw')) return;
    const fields = line.replace(/ +/g, ' ').split(' ');
    if (fields[1] === 'INVALID') return;
    const field = fields[2];
    const why = unusableValue(field);
    if (why === undefined) values.push(field);
    else skipped.push({ file, line: index + 1, text: field ?? '', why });
  });
  return { values, skipped };
}

/** Why a target value cannot be used, or undefined when it can. */
function unusableValue(field: string | undefined): string | undefined {
  if (field === undefined || field === '') return 'has no target value';
  const value = toNumber(field);
  if (Number.isNaN(value)) return `target value "${field}" is not a number`;
  if (!Number.isFinite(value)) return `target value "${field}" is not finite`;
  if (value <= 0) return `target value "${field}" is not positive`;
  return undefined;
}

function summariseRow(
  at: { scale: Scale; technique: Technique; target: Target; model: ModelName },
  tokens: readonly string[],
  spotlightMedian: string | undefined,
): ComparisonRow {
  const sorted = [...tokens].sort((a, b) => toNumber(a) - toNumber(b));
  const values = sorted.map(toNumber);
  const median = medianText(tokens) ?? '';

  let normalised = '';
  let ratio: number | undefined;
  if (median !== '' && spotlightMedian !== undefined && toNumber(spotlightMedian) !== 0) {
    ratio = toNumber(median) / toNumber(spotlightMedian);
    normalised = formatFixed(ratio, 2);
  }
  return {
    ...at,
    path: resultLabel(at),
    values,
    min: sorted[0] ?? '',
    max: sorted[sorted.length - 1] ?? '',
    median,
    normalised,
    ratio,
  };
}

/** The median as the script prints it (`%.3e`), or undefined without values. */
function medianText(tokens: readonly string[]): string | undefined {
  if (tokens.length === 0) return undefined;
  return formatExponential(middle(tokens.map(toNumber).sort((a, b) => a - b)), 3);
}

/** The median; of an even count, the mean of the two middle values. */
export function middle(sortedValues: readonly number[]): number {
  const count = sortedValues.length;
  if (count % 2 === 1) return sortedValues[(count - 1) / 2];
  return (sortedValues[count / 2 - 1] + sortedValues[count / 2]) / 2;
}

function toNumber(token: string): number {
  const text = token.trim().toLowerCase();
  if (/^[+]?inf(inity)?$/.test(text)) return Infinity;
  if (/^-inf(inity)?$/.test(text)) return -Infinity;
  return text === '' ? Number.NaN : Number(text);
}
