import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseString } from 'fast-csv';
import { z } from 'zod';
import {
  DECLARED_LAYER_KINDS,
  filterFitProblems,
  makeLayer,
  resolveDuplicateNames,
} from './layer.js';
import type { ModelLayer } from './layer.js';

/**
 * User model files: one layer per row, as a JSON array of objects or as CSV.
 *
 * Fields (CSV header names or JSON keys): name, N, K, C, X, Y, R, S, then optional strideX,
 * strideY (default 1) and type (CONV or DSCONV, default CONV; every layer is evaluated as CONV
 * regardless, as in the reference). The filter must fit its input: R <= Y and S <= X. A CSV
 * file may start with a header row naming its columns in any order (it has a column called
 * `name`); without one, columns are read in the order above. CSV lines starting with `#` are
 * comments.
 */

export const MODEL_FILE_FIELDS = [
  'name', 'N', 'K', 'C', 'X', 'Y', 'R', 'S', 'strideX', 'strideY', 'type',
] as const;

type ModelFileField = (typeof MODEL_FILE_FIELDS)[number];

function isModelFileField(name: string): name is ModelFileField {
  return (MODEL_FILE_FIELDS as readonly string[]).includes(name);
}

const positiveWhole = z.number().int().min(1);

const layerRecordSchema = z.strictObject({
  name: z.string().trim().min(1),
  N: positiveWhole,
  K: positiveWhole,
  C: positiveWhole,
  X: positiveWhole,
  Y: positiveWhole,
  R: positiveWhole,
  S: positiveWhole,
  strideX: positiveWhole.default(1),
  strideY: positiveWhole.default(1),
  type: z.enum(['CONV', 'DSCONV']).default('CONV'),
});

export interface ModelFileIssue {
  /** 1-based line of a CSV file, or 1-based entry of a JSON array; 0 for the whole file. */
  readonly row: number;
  /** The field at fault, or '' when the row as a whole is wrong. */
  readonly field: string;
  readonly message: string;
}

export class ModelFileError extends Error {
  readonly code = 'MODEL_FILE_INVALID';

  constructor(
    readonly source: string,
    readonly issues: readonly ModelFileIssue[],
  ) {
    const lines = issues.map((issue) => {
      const where = issue.row === 0 ? '' : `row ${issue.row}`;
      const field = issue.field === '' ? '' : `field "${issue.field}"`;
      const place = [where, field].filter((part) => part !== '').join(', ');
      return `  ${place === '' ? '' : `${place}: `}${issue.message}`;
    });
    // A problem of the whole file (not JSON, a directory, no layer) fits on one line.
    const whole = issues.length === 1 && issues[0].row === 0 && issues[0].field === '';
    super(whole
      ? `model file ${source}: ${issues[0].message}`
      : `model file ${source} is invalid:\n${lines.join('\n')}`);
    this.name = 'ModelFileError';
  }
}

export interface LoadedModel {
  readonly layers: ModelLayer[];
  /** Layer names given more than once; the last row of each won, at the first one's place. */
  readonly replacedNames: string[];
}

/**
 * Names of the layers declared DSCONV. They are evaluated as CONV, as the reference does, which
 * a user who wrote DSCONV may not expect: callers warn with these.
 */
export function declaredDepthwise(layers: readonly ModelLayer[]): string[] {
  return layers.filter((layer) => layer.declaredType === 'DSCONV').map((layer) => layer.name);
}

export type ModelFileFormat = 'json' | 'csv';

/** Reads and validates a model file; the format follows the extension, else the content. */
export async function loadModelFile(file: string): Promise<LoadedModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // A folder is a plain mistake of the user's, not a fault of the tool: say so.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    const message = 'is a directory, not a file';
    throw new ModelFileError(file, [{ row: 0, field: '', message }]);
  }
  const extension = path.extname(file).toLowerCase();
  const format: ModelFileFormat =
    extension === '.json' ? 'json'
      : extension === '.csv' ? 'csv'
        : text.trimStart().startsWith('[') ? 'json' : 'csv';
  return parseModelText(text, format, file);
}

