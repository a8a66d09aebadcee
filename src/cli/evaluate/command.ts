/**
 * `spotlight evaluate`: one cost-model call per case of a JSON-lines file, or one call from
 * flags for a user who wants a single number.
 */

import type { Command } from 'commander';
import { z } from 'zod';
import { LAYER_DIMS, type LayerDim } from '../../../maestro-cost/src/types.js';
import { commandLogger, type CommandContext } from '../context.js';
import { isInputError, loadCostModel } from '../cost-model.js';
import { UsageError, type Problem } from '../errors.js';
import {
  QUIET_OPTION,
  flagOf,
  parseOptions,
  registerOptions,
  type OptionValues,
} from '../option-table.js';
import { choice, integer, integerList } from '../values.js';
import { runCaseFile, summarise } from './cases.js';
import { CaseFieldError, toModelInputs, type EvaluationCase } from './inputs.js';
import { formatResultTable } from './table.js';

const EVALUATE_OPTIONS = {
  cases: {
    flags: '--cases <file>',
    description: 'JSON-lines file of cases in the golden format ("-" reads stdin)',
    schema: z.string().min(1, { message: 'is not accepted; give a file path or -' }),
  },
  dims: {
    flags: '--dims <sizes>',
    description: 'layer sizes, all seven: N=1,K=64,C=3,Y=224,X=224,R=3,S=3',
    schema: dimAssignments(LAYER_DIMS, true),
  },
  strides: {
    flags: '--strides <strides>',
    description: 'strides of X and Y (the only strided dims), e.g. X=2,Y=2 (default 1)',
    schema: dimAssignments(['X', 'Y'], false),
  },
  subClusters: {
    flags: '--sub-clusters <sizes>',
    description: 'sub-cluster sizes, outer level first, e.g. 16,16',
    schema: integerList(1),
  },
  dataflow: {
    flags: '--dataflow <directives>',
    description: 'directive list, e.g. "SK|1,TC|16,TR|3,TS|3,TY|3,TX|3,C,SC|1,TY|3,TX|3"',
    schema: z.string().min(1, { message: 'is not accepted; give a directive list' }),
  },
  bandwidth: {
    flags: '--bandwidth <elements>',
    description: 'NoC bandwidth in elements per cycle',
    schema: integer(1),
  },
  pes: {
    flags: '--pes <n>',
    description: 'PE count (default: product of the sub-cluster sizes)',
    schema: integer(1),
  },
  simdLanes: {
    flags: '--simd-lanes <n>',
    description: 'SIMD lanes (default 1)',
    schema: integer(1),
  },
  bitWidth: {
    flags: '--bit-width <bits>',
    description: 'bits per element (default 8)',
    schema: integer(1),
  },
  bufSizes: {
    flags: '--buf-sizes <bytes>',
    description:
      'per-partition buffer sizes in bytes, outer level first, e.g. 524288,32768; accepted ' +
      'but changes no result: the reference ignores configured buffer sizes (area and energy ' +
      'follow the buffers the mapping needs)',
    schema: integerList(0),
  },
  offchipBandwidth: {
    flags: '--offchip-bandwidth <elements>',
    description: 'off-chip bandwidth in elements per cycle (default 70000, as the reference)',
    schema: integer(1),
  },
  hopLatency: {
    flags: '--hop-latency <cycles>',
    description: 'NoC latency per hop in cycles (default 1, as the reference)',
    schema: integer(0),
  },
  layerType: {
    flags: '--layer-type <type>',
    description: 'layer type; only CONV, as the reference sends every layer',
    schema: choice(['CONV'] as const),
  },
  json: { flags: '--json', description: 'print JSON instead of a table', schema: z.boolean() },
  metrics: {
    flags: '--metrics',
    description: "also print the model's full metric set",
    schema: z.boolean(),
  },
  quiet: QUIET_OPTION,
} as const;

type EvaluateValues = OptionValues<typeof EVALUATE_OPTIONS>;

const LAYER_FLAG_KEYS = [
  'dims',
  'strides',
  'subClusters',
  'dataflow',
  'bandwidth',
  'pes',
  'simdLanes',
  'bitWidth',
  'bufSizes',
  'offchipBandwidth',
  'hopLatency',
  'layerType',
] as const;

export function registerEvaluate(program: Command, context: CommandContext): void {
  const command = program
    .command('evaluate')
    .description('evaluate layers on an accelerator with the MAESTRO cost model')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  spotlight evaluate --cases ../shared/golden/maestro-cases.jsonl > out.jsonl',
        '  spotlight evaluate --dims N=1,K=64,C=64,Y=56,X=56,R=3,S=3 --sub-clusters 16,16 \\',
        '    --bandwidth 64 --dataflow "SK|1,TC|16,TR|3,TS|3,TY|3,TX|3,C,SC|1,TY|3,TX|3,TR|3,TS|3"',
      ].join('\n'),
    );
  registerOptions(command, EVALUATE_OPTIONS);
  command.action(async (raw: Record<string, unknown>) => {
    const values = parseOptions(EVALUATE_OPTIONS, raw);
    if (values.cases !== undefined) await evaluateCases(values, context);
    else await evaluateOneLayer(values, context);
  });
}

