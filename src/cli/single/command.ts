/**
 * `spotlight single`: one configuration (model, target, technique, scale) for a number of
 * trials, written to `results/<Scale>/<Technique>/<Target>/<Model>/`.
 */

import type { Command } from 'commander';
import { createLogger, type Logger } from '../../log/logger.js';
import { createProgress, progressMode, type Progress } from '../../log/progress.js';
import { formatExponential } from '../../results/number-format.js';
import {
  createExecutor,
  evaluatePoint,
  streamRng,
} from '../../search/index.js';
import {
  parsePointText,
  PointFormatError,
  softwarePointFromReference,
  softwarePointProblems,
  HARDWARE_LEVELS,
} from '../../space/index.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { interruptedStatus, watchInterrupts } from '../interrupt.js';
import { parseOptions, registerOptions } from '../option-table.js';
import { SINGLE_OPTIONS, type SingleOptionValues } from './options.js';
import {
  describeSeed,
  describeWorkers,
  resolveSingle,
  type ResolvedSingle,
} from './resolve.js';
import { runConfiguration } from './run.js';

export function registerSingle(program: Command, context: CommandContext): void {
  const command = program
    .command('single')
    .description('search one configuration: a model, a target, a technique and a scale')
    .addHelpText(
      'after',
      [
        '',
        'Results: <results>/<Scale>/<Technique>/<Target>/<Model>/ with out.txt, trials.csv,',
        'layers.csv and run.json. Ctrl-C keeps the completed trials; --resume continues.',
        '',
        "Seed: without --seed a run takes the seed recorded in the folder's run.json (so",
        '--resume needs no --seed), or else draws one. The log says which; run.json and',
        'trials.csv record it, and --seed with that value replays the run byte for byte.',
        '',
        'Examples:',
        '  spotlight single --model VGG16 --target EDP --technique Spotlight --scale Edge',
        '  spotlight single -m resnet -t delay --technique eyeriss -s cloud --trials 3',
        '  spotlight single --model VGG16 --target EDP --technique Spotlight --scale Edge \\',
        '    --hw-trials 10 --sw-trials 40 --seed 7 --workers 4',
      ].join('\n'),
    );
  registerOptions(command, SINGLE_OPTIONS);
  command.action(async (raw: Record<string, unknown>) => {
    const values = parseOptions(SINGLE_OPTIONS, raw);
    const resolved = await resolveSingle(values);
    if (resolved.swPoint !== undefined) {
      evaluateGivenPoint(resolved, resolved.swPoint, context);
      return;
    }
    await runSingleCommand(resolved, values, context);
  });
}

async function runSingleCommand(
  resolved: ResolvedSingle,
  values: SingleOptionValues,
  context: CommandContext,
): Promise<void> {
  const quiet = values.quiet === true;
  const mode = values.progress === false ? 'off' : progressMode(context.errIsTty, quiet);
  let progress: Progress | undefined;
  const log = createLogger({
    level: values.verbose ? 'debug' : quiet ? 'warn' : 'info',
    stream: context.err,
    name: 'spotlight single',
    beforeWrite: () => progress?.clear(),
    afterWrite: () => progress?.redraw(),
  });
  progress = createProgress({
    stream: context.err,
    mode,
    targetName: resolved.target,
  });

  logChoices(resolved, log);
  const interruption = watchInterrupts(log, () => progress?.clear());
  const executor = createExecutor(resolved.workers);
  try {
    const outcome = await runConfiguration(resolved, {
      executor,
      log,
      progress,
      signal: interruption.signal,
      command: ['spotlight', ...process.argv.slice(2)],
      resume: values.resume === true,
      force: values.force === true,
    });
    progress.stop();
    const best = outcome.best === undefined
      ? 'no valid accelerator found'
      : `best ${resolved.target} ${formatExponential(outcome.best, 4)}`;
    if (outcome.interrupted) {
      log.warn(
        `interrupted: ${outcome.complete} of ${outcome.requested} trial(s) complete in ` +
          `${outcome.resultsDir}; run the same command with --resume to continue`,
      );
      context.setExitStatus(interruptedStatus(interruption.received()));
    } else {
      log.info(
        `${outcome.complete} of ${outcome.requested} trial(s) complete in ` +
          `${outcome.resultsDir}; ${best}`,
      );
    }
  } finally {
    progress.stop();
    interruption.dispose();
    await executor.close();
  }
}

/** The defaults actually chosen, said once at the start. */
function logChoices(resolved: ResolvedSingle, log: Logger): void {
  const search = resolved.search;
  const hardware = search.hardwareMode === 'fixed'
    ? 'fixed accelerator'
    : `${search.hwTrials} hardware samples`;
  log.info(
    `${resolved.model} (${count(resolved.layers.length, 'layer')}), ${resolved.target}, ` +
      `${resolved.technique}, ${resolved.scale}: ${search.optimizer} optimiser, ${hardware} x ` +
      `${search.swTrials} schedules per layer, dataflow ${search.dataflow}`,
  );
  log.info(
    `${describeSeed(resolved.seed, resolved.seedSource)}, ${resolved.trials} trial(s), ` +
      describeWorkers(resolved.workers, resolved.workersIsDefault),
  );
  log.info(`results: ${resolved.resultsDir}`);
  for (const warning of resolved.warnings) log.warn(warning);
}

/** `1 layer`, `13 layers`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** --hw-point with --sw-point: the cost of one schedule, as the reference prints it. */
function evaluateGivenPoint(resolved: ResolvedSingle, text: string, context: CommandContext): void {
  const layer = resolved.layers[0];
  const hardware = resolved.search.hardwarePoint;
  if (hardware === undefined) {
    throw new Error('internal error in spotlight: a fixed accelerator has no hardware point');
  }
  let software;
  try {
    software = softwarePointFromReference(parsePointText(text));
  } catch (error) {
    if (!(error instanceof PointFormatError)) throw error;
    throw new UsageError([{ where: '--sw-point', value: text, message: error.message }]);
  }
  const problems = softwarePointProblems(software, layer.dims, HARDWARE_LEVELS);
  if (problems.length > 0) {
    throw new UsageError([
      {
        where: '--sw-point',
        value: text,
        message: `does not fit ${layer.name}: ${problems.join('; ')}`,
      },
    ]);
  }

  // The outer directives' random orders come from the seed, printed so it can be replayed.
  const seed = resolved.seed;
  const outcome = evaluatePoint(
    layer,
    hardware,
    software,
    resolved.search,
    streamRng(seed, 'sw-point'),
  );
  const record = outcome.feasible
    ? { layer: layer.name, seed, valid: true, ...outcome.cost, directives: outcome.directives }
    : { layer: layer.name, seed, valid: false, reason: `${outcome.reason}: ${outcome.detail}` };
  context.out.write(`${JSON.stringify(record)}\n`);
}
