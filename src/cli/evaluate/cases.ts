/**
 * `spotlight evaluate --cases FILE`: one JSON line out per JSON line in. A line that cannot be
 * evaluated is reported on stderr with its line number and field, and the rest go on.
 */

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import type { CostResult } from '../../../maestro-cost/src/types.js';
import { isInputError, type CostModel } from '../cost-model.js';
import { CaseFieldError, caseSchema, issuePath, toModelInputs } from './inputs.js';

export interface CaseRunOptions {
  readonly out: Writable;
  readonly err: Writable;
  /** Add the model's full metric set to each line. */
  readonly metrics: boolean;
}

export interface CaseRunSummary {
  readonly evaluated: number;
  /** Lines refused (malformed JSON, a missing or mistyped field, input the model rejects). */
  readonly rejected: number;
}

/** Output lines are gathered and written in blocks: one write per case is slow on a pipe. */
const LINES_PER_WRITE = 256;

export async function runCaseFile(
  model: CostModel,
  file: string,
  options: CaseRunOptions,
): Promise<CaseRunSummary> {
  const input: Readable = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let pending: string[] = [];
  let lineNumber = 0;
  let evaluated = 0;
  let rejected = 0;
  // Output lines are told apart by id only, so a repeated id is worth a warning.
  const firstLineOfId = new Map<string, number>();

  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;

    const { id, outcome } = evaluateLine(model, line, options.metrics);
    if (id !== undefined) {
      const first = firstLineOfId.get(id);
      if (first === undefined) firstLineOfId.set(id, lineNumber);
      else {
        options.err.write(
          `spotlight evaluate: ${file}, line ${lineNumber}: warning: id ${JSON.stringify(id)} ` +
            `was used on line ${first} already; their output lines cannot be told apart\n`,
        );
      }
    }
    if (typeof outcome === 'string') {
      rejected += 1;
      options.err.write(`spotlight evaluate: ${file}, line ${lineNumber}: ${outcome}\n`);
      continue;
    }
    evaluated += 1;
    pending.push(JSON.stringify(outcome));
    if (pending.length >= LINES_PER_WRITE) {
      options.out.write(`${pending.join('\n')}\n`);
      pending = [];
    }
  }
  if (pending.length > 0) options.out.write(`${pending.join('\n')}\n`);
  return { evaluated, rejected };
}

/**
 * The output record of one line, or a message saying which field is wrong; with the line's id
 * when it has a usable one.
 */
function evaluateLine(
  model: CostModel,
  line: string,
  withMetrics: boolean,
): { id?: string; outcome: Record<string, unknown> | string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { outcome: `not valid JSON (${(error as Error).message})` };
  }

  const parsed = caseSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `field ${issuePath(issue.path)}: ${explain(issue)}`)
      .join('; ');
    return { id: idOf(json), outcome: problems };
  }

  const id = parsed.data.id;
  try {
    const { layer, accelerator, mapping } = toModelInputs(model, parsed.data);
    return { id, outcome: summarise(id, model.evaluate(layer, accelerator, mapping), withMetrics) };
  } catch (error) {
    if (error instanceof CaseFieldError) {
      return { id, outcome: `case ${id}: field ${error.message}` };
    }
    if (isInputError(error)) {
      const outcome = `case ${id}: field ${error.field} ${JSON.stringify(error.value)} is not ` +
        `accepted; allowed: ${error.allowed}`;
      return { id, outcome };
    }
    throw error;
  }
}

/** The id of a line that failed validation elsewhere, when it has one. */
function idOf(json: unknown): string | undefined {
  const id = (json as { id?: unknown } | null)?.id;
  return (typeof id === 'string' && id !== '') || typeof id === 'number' ? String(id) : undefined;
}

/**
 * The printed record of a result. JSON has no NaN or Infinity, so a non-finite number (which
 * the model should never return) is printed as null rather than breaking the line.
 */
export function summarise(
  id: string,
  result: CostResult,
  withMetrics: boolean,
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id,
    valid: result.valid,
    delay: finiteOrNull(result.delay),
    energy: finiteOrNull(result.energy),
    area: finiteOrNull(result.area),
    power: finiteOrNull(result.power),
    throughput: finiteOrNull(result.throughput),
  };
  if (!result.valid) record.reason = result.reason ?? 'the model gave no reason';
  if (withMetrics) record.metrics = result.metrics;
  return record;
}

/** zod's message, said as `is missing` for an absent field, with the value when there was one. */
function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `is missing (expected ${issue.expected})`;
  }
  // A field that may take several types (`id`: text or number) fails as a union.
  if (issue.code === 'invalid_union' && issue.input === undefined) {
    const expected = issue.errors.flat()
      .flatMap((branch) => (branch.code === 'invalid_type' ? [branch.expected] : []));
    const types = [...new Set(expected)];
    return types.length === 0 ? 'is missing' : `is missing (expected ${types.join(' or ')})`;
  }
  if (issue.input === undefined) return issue.message;
  return `${issue.message} (got ${JSON.stringify(issue.input)})`;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