async function evaluateCases(values: EvaluateValues, context: CommandContext): Promise<void> {
  const given = LAYER_FLAG_KEYS.filter((key) => values[key] !== undefined);
  if (given.length > 0) {
    throw new UsageError(
      given.map((key) => ({
        where: flagOf(EVALUATE_OPTIONS, key),
        message: 'cannot be combined with --cases (the cases file gives every layer)',
      })),
    );
  }

  const file = values.cases as string;
  const log = commandLogger(context, 'evaluate', { quiet: values.quiet === true });
  const model = await loadCostModel();
  let summary;
  try {
    summary = await runCaseFile(model, file, {
      out: context.out,
      err: context.err,
      metrics: values.metrics === true,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new UsageError([{ where: '--cases', value: file, message: readProblem(code) }]);
    }
    throw error;
  }

  log.info(`${summary.evaluated} case(s) evaluated, ${summary.rejected} line(s) rejected`);
  if (summary.rejected > 0) context.setExitStatus(1);
}

async function evaluateOneLayer(values: EvaluateValues, context: CommandContext): Promise<void> {
  const required = ['dims', 'subClusters', 'dataflow', 'bandwidth'] as const;
  const missing: Problem[] = required
    .filter((key) => values[key] === undefined)
    .map((key) => ({
      where: flagOf(EVALUATE_OPTIONS, key),
      // The description says what the flag takes (with its own example).
      message: `is required to evaluate one layer (or give --cases FILE): ${
        EVALUATE_OPTIONS[key].description
      }`,
    }));
  if (missing.length > 0) throw new UsageError(missing);

  const evaluationCase: EvaluationCase = {
    id: 'layer',
    layer: { dims: values.dims as Record<LayerDim, number>, strides: values.strides },
    maestro: {
      layerType: values.layerType,
      numPes: values.pes,
      simdLanes: values.simdLanes ?? 1,
      bitWidth: values.bitWidth ?? 8,
      bandwidth: values.bandwidth as number,
      bufSizes: values.bufSizes,
      subClusters: values.subClusters as number[],
      dataflow: values.dataflow as string,
      offchipBandwidth: values.offchipBandwidth,
      hopLatency: values.hopLatency,
    },
  };

  const model = await loadCostModel();
  let record: Record<string, unknown>;
  try {
    const { layer, accelerator, mapping } = toModelInputs(model, evaluationCase);
    const result = model.evaluate(layer, accelerator, mapping);
    record = summarise('layer', result, values.metrics === true);
  } catch (error) {
    if (error instanceof CaseFieldError || isInputError(error)) {
      throw new UsageError([
        {
          where: whereForField(error.field),
          value: String(error.value),
          message: `is not accepted; allowed: ${error.allowed}`,
        },
      ]);
    }
    throw error;
  }

  delete record.id;
  if (values.json) context.out.write(`${JSON.stringify(record)}\n`);
  else context.out.write(formatResultTable(evaluationCase, record));
}

/**
 * The flag that sets a model input field, so an error names what the user typed:
 * `--dataflow (mapping.directives[3])`.
 */
function whereForField(field: string): string {
  const head = /^[A-Za-z]+/.exec(field.replace(/^(maestro|layer|accelerator)\./, ''))?.[0] ?? '';
  const byField: Record<string, string> = {
    dims: '--dims',
    strides: '--strides',
    numPes: '--pes',
    simdLanes: '--simd-lanes',
    bitWidth: '--bit-width',
    bandwidth: '--bandwidth',
    bufSizes: '--buf-sizes',
    subClusters: '--sub-clusters',
    dataflow: '--dataflow',
    directives: '--dataflow',
    mapping: '--dataflow',
    offchipBandwidth: '--offchip-bandwidth',
    hopLatency: '--hop-latency',
    layerType: '--layer-type',
  };
  const flag = (LAYER_DIMS as readonly string[]).includes(head) ? '--dims' : byField[head];
  if (flag === undefined) return field;
  return flag === `--${field}` ? flag : `${flag} (${field})`;
}

function readProblem(code: string): string {
  if (code === 'ENOENT') return 'does not exist; give a JSON-lines file of cases';
  if (code === 'EISDIR') return 'is a folder; give a JSON-lines file of cases';
  return 'cannot be read (permission denied)';
}

/**
 * `N=1,K=64,...` over `dims`: every one of them when `all`, else any subset; sizes are
 * positive integers. A dim outside `dims` is refused rather than silently ignored.
 */
function dimAssignments(
  dims: readonly LayerDim[],
  all: boolean,
): z.ZodType<Partial<Record<LayerDim, number>>, string> {
  const example = all ? 'N=1,K=64,C=3,Y=224,X=224,R=3,S=3' : 'X=2,Y=2';
  return z.string().transform((raw, ctx) => {
    const sizes: Partial<Record<LayerDim, number>> = {};
    const bad: string[] = [];
    for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const match = /^([A-Za-z])\s*=\s*(\d+)$/.exec(part);
      const dim = match?.[1].toUpperCase() as LayerDim | undefined;
      const size = match ? Number(match[2]) : Number.NaN;
      if (dim === undefined || !dims.includes(dim) || !(size >= 1) || dim in sizes) {
        bad.push(part);
        continue;
      }
      sizes[dim] = size;
    }
    const absent = all ? dims.filter((dim) => !(dim in sizes)) : [];
    if (bad.length === 0 && absent.length === 0 && Object.keys(sizes).length > 0) return sizes;
    const what = [
      bad.length > 0 ? `has unusable ${bad.map((b) => `"${b}"`).join(', ')}` : '',
      absent.length > 0 ? `misses ${absent.join(', ')}` : '',
    ].filter((s) => s !== '').join(' and ') || 'is empty';
    ctx.addIssue({
      code: 'custom',
      message: `${what}; give DIM=SIZE pairs over ${dims.join(', ')} with positive ` +
        `integer sizes, e.g. ${example}`,
    });
    return z.NEVER;
  });
}
