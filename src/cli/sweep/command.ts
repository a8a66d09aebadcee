/**
 * The sweep commands: `full-edge` (also `main-edge`), `full-cloud` (`main-cloud`), `ablation`
 * and `general`, the reference's experiment matrices. Each configuration runs as
 * `spotlight single` would; configurations whose results are complete are skipped, so a sweep
 * can be started again after an interruption, here or on SLURM.
 */

import type { Command } from 'commander';
import { createLogger, type Logger } from '../../log/logger.js';
import { progressMode, type Progress } from '../../log/progress.js';
import { DEFAULT_RESULTS_ROOT } from '../../results/layout.js';
import { drawSeed } from '../../search/index.js';
import { formatSubmission, submitSweep, type SubmitOutcome } from '../../slurm/index.js';
import {
  isConfigurationComplete,
  planConfiguration,
  type ConfigurationPlan,
} from '../../sweep/completion.js';
import {
  SWEEPS,
  SWEEP_ALIASES,
  configurationKey,
  sweepCells,
  sweepConfigurations,
  type Configuration,
  type SweepName,
} from '../../sweep/matrix.js';
import { singleArgv, type SingleArgvOptions } from '../../sweep/argv.js';
import { describeSweepSeeds, keepRecordedSeeds } from '../../sweep/seeds.js';
import type { CommandContext } from '../context.js';
import { ResultsFolderError } from '../../results/errors.js';
import { UsageError, formatProblem, type Problem } from '../errors.js';
import { interruptedStatus, watchInterrupts } from '../interrupt.js';
import { parseOptions, registerOptions, type OptionValues } from '../option-table.js';
import { describeWorkers } from '../single/resolve.js';
import { runSweepLocally } from './local.js';
import { SWEEP_OPTIONS } from './options.js';
import { formatSweepSummary, type SweepRow } from './summary.js';

type SweepValues = OptionValues<typeof SWEEP_OPTIONS>;

const DESCRIPTIONS: Readonly<Record<SweepName, string>> = {
  'full-edge': 'Spotlight, Eyeriss, NVDLA and MAERI on the five models, edge scale (Fig. 6)',
  'full-cloud': 'the same at cloud scale (Fig. 7); takes days on one machine',
  ablation: 'Spotlight-GA, -R, -V and -F on the five models, edge scale (Fig. 10)',
  general: 'Spotlight-Multi and Spotlight-General: how tuned accelerators generalise (Fig. 9)',
};

export function registerSweeps(program: Command, context: CommandContext): void {
  for (const sweep of SWEEPS) {
    const aliases = Object.entries(SWEEP_ALIASES)
      .filter(([, name]) => name === sweep)
      .map(([alias]) => alias);
    const command = program
      .command(sweep)
      .aliases(aliases)
      .description(DESCRIPTIONS[sweep])
      .addHelpText('after', helpText(sweep));
    registerOptions(command, SWEEP_OPTIONS);
    command.action(async (raw: Record<string, unknown>) => {
      await runSweep(sweep, parseOptions(SWEEP_OPTIONS, raw), context);
    });
  }
}