export async function parseModelText(
  text: string,
  format: ModelFileFormat,
  source = '<text>',
): Promise<LoadedModel> {
  const { records, issues } =
    format === 'json' ? jsonRecords(text, source) : await csvRecords(text, source);
  const layers: ModelLayer[] = [];

  // Check every row before failing, so one run reports all mistakes.
  for (const { row, record } of records) {
    const parsed = layerRecordSchema.safeParse(record);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.flatMap((issue) => describeIssue(row, issue, record)));
      continue;
    }
    const { name, N, K, C, X, Y, R, S, strideX, strideY, type } = parsed.data;
    const misfits = filterFitProblems({ N, K, C, X, Y, R, S });
    if (misfits.length > 0) {
      issues.push(...misfits.map(({ field, message }) => ({ row, field, message })));
      continue;
    }
    layers.push(makeLayer({
      name,
      dims: { N, K, C, X, Y, R, S },
      strideX,
      strideY,
      declaredType: type,
    }));
  }

  if (records.length === 0 && issues.length === 0) {
    issues.push({ row: 0, field: '', message: 'contains no layer' });
  }
  if (issues.length > 0) throw new ModelFileError(source, issues.sort((a, b) => a.row - b.row));
  return resolveDuplicateNames(layers);
}

interface NumberedRecord {
  row: number;
  record: unknown;
}

/** Rows ready for the schema, and the problems found while reading them. */
interface ReadRows {
  records: NumberedRecord[];
  issues: ModelFileIssue[];
}

function jsonRecords(text: string, source: string): ReadRows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelFileError(source, [{ row: 0, field: '', message: `not JSON: ${reason}` }]);
  }
  if (!Array.isArray(data)) {
    const message = 'expected a JSON array with one object per layer';
    throw new ModelFileError(source, [{ row: 0, field: '', message }]);
  }
  return { records: data.map((record, index) => ({ row: index + 1, record })), issues: [] };
}

async function csvRecords(text: string, source: string): Promise<ReadRows> {
  const lines = await csvCells(text, source);
  const issues: ModelFileIssue[] = [];
  const records: NumberedRecord[] = [];
  let columns: readonly string[] = MODEL_FILE_FIELDS;
  let sawHeader = false;

  lines.forEach((cells, index) => {
    const row = index + 1;
    const blank = cells.every((cell) => cell === '');
    if (blank || cells[0].startsWith('#')) return;

    // A header is optional: a first row with a column called "name" is one.
    if (!sawHeader && records.length === 0 && cells.includes('name')) {
      sawHeader = true;
      columns = cells;
      for (const column of cells) {
        if (!isModelFileField(column)) {
          const message = `unknown column; allowed columns: ${MODEL_FILE_FIELDS.join(', ')}`;
          issues.push({ row, field: column, message });
        }
      }
      return;
    }

    if (cells.length > columns.length) {
      const message = `has ${cells.length} columns, expected at most ${columns.length} ` +
        `(${columns.join(', ')})`;
      issues.push({ row, field: '', message });
      return;
    }
    const record: Record<string, unknown> = {};
    cells.forEach((cell, column) => {
      // Unknown header columns were reported once at the header; skip their cells.
      const field = columns[column];
      if (cell !== '' && isModelFileField(field)) record[field] = csvValue(field, cell);
    });
    records.push({ row, record });
  });

  return { records, issues };
}

/** Numeric columns become numbers only when they spell one, so bad cells keep their text. */
function csvValue(column: string, cell: string): unknown {
  if (column === 'name' || column === 'type') return cell;
  return /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell) ? Number(cell) : cell;
}

function csvCells(text: string, source: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { trim: true, ignoreEmpty: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', (error: Error) => {
        reject(new ModelFileError(source, [{ row: 0, field: '', message: error.message }]));
      })
      .on('end', () => resolve(rows));
  });
}

const NUMBER_FIELDS: readonly ModelFileField[] = [
  'N', 'K', 'C', 'X', 'Y', 'R', 'S', 'strideX', 'strideY',
];

function describeIssue(
  row: number,
  issue: z.core.$ZodIssue,
  record: unknown,
): ModelFileIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const message = `unknown field; allowed fields: ${MODEL_FILE_FIELDS.join(', ')}`;
    return issue.keys.map((key) => ({ row, field: key, message }));
  }
  if (issue.path.length === 0) {
    const message = `expected an object with fields ${MODEL_FILE_FIELDS.join(', ')}, ` +
      `received ${show(record)}`;
    return [{ row, field: '', message }];
  }

  const field = String(issue.path[0]);
  const received = (record as Record<string, unknown>)[field];
  let expected: string;
  if (received === undefined) {
    expected = 'is required';
  } else if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
    expected = `expected a whole number of at least 1, received ${show(received)}`;
  } else if (field === 'type') {
    expected = `expected one of ${DECLARED_LAYER_KINDS.join(', ')}, received ${show(received)}`;
  } else {
    expected = `expected a non-empty text, received ${show(received)}`;
  }
  return [{ row, field, message: expected }];
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
