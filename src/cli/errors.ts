/**
 * Errors the command line reports to users. Each carries a stable code; `main` prints the
 * message without a stack trace and exits with the code's status.
 */

/** One rejected input: which option or field, what was given, and what is accepted. */
export interface Problem {
  /** `--target`, `line 3: maestro.bandwidth`, ... */
  readonly where: string;
  /** The value as the user typed it, when there was one. */
  readonly value?: string;
  /** The rule it breaks and what to write instead. */
  readonly message: string;
}

export type CliErrorCode = 'E_USAGE' | 'E_INPUT' | 'E_RESULTS' | 'E_UNAVAILABLE' | 'E_INTERRUPTED';

/** Exit status per code: 2 for a command that cannot start as typed, 1 for a failed run. */
const EXIT_STATUS: Readonly<Record<CliErrorCode, number>> = {
  E_USAGE: 2,
  E_INPUT: 1,
  E_RESULTS: 1,
  E_UNAVAILABLE: 1,
  E_INTERRUPTED: 130,
};

export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly problems: readonly Problem[];

  constructor(
    code: CliErrorCode,
    message: string,
    problems: readonly Problem[] = [],
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CliError';
    this.code = code;
    this.problems = problems;
  }

  get exitStatus(): number {
    return EXIT_STATUS[this.code];
  }
}

/** Options or arguments that cannot be accepted; lists every problem found, not the first. */
export class UsageError extends CliError {
  constructor(problems: readonly Problem[]) {
    super('E_USAGE', problems.map(formatProblem).join('\n'), problems);
    this.name = 'UsageError';
  }
}

export function formatProblem(problem: Problem): string {
  const value = problem.value === undefined ? '' : ` ${JSON.stringify(problem.value)}`;
  return `${problem.where}:${value} ${problem.message}`;
}