async function runSweep(
  sweep: SweepName,
  values: SweepValues,
  context: CommandContext,
): Promise<void> {
  checkCombinations(values);
  const resultsRoot = values.results ?? DEFAULT_RESULTS_ROOT;
  const seed = values.seed ?? drawSeed();
  const matrix = sweepConfigurations(sweep, {
    trials: values.trials,
    seed,
    models: values.models,
    techniques: values.techniques,
  });
  if (matrix.length === 0) {
    const cells = sweepCells(sweep);
    const techniques = [...new Set(cells.map((cell) => cell.technique))].join(', ');
    throw new UsageError([
      {
        where: '--models/--techniques',
        message: `leave no configuration of ${sweep}, whose techniques are ${techniques}`,
      },
    ]);
  }

  let progress: Progress | undefined;
  const quiet = values.quiet === true;
  const log = createLogger({
    level: values.verbose ? 'debug' : quiet ? 'warn' : 'info',
    stream: context.err,
    name: `spotlight ${sweep}`,
    beforeWrite: () => progress?.clear(),
    afterWrite: () => progress?.redraw(),
  });

  // Without --seed, folders that hold a run keep its seed, so they are still recognised as
  // complete (or resumed) when the sweep is started again; the rest get the drawn seed.
  const { configurations, recorded } = values.seed === undefined
    ? await keepRecordedSeeds(matrix, resultsRoot)
    : { configurations: matrix, recorded: [] };
  log.info(describeSweepSeeds(seed, values.seed !== undefined, matrix.length, recorded));

  const argvOptions: SingleArgvOptions = {
    resultsRoot: values.results,
    workers: values.workers,
    extra: [
      ...(values.hwTrials === undefined ? [] : ['--hw-trials', String(values.hwTrials)]),
      ...(values.swTrials === undefined ? [] : ['--sw-trials', String(values.swTrials)]),
      ...(values.force ? ['--force'] : []),
    ],
  };

  if (values.slurm) {
    await submitToSlurm(sweep, values, configurations, argvOptions, log, context);
    return;
  }

  const plans = await Promise.all(configurations.map((c) => planConfiguration(c, argvOptions)));
  if (values.list) {
    context.out.write(formatPlans(plans));
    return;
  }
  refuseUnusableFolders(plans, values.force === true);

  const toRun = plans.filter((plan) => plan.folder.state !== 'complete');
  const skipped = plans.length - toRun.length;
  const { workers, workersIsDefault } = plans[0].resolved;
  log.info(
    `${plans.length} configuration(s): ${toRun.length} to run, ${skipped} complete already; ` +
      `${values.jobs ?? 1} at a time, ${describeWorkers(workers, workersIsDefault)}`,
  );

  const interruption = watchInterrupts(log, () => progress?.clear());
  let ran: SweepRow[];
  try {
    ran = await runSweepLocally({
      plans: toRun,
      jobs: values.jobs ?? 1,
      workers,
      force: values.force === true,
      log,
      progressMode: values.progress === false ? 'off' : progressMode(context.errIsTty, quiet),
      signal: interruption.signal,
      context,
      attachProgress: (current) => {
        progress = current;
      },
    });
  } finally {
    interruption.dispose();
  }

  const byKey = new Map(ran.map((row) => [row.key, row]));
  const rows = plans.map((plan): SweepRow => {
    const key = configurationKey(plan.configuration);
    return byKey.get(key) ?? {
      key,
      state: 'complete',
      trials: `${plan.resolved.trials}/${plan.resolved.trials}`,
      detail: `${plan.resolved.resultsDir} (complete already)`,
    };
  });
  context.out.write(formatSweepSummary(rows));

  if (interruption.received() !== undefined) {
    log.warn('interrupted: run the same command again to continue where it stopped');
    context.setExitStatus(interruptedStatus(interruption.received()));
  } else if (rows.some((row) => row.state === 'failed')) {
    context.setExitStatus(1);
  }
}

/** Options that only make sense together, checked before any work. */
function checkCombinations(values: SweepValues): void {
  const problems: Problem[] = [];
  const slurmOnly = ['partition', 'slurmQueue', 'time', 'sbatchArg', 'dryRun'] as const;
  if (!values.slurm) {
    for (const key of slurmOnly) {
      if (values[key] !== undefined && values[key] !== false) {
        problems.push({ where: flagName(key), message: 'only applies with --slurm' });
      }
    }
  } else {
    if (values.partition === undefined && values.slurmQueue === undefined) {
      problems.push({
        where: '--partition',
        message: 'is required with --slurm; give the partition to submit to (sinfo -s)',
      });
    }
    if (values.partition !== undefined && values.slurmQueue !== undefined &&
        values.partition !== values.slurmQueue) {
      problems.push({
        where: '--slurm-queue',
        value: values.slurmQueue,
        message: `disagrees with --partition "${values.partition}"; give one of them`,
      });
    }
    if (values.list) problems.push({ where: '--list', message: 'cannot be combined with --slurm' });
  }
  if (problems.length > 0) throw new UsageError(problems);
}

