/**
 * The options of the sweep commands (`full-edge`, `full-cloud`, `ablation`, `general`): the
 * matrix filters, what every configuration's run gets, local parallelism, and submission to
 * SLURM instead of running here.
 */

import { z } from 'zod';
import { MODELS, TECHNIQUES } from '../../sweep/names.js';
import { QUIET_OPTION, switchOption, type OptionSpec } from '../option-table.js';
import { SINGLE_OPTIONS } from '../single/options.js';
import { choiceList, integer, nonEmpty } from '../values.js';

export const SWEEP_OPTIONS = {
  trials: {
    ...SINGLE_OPTIONS.trials,
    description: 'independent trials per configuration (default 1)',
  },
  seed: {
    ...SINGLE_OPTIONS.seed,
    description:
      "base seed of every configuration (default: the one in a configuration's run.json, " +
      'else one drawn for the sweep and logged)',
  },
  models: {
    flags: '--models <list>',
    description: `only these models, comma-separated: ${MODELS.join(', ')}`,
    schema: choiceList(MODELS),
  },
  techniques: {
    flags: '--techniques <list>',
    description: 'only these techniques, comma-separated (e.g. Spotlight,Eyeriss)',
    schema: choiceList(TECHNIQUES),
  },
  jobs: {
    flags: '-j, --jobs <n>',
    description: 'configurations run at once here, sharing the workers (default 1)',
    schema: integer(1, 256),
  },
  workers: SINGLE_OPTIONS.workers,
  results: SINGLE_OPTIONS.results,
  hwTrials: SINGLE_OPTIONS.hwTrials,
  swTrials: SINGLE_OPTIONS.swTrials,
  force: switchOption('--force', 'overwrite results folders written with other settings'),
  list: switchOption(
    '--list',
    'list the configurations, their state and command lines; run nothing',
  ),

  slurm: switchOption('--slurm', 'submit one SLURM job per configuration instead of running here'),
  partition: {
    flags: '--partition <name>',
    description: 'SLURM partition to submit to (with --slurm; --slurm-queue is the same)',
    schema: nonEmpty('a partition name (sinfo -s lists them)'),
  },
  slurmQueue: {
    flags: '--slurm-queue <name>',
    description: "the reference script's name for --partition",
    schema: nonEmpty('a partition name (sinfo -s lists them)'),
  },
  time: {
    flags: '--time <limit>',
    description: 'time limit of every job (default 8 h edge, 48 h cloud, 1 h Eyeriss/NVDLA)',
    schema: nonEmpty('a SLURM time limit such as 08:00:00 or 2-00:00:00'),
  },
  sbatchArg: {
    flags: '--sbatch-arg <option>',
    description: 'extra sbatch option for every job, repeatable (e.g. --sbatch-arg=--mem=8G)',
    schema: z.array(z.string()),
    repeatable: true,
  },
  dryRun: switchOption('--dry-run', 'with --slurm: write the batch scripts, submit nothing'),

  progress: SINGLE_OPTIONS.progress,
  quiet: QUIET_OPTION,
  verbose: SINGLE_OPTIONS.verbose,
} as const satisfies Readonly<Record<string, OptionSpec>>;
