/**
 * `spotlight status`: the state of every configuration of a sweep submitted to SLURM (pending,
 * running, done, failed), from the scheduler where it answers and from the results folder.
 */

import type { Command } from 'commander';
import { z } from 'zod';
import { createLogger } from '../../log/logger.js';
import { DEFAULT_RESULTS_ROOT } from '../../results/layout.js';
import { formatStatus, resultsComplete, sweepStatus } from '../../slurm/index.js';
import { SWEEPS, matchSweep, sweepConfigurations, type SweepName } from '../../sweep/matrix.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { QUIET_OPTION, parseOptions, registerOptions } from '../option-table.js';
import { SWEEP_OPTIONS } from '../sweep/options.js';

const STATUS_OPTIONS = {
  results: SWEEP_OPTIONS.results,
  models: SWEEP_OPTIONS.models,
  techniques: SWEEP_OPTIONS.techniques,
  quiet: QUIET_OPTION,
  json: { flags: '--json', description: 'one JSON line per configuration', schema: z.boolean() },
} as const;

export function registerStatus(program: Command, context: CommandContext): void {
  const command = program
    .command('status')
    .argument('[sweep]', `list this sweep's configurations (${SWEEPS.join(', ')})`)
    .description('state of each configuration of a SLURM sweep: pending, running, done, failed')
    .addHelpText(
      'after',
      [
        '',
        'Without a sweep, lists every configuration submitted from the results folder, then',
        'every other configuration folder found in it (local runs), with the state its files',
        'give; --models and --techniques filter either list.',
        '',
        'Examples:',
        '  spotlight status',
        '  spotlight status full-edge --results results --models VGG16',
      ].join('\n'),
    );
  registerOptions(command, STATUS_OPTIONS);
  command.action(async (sweepWord: string | undefined, raw: Record<string, unknown>) => {
    const values = parseOptions(STATUS_OPTIONS, raw);
    let sweep: SweepName | undefined;
    if (sweepWord !== undefined) {
      sweep = matchSweep(sweepWord);
      if (sweep === undefined) {
        throw new UsageError([
          {
            where: 'sweep',
            value: sweepWord,
            message: `is not accepted; use one of ${SWEEPS.join(', ')}, main-edge, main-cloud`,
          },
        ]);
      }
    }
    const root = values.results ?? DEFAULT_RESULTS_ROOT;
    const log = createLogger({
      level: values.quiet ? 'warn' : 'info',
      stream: context.err,
      name: 'spotlight status',
    });
    const all = await sweepStatus({
      resultsDir: root,
      configurations:
        sweep === undefined
          ? undefined
          : sweepConfigurations(sweep, { models: values.models, techniques: values.techniques }),
      isComplete: resultsComplete(root),
      logger: log,
    });
    // A sweep's list is filtered already; the found folders are filtered here.
    const rows = all.filter(({ configuration: c }) =>
      (values.models === undefined || values.models.some((m) => sameName(m, c.model))) &&
      (values.techniques === undefined ||
        values.techniques.some((t) => sameName(t, c.technique))));
    if (values.json) {
      for (const row of rows) context.out.write(`${JSON.stringify(row)}\n`);
    } else {
      context.out.write(formatStatus(rows));
    }
  });
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
