/**
 * What every command receives from `main`: where to write, and how to make its logger. Tests
 * drive the commands in-process through this instead of the real streams.
 */

import type { Writable } from 'node:stream';
import { createLogger, type Logger, type LogLevel } from '../log/logger.js';

export interface CommandContext {
  /** Results: JSON lines, CSV, tables. */
  readonly out: Writable;
  /** Logs, progress and error messages. */
  readonly err: Writable;
  /** True when `err` is a terminal, so a redrawn progress bar can be used. */
  readonly errIsTty: boolean;
  /** Sets the process exit status without throwing (e.g. some lines of a file were bad). */
  setExitStatus(status: number): void;
}

export function commandLogger(
  context: CommandContext,
  command: string,
  options: { quiet?: boolean; verbose?: boolean } = {},
): Logger {
  let level: LogLevel = 'info';
  if (options.quiet) level = 'warn';
  if (options.verbose) level = 'debug';
  return createLogger({ level, stream: context.err, name: `spotlight ${command}` });
}

export function processContext(): CommandContext {
  return {
    out: process.stdout,
    err: process.stderr,
    errIsTty: process.stderr.isTTY === true,
    setExitStatus: (status) => {
      if (status > Number(process.exitCode ?? 0)) process.exitCode = status;
    },
  };
}