function flagName(key: keyof typeof SWEEP_OPTIONS): string {
  return SWEEP_OPTIONS[key].flags.split(/[ ,]+/).find((part) => part.startsWith('--')) ?? key;
}

/**
 * Folders written with other settings (or by another tool) would stop their configuration
 * hours into the sweep; say so for all of them before starting anything.
 */
function refuseUnusableFolders(plans: readonly ConfigurationPlan[], force: boolean): void {
  if (force) return;
  const problems: Problem[] = [];
  for (const plan of plans) {
    const folder = plan.folder;
    if (folder.state === 'mismatch') {
      problems.push({
        where: plan.resolved.resultsDir,
        message: `was written with different settings (${folder.differences.join('; ')})`,
      });
    } else if (folder.state === 'foreign') {
      problems.push({
        where: plan.resolved.resultsDir,
        message: `holds ${folder.files.join(', ')} without run.json (another tool wrote it)`,
      });
    } else if (folder.state === 'unreadable') {
      problems.push({ where: plan.resolved.resultsDir, message: folder.problem });
    }
  }
  if (problems.length > 0) {
    problems.push({
      where: 'results',
      message: 'choose another --results folder, or add --force to overwrite these folders',
    });
    // The command line is fine; the folders are not, so no usage hint follows.
    throw new ResultsFolderError(problems.map(formatProblem).join('\n'));
  }
}

async function submitToSlurm(
  sweep: SweepName,
  values: SweepValues,
  configurations: readonly Configuration[],
  argvOptions: SingleArgvOptions,
  log: Logger,
  context: CommandContext,
): Promise<void> {
  if (values.jobs !== undefined) log.warn('--jobs is ignored with --slurm: each job runs alone');
  const outcomes: SubmitOutcome[] = await submitSweep({
    configurations,
    resultsDir: values.results ?? DEFAULT_RESULTS_ROOT,
    argv: (configuration) => singleArgv(configuration, argvOptions),
    partition: (values.partition ?? values.slurmQueue) as string,
    timeLimit: values.time,
    sbatchArgs: values.sbatchArg,
    dryRun: values.dryRun === true,
    isComplete: (configuration) => isConfigurationComplete(configuration, argvOptions),
    writtenBy: `spotlight ${sweep} --slurm`,
    force: values.force === true,
    logger: log,
  });
  context.out.write(formatSubmission(outcomes, values.results ?? DEFAULT_RESULTS_ROOT));
}

/** --list: what would run, what is complete, and the exact command line of each. */
function formatPlans(plans: readonly ConfigurationPlan[]): string {
  const rows: SweepRow[] = plans.map((plan) => {
    const folder = plan.folder;
    const labels = {
      empty: 'not started',
      partial: 'partial',
      complete: 'complete',
      mismatch: 'other settings',
      foreign: 'foreign files',
      unreadable: 'unreadable',
    } as const;
    const state = labels[folder.state];
    const done =
      folder.state === 'partial' || folder.state === 'complete' ? folder.done.length : 0;
    return {
      key: configurationKey(plan.configuration),
      state,
      trials: `${Math.min(done, plan.resolved.trials)}/${plan.resolved.trials}`,
      detail: `spotlight ${plan.argv.join(' ')}`,
    };
  });
  return formatSweepSummary(rows);
}

function helpText(sweep: SweepName): string {
  return [
    '',
    'Each configuration runs as `spotlight single` and writes',
    '<results>/<Scale>/<Technique>/<Target>/<Model>/; complete ones are skipped.',
    '',
    'Seed: without --seed each configuration whose folder has a run.json keeps the seed',
    'recorded there (so a sweep started again skips or resumes it); the others get one seed',
    'drawn for the sweep, logged so that --seed with it replays them. Every command line',
    '(--list, SLURM batch scripts) carries its seed.',
    '',
    'Examples:',
    `  spotlight ${sweep} --trials 10`,
    `  spotlight ${sweep} --models VGG16,RESNET --techniques Spotlight --jobs 2 --list`,
    `  spotlight ${sweep} --slurm --partition batch --time 12:00:00`,
  ].join('\n');
}
