/**
 * The `spotlight` command: its subcommands, and the translation of every failure into a
 * message and an exit status. Nothing here prints a stack trace for a user's mistake.
 */

import { Command, CommanderError } from 'commander';
import { toolVersion } from '../results/version.js';
import type { CommandContext } from './context.js';
import { SlurmError } from '../slurm/index.js';
import { CliError } from './errors.js';
import { registerCompare } from './compare/command.js';
import { registerEvaluate } from './evaluate/command.js';
import { registerSingle } from './single/command.js';
import { registerStatus } from './status/command.js';
import { registerSweeps } from './sweep/command.js';

/** Status for an error inside the tool itself (EX_SOFTWARE). */
const INTERNAL_ERROR_STATUS = 70;

export function buildProgram(context: CommandContext): Command {
  const program = new Command('spotlight')
    .description(
      'Hardware-software co-design of DL accelerators: Spotlight search over the MAESTRO ' +
        'cost model',
    )
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.out.write(text),
      writeErr: (text) => context.err.write(text),
      outputError: (text, write) => write(`spotlight: ${text}`),
    });

  registerSingle(program, context);
  registerSweeps(program, context);
  registerEvaluate(program, context);
  registerStatus(program, context);
  registerCompare(program, context);

  // Every subcommand reports its own errors through runCli, and never exits the process.
  const exitOverride = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) exitOverride(sub);
  };
  exitOverride(program);
  return program;
}

/** Runs one command line (without `node` and the script) and returns the exit status. */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  let status = 0;
  const tracked: CommandContext = {
    ...context,
    setExitStatus: (value) => {
      status = Math.max(status, value);
      context.setExitStatus(value);
    },
  };

  const program = buildProgram(tracked);
  try {
    await program.parseAsync(normaliseCommandName(program, argv), { from: 'user' });
    return status;
  } catch (error) {
    return Math.max(status, report(error, tracked));
  }
}

/** Prints a failure for a user and returns the status to exit with. */
function report(error: unknown, context: CommandContext): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (unknown option, missing value, ...).
    const quiet = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
    if (quiet.includes(error.code)) return 0;
    return 2;
  }
  if (error instanceof SlurmError) {
    context.err.write(`spotlight: error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof CliError) {
    for (const line of error.message.split('\n')) context.err.write(`spotlight: error: ${line}\n`);
    if (error.code === 'E_USAGE') context.err.write('(add --help for usage)\n');
    return error.exitStatus;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.err.write(
    `spotlight: internal error: ${message}\n` +
      'This is a bug in spotlight, not in your input; please report it with the command line ' +
      'you ran (set SPOTLIGHT_DEBUG=1 to print the stack).\n',
  );
  if (process.env.SPOTLIGHT_DEBUG && error instanceof Error && error.stack) {
    context.err.write(`${error.stack}\n`);
  }
  return INTERNAL_ERROR_STATUS;
}

/**
 * Command names are matched in any letter case (`Main-Edge`, `EVALUATE`), like every other
 * name the tool accepts: the first word that names a command is rewritten to its spelling.
 */
function normaliseCommandName(program: Command, argv: readonly string[]): string[] {
  const words = [...argv];
  const index = words.findIndex((word) => !word.startsWith('-'));
  if (index < 0) return words;
  const wanted = words[index].toLowerCase();
  for (const command of program.commands) {
    const names = [command.name(), ...command.aliases()];
    const hit = names.find((name) => name.toLowerCase() === wanted);
    if (hit !== undefined) {
      words[index] = hit;
      break;
    }
  }
  return words;
}
