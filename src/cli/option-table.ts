/**
 * A command's options as one typed table: each entry gives the commander flag syntax, the help
 * text and the zod schema that converts the typed string. Commander only collects strings;
 * every conversion and check happens here, so all problems are reported together.
 */

import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError, type Problem } from './errors.js';

export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  /** Commander syntax: `--hw-trials <n>`, or `--force` for a switch. */
  readonly flags: string;
  readonly description: string;
  /**
   * Converts the string commander collected (`true` for a switch, every value in order for a
   * repeatable option).
   */
  readonly schema: S;
  /** The option may be given several times (`--sbatch-arg A --sbatch-arg B`). */
  readonly repeatable?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Converted values; an option the user did not give is undefined. */
export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]: z.output<T[K]['schema']> | undefined;
};

/** Adds every option of the table to a command. */
export function registerOptions(command: Command, table: OptionTable): Command {
  for (const [key, spec] of Object.entries(table)) {
    if (spec.repeatable) {
      const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
      command.option(spec.flags, spec.description, collect);
    } else {
      command.option(spec.flags, spec.description);
    }
    const registered = command.options[command.options.length - 1];
    if (registered.attributeName() !== key) {
      // The table key must be the name commander stores the value under, or the value is lost.
      throw new Error(
        `internal error in spotlight: option ${spec.flags} is stored as ` +
          `${registered.attributeName()}, but its table key is ${key}`,
      );
    }
  }
  return command;
}

/** Converts every option commander collected; throws a UsageError listing all problems. */
export function parseOptions<T extends OptionTable>(
  table: T,
  raw: Readonly<Record<string, unknown>>,
): OptionValues<T> {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [key, spec] of Object.entries(table)) {
    const given = raw[key];
    if (given === undefined) continue;
    const parsed = spec.schema.safeParse(given);
    if (parsed.success) {
      values[key] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      problems.push({
        where: longFlag(spec.flags),
        value: typeof given === 'string' ? given : undefined,
        message: issue.message,
      });
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
  return values as OptionValues<T>;
}

/** An option without a value. */
export function switchOption(flags: string, description: string): OptionSpec<z.ZodBoolean> {
  return { flags, description, schema: z.boolean() };
}

/** `-q, --quiet`, shared by every command that logs. */
export const QUIET_OPTION = {
  flags: '-q, --quiet',
  description: 'print warnings and errors only',
  schema: z.boolean(),
} as const satisfies OptionSpec;

/** `--hw-trials` from `-t, --hw-trials <n>`. */
export function longFlag(flags: string): string {
  const long = flags.split(/[ ,|]+/).find((part) => part.startsWith('--'));
  return long ?? flags;
}

/** The flag of a table key, for messages about an option that is missing or conflicting. */
export function flagOf(table: OptionTable, key: string): string {
  const spec = table[key];
  return spec === undefined ? key : longFlag(spec.flags);
}
