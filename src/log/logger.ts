/**
 * The one logger of the command line. Everything goes to stderr, so stdout carries only
 * results (JSON lines, CSV) and can be piped. Levels have fixed meanings:
 * - debug: each candidate or step, for diagnosing a search;
 * - info: progress and the defaults actually chosen (seed, workers, resolved settings);
 * - warn: input was adjusted or is deprecated, said once, with what was assumed instead;
 * - error: the command cannot do what was asked.
 */

import type { Writable } from 'node:stream';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger whose lines carry `[tag]` after the command name, e.g. a worker id. */
  child(tag: string): Logger;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  /** @default 'info' */
  level?: LogLevel;
  /** @default process.stderr */
  stream?: Writable;
  /** Prefix of every line, e.g. `spotlight single`. @default 'spotlight' */
  name?: string;
  /** Called before each line is written, e.g. to clear a progress bar. */
  beforeWrite?: () => void;
  /** Called after each line, e.g. to redraw a progress bar. */
  afterWrite?: () => void;
}

const RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const stream = options.stream ?? process.stderr;
  const name = options.name ?? 'spotlight';
  const warned = new Set<string>();

  function build(prefix: string): Logger {
    const write = (at: Exclude<LogLevel, 'silent'>, message: string): void => {
      if (RANK[at] < RANK[level]) return;
      // A warning about the same thing is said once per run, however often it happens.
      if (at === 'warn') {
        if (warned.has(message)) return;
        warned.add(message);
      }
      const label = at === 'info' ? '' : `${at}: `;
      options.beforeWrite?.();
      stream.write(`${prefix}: ${label}${message}\n`);
      options.afterWrite?.();
    };
    return {
      level,
      debug: (message) => write('debug', message),
      info: (message) => write('info', message),
      warn: (message) => write('warn', message),
      error: (message) => write('error', message),
      child: (tag) => build(`${prefix} [${tag}]`),
    };
  }

  return build(name);
}

/** A logger that drops everything, for library callers and tests. */
export const SILENT_LOGGER: Logger = createLogger({ level: 'silent' });
