/**
 * The options of `spotlight single`, as one table: the run's identity (model, target,
 * technique, scale), its size (trials, budgets), the reference entry point's tuning options,
 * and how the run behaves (workers, results folder, resume, progress).
 *
 * Options left out take the technique's and scale's values, as the reference's run script
 * sets them; an option given overrides them.
 *
 * LIMITATION: not every option of the reference's entry point is here (dump, level-count,
 * third-buffer, printing, exhaustive-search, permutation and stride switches); README lists them.
 */

import type { z } from 'zod';
import { FEATURE_GROUPS } from '../../features/index.js';
import { SCALES, TARGETS, TECHNIQUES } from '../../sweep/names.js';
import {
  QUIET_OPTION,
  switchOption,
  type OptionSpec,
  type OptionValues,
} from '../option-table.js';
import { choice, choiceList, integer, nonEmpty, positiveDecimal } from '../values.js';

/** `--pe-low <n>` and its siblings: one integer bound of a hardware range. */
const bound = (
  flags: string,
  description: string,
  min = 1,
): OptionSpec<z.ZodType<number, string>> => ({ flags, description, schema: integer(min) });

export const SINGLE_OPTIONS = {
  model: {
    flags: '-m, --model <name|file>',
    description:
      'VGG16, RESNET, MOBILENET, MNASNET, TRANSFORMER (any case), comma-separated layer-name ' +
      'prefixes, or a model file (.json or .csv)',
    schema: nonEmpty('a model name or a model file'),
  },
  target: {
    flags: '-t, --target <target>',
    description: 'what to minimise: EDP or Delay',
    schema: choice(TARGETS),
  },
  technique: {
    flags: '--technique <name>',
    description: `search technique or baseline: ${TECHNIQUES.join(', ')}`,
    schema: choice(TECHNIQUES),
  },
  scale: {
    flags: '-s, --scale <scale>',
    description: 'accelerator scale: Edge or Cloud',
    schema: choice(SCALES),
  },
  trials: {
    flags: '-n, --trials <n>',
    description: 'independent trials (default 1)',
    schema: integer(1),
  },
  seed: {
    flags: '--seed <seed>',
    description:
      "base seed; trial i derives its own (default: the one in the results folder's " +
      'run.json, else drawn and logged)',
    schema: integer(0, 2 ** 31 - 1),
  },
  workers: {
    flags: '-w, --workers <n>',
    description: 'worker threads for layer searches; 0 runs inline (default: one per core)',
    schema: integer(0, 1024),
  },
  hwTrials: bound('--hw-trials <n>', 'valid hardware samples per trial (default 100)'),
  swTrials: bound('--sw-trials <n>', 'valid schedules per layer and hardware sample (default 100)'),
  scaleTrials: switchOption(
    '--scale-trials',
    'scale the budgets by the optimiser speed relative to BO (Spotlight-GA/-R do by default)',
  ),
  results: {
    flags: '-r, --results <dir>',
    description: 'results root; the run writes <dir>/<Scale>/<Technique>/<Target>/<Model>/',
    schema: nonEmpty('a folder'),
  },
  resume: switchOption(
    '--resume',
    'keep the completed trials of an interrupted run and run the rest',
  ),
  force: switchOption('--force', 'overwrite a results folder written with other settings'),

  simdLow: bound('--simd-low <n>', 'fewest SIMD lanes'),
  simdHigh: bound('--simd-high <n>', 'most SIMD lanes'),
  simdStep: bound('--simd-step <n>', 'SIMD lane step'),
  precLow: bound('--prec-low <bits>', 'lowest bit precision'),
  precHigh: bound('--prec-high <bits>', 'highest bit precision'),
  precStep: bound('--prec-step <bits>', 'bit precision step'),
  bwLow: bound('--bw-low <n>', 'lowest NoC bandwidth (elements/cycle)'),
  bwHigh: bound('--bw-high <n>', 'highest NoC bandwidth'),
  bwStep: bound('--bw-step <n>', 'NoC bandwidth step'),
  peLow: bound('--pe-low <n>', 'fewest PEs'),
  peHigh: bound('--pe-high <n>', 'most PEs'),
  peStep: bound('--pe-step <n>', 'PE count step'),
  l1Low: bound('--l1-low <KiB>', 'smallest inner (L1) buffer, KiB'),
  l1High: bound('--l1-high <KiB>', 'largest inner (L1) buffer, KiB'),
  l1Step: bound('--l1-step <KiB>', 'inner buffer step, KiB'),
  l2Low: bound('--l2-low <KiB>', 'smallest outer (L2) buffer, KiB'),
  l2High: bound('--l2-high <KiB>', 'largest outer (L2) buffer, KiB'),
  l2Step: bound('--l2-step <KiB>', 'outer buffer step, KiB'),
  maxArea: {
    flags: '--max-area <um2>',
    description: 'area budget in um^2 (Edge 4.3841e9)',
    schema: positiveDecimal(),
  },
  maxPower: {
    flags: '--max-power <mW>',
    description: 'power budget in mW (Edge 1.34877e5)',
    schema: positiveDecimal(),
  },
  maxInvalid: bound('--max-invalid <n>', 'invalid samples before a search gives up'),
  hwBatchSize: bound('--hw-batch-size <n>', 'random hardware candidates ranked per BO batch'),
  swBatchSize: bound('--sw-batch-size <n>', 'random schedules ranked per BO batch'),
  hwBatchTrials: bound('--hw-batch-trials <n>', 'hardware candidates evaluated per BO batch'),
  swBatchTrials: bound('--sw-batch-trials <n>', 'schedules evaluated per BO batch'),
  excludeFeat: {
    flags: '--exclude-feat <groups>',
    description: `software feature groups hidden from BO: ${FEATURE_GROUPS.join(', ')}`,
    schema: choiceList(FEATURE_GROUPS),
  },
  dataflow: {
    flags: '--dataflow <mode>',
    description: 'searched (spatial dims searched) or fixed (eye, shi, dla dataflows)',
    schema: choice(['searched', 'fixed'] as const),
  },
  kernel: {
    flags: '--kernel <kernel>',
    description: 'GP kernel of BO (only linear, as the reference uses)',
    schema: choice(['linear'] as const),
  },
  hwPoint: {
    flags: '--hw-point <point>',
    description:
      "fix the accelerator: a template (eyeriss_edge, nvdla_cloud, MoRV_edp, ...) or a point " +
      "as the reference prints it, e.g. \"{'num_simd_lane':1,...,'subclusters':[16,16]}\"",
    schema: nonEmpty('a hardware template name or point'),
  },
  swPoint: {
    flags: '--sw-point <point>',
    description: 'with --hw-point and a one-layer model: evaluate this schedule only',
    schema: nonEmpty('a software point'),
  },

  progress: switchOption('--no-progress', 'no progress bar or periodic progress lines'),
  quiet: QUIET_OPTION,
  verbose: switchOption('-v, --verbose', 'log every hardware sample (debug level)'),
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type SingleOptionValues = OptionValues<typeof SINGLE_OPTIONS>;

/** The options every single run must be given. */
export const REQUIRED_SINGLE_OPTIONS = ['model', 'target', 'technique', 'scale'] as const;

/**
 * Options that change how a run goes but not what it computes; they stay out of the results
 * folder's fingerprint, so a run can resume with more workers or extend to more trials.
 */
export const RUNTIME_OPTIONS = [
  'trials',
  'workers',
  'results',
  'resume',
  'force',
  'progress',
  'quiet',
  'verbose',
] as const;
