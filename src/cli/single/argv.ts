/**
 * Reads a `spotlight single ...` word list (as a sweep builds it for each configuration) into
 * option values, through the same table as the command itself, so a local sweep, a SLURM job
 * and a user typing the words all get the same run.
 */

import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { parseOptions, registerOptions } from '../option-table.js';
import { SINGLE_OPTIONS, type SingleOptionValues } from './options.js';

export function parseSingleArgv(argv: readonly string[]): SingleOptionValues {
  const words = argv[0] === 'single' ? argv.slice(1) : [...argv];
  const command = new Command('single')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerOptions(command, SINGLE_OPTIONS);
  try {
    command.parse(words, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      throw new UsageError([{ where: 'single', value: words.join(' '), message: error.message }]);
    }
    throw error;
  }
  return parseOptions(SINGLE_OPTIONS, command.opts());
}
