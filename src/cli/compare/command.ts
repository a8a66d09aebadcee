/**
 * `spotlight compare`: the reference's compare-ae.sh table from a results folder, as CSV on
 * stdout or in a file, and optionally as an SVG bar chart.
 */

import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../results/atomic-write.js';
import {
  COMPARISONS,
  COMPARISON_PLANS,
  compareResults,
  comparisonCsv,
  matchComparison,
  type Comparison,
} from '../../results/compare.js';
import { DEFAULT_RESULTS_ROOT } from '../../results/layout.js';
import { comparisonSvg } from '../../results/plot-svg.js';
import { commandLogger, type CommandContext } from '../context.js';
import { UsageError, type Problem } from '../errors.js';
import { QUIET_OPTION, parseOptions, registerOptions } from '../option-table.js';
import { acceptedList } from '../values.js';

const SPELLINGS = `${acceptedList(COMPARISONS)}, or full-edge, full-cloud, main-edge, main-cloud`;

const comparisonName = z.string().transform((raw, ctx) => {
  const hit = matchComparison(raw);
  if (hit !== undefined) return hit;
  ctx.addIssue({ code: 'custom', message: `is not accepted; use one of ${SPELLINGS}` });
  return z.NEVER;
});

const path_ = z.string().min(1, { message: 'is not accepted; give a path' });

const COMPARE_OPTIONS = {
  comparison: {
    flags: '-c, --comparison <name>',
    description: 'Main-Edge, Main-Cloud, Ablation or General (or give it as the argument)',
    schema: comparisonName,
  },
  results: {
    flags: '-r, --results <dir>',
    description: `results folder (default ${DEFAULT_RESULTS_ROOT})`,
    schema: path_,
  },
  out: {
    flags: '-o, --out <file>',
    description: 'write the CSV here, not to stdout',
    schema: path_,
  },
  plot: {
    flags: '-p, --plot <file>',
    description: 'also draw the normalised medians as an SVG bar chart',
    schema: path_,
  },
  quiet: QUIET_OPTION,
} as const;

export function registerCompare(program: Command, context: CommandContext): void {
  const command = program
    .command('compare')
    .argument('[comparison]', 'Main-Edge, Main-Cloud, Ablation or General (any letter case)')
    .description("summarise results as the reference's compare-ae.sh does (CSV, optional SVG)")
    .addHelpText(
      'after',
      [
        '',
        'Rows: for each target (EDP, Delay), model and technique with an out.txt:',
        '  Path,Min,Max,Median,Median Normalized to Spotlight',
        '',
        'Examples:',
        '  spotlight compare main-edge',
        '  spotlight compare --comparison Ablation --results results --out ablation.csv \\',
        '    --plot ablation.svg',
      ].join('\n'),
    );
  registerOptions(command, COMPARE_OPTIONS);
  command.action(async (positional: string | undefined, raw: Record<string, unknown>) => {
    const values = parseOptions(COMPARE_OPTIONS, raw);
    const comparison = pickComparison(positional, values.comparison);
    await refuseMissingFolders({ '--out': values.out, '--plot': values.plot });
    const log = commandLogger(context, 'compare', { quiet: values.quiet === true });
    const root = values.results ?? DEFAULT_RESULTS_ROOT;

    const rows = await compareResults(root, comparison, {
      onSkipped: ({ file, line, why }) => log.warn(`${file}, line ${line}: ${why}; left out`),
    });
    if (rows.length === 0) {
      log.warn(
        `no ${COMPARISON_PLANS[comparison].scale} results of ${comparison}'s techniques under ` +
          `${root}; the CSV has only its header`,
      );
    }
    const csv = await comparisonCsv(rows);
    if (values.out === undefined) context.out.write(csv);
    else await writeFileAtomic(values.out, csv);

    if (values.plot !== undefined) {
      await writeFileAtomic(
        values.plot,
        comparisonSvg(comparison, COMPARISON_PLANS[comparison].techniques, rows),
      );
      log.info(`chart written to ${values.plot}`);
    }
    if (values.out !== undefined) log.info(`${rows.length} row(s) written to ${values.out}`);
  });
}

function pickComparison(
  positional: string | undefined,
  option: Comparison | undefined,
): Comparison {
  let fromArgument: Comparison | undefined;
  if (positional !== undefined) {
    fromArgument = matchComparison(positional);
    if (fromArgument === undefined) {
      throw new UsageError([
        {
          where: 'comparison',
          value: positional,
          message: `is not accepted; use one of ${SPELLINGS}`,
        },
      ]);
    }
  }
  if (fromArgument !== undefined && option !== undefined && fromArgument !== option) {
    throw new UsageError([
      {
        where: '--comparison',
        value: option,
        message: `disagrees with the argument "${positional}"; give the comparison once`,
      },
    ]);
  }
  const chosen = option ?? fromArgument;
  if (chosen === undefined) {
    throw new UsageError([
      { where: 'comparison', message: `is missing; give one of ${SPELLINGS}` },
    ]);
  }
  return chosen;
}

/**
 * An output whose folder does not exist is most likely a typo in the path: refuse it, rather
 * than create folders the user did not ask for.
 */
async function refuseMissingFolders(outputs: Record<string, string | undefined>): Promise<void> {
  const problems: Problem[] = [];
  for (const [flag, file] of Object.entries(outputs)) {
    if (file === undefined) continue;
    const folder = path.dirname(path.resolve(file));
    const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
    if (!isFolder) {
      problems.push({
        where: flag,
        value: file,
        message: `cannot be written: the folder ${folder} does not exist; create it first`,
      });
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
}
