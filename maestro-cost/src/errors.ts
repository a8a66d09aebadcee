/**
 * The one error the cost model throws: an input the reference cannot evaluate (it crashes,
 * reads past an array or silently drops it). Infeasible but well-formed design points are not
 * errors; they come back as `valid: false` with a reason.
 */
export class MaestroInputError extends Error {
  /** Path of the offending input, e.g. `accelerator.bandwidth` or `mapping.directives[3]`. */
  readonly field: string;
  /** The value received. */
  readonly value: unknown;
  /** What would have been accepted. */
  readonly allowed: string;

  constructor(field: string, value: unknown, allowed: string, detail?: string) {
    const shown = describeValue(value);
    const why = detail === undefined ? '' : ` (${detail})`;
    super(`maestro-cost: ${field} = ${shown} is not accepted${why}; allowed: ${allowed}`);
    this.name = 'MaestroInputError';
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
