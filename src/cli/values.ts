/**
 * zod schemas for option values typed on the command line. Every value arrives as a string;
 * each schema converts it and, when it cannot, says what is accepted. The messages are written
 * to follow the raw value (see `formatProblem`), e.g. `--target: "foo" is not accepted; ...`.
 */

import { z } from 'zod';
import { matchName } from '../sweep/names.js';

/** Any non-empty text (a path, a name); `what` completes "give ..." in the message. */
export function nonEmpty(what: string): z.ZodType<string, string> {
  return z.string().trim().min(1, { message: `is not accepted; give ${what}` });
}

/** A name from a closed list, any letter case, returned in its canonical spelling. */
export function choice<T extends string>(
  names: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): z.ZodType<T, string> {
  return z.string().transform((raw, ctx) => {
    const hit = matchName(names, raw) ?? aliases[raw.trim().toLowerCase()];
    if (hit !== undefined) return hit;
    ctx.addIssue({ code: 'custom', message: `is not accepted; use one of ${acceptedList(names)}` });
    return z.NEVER;
  });
}

/** A comma-separated list of names from a closed list, e.g. `--models vgg16,resnet`. */
export function choiceList<T extends string>(names: readonly T[]): z.ZodType<T[], string> {
  return z.string().transform((raw, ctx) => {
    const picked: T[] = [];
    const unknown: string[] = [];
    for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const hit = matchName(names, part);
      if (hit === undefined) unknown.push(part);
      else if (!picked.includes(hit)) picked.push(hit);
    }
    if (unknown.length > 0 || picked.length === 0) {
      const what =
        unknown.length > 0 ? `has unknown ${unknown.map((u) => `"${u}"`).join(', ')}` : 'is empty';
      ctx.addIssue({
        code: 'custom',
        message: `${what}; give a comma-separated list of ${acceptedList(names)}`,
      });
      return z.NEVER;
    }
    return picked;
  });
}

/** An integer within [min, max]. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): z.ZodType<number, string> {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim();
    const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({
      code: 'custom',
      message: `is not accepted; use an integer ${rangeText(min, max)}`,
    });
    return z.NEVER;
  });
}

/** A finite number within [min, max] (accepts exponent notation, e.g. 4.3841e9). */
export function decimal(min: number, max = Number.MAX_VALUE): z.ZodType<number, string> {
  return finiteNumber((value) => value >= min && value <= max, rangeText(min, max));
}

/**
 * A finite number above 0, for a budget: at 0 every design is over it, and a search would
 * only reject samples until it gave up.
 */
export function positiveDecimal(): z.ZodType<number, string> {
  return finiteNumber((value) => value > 0, '> 0');
}

function finiteNumber(
  accepts: (value: number) => boolean,
  range: string,
): z.ZodType<number, string> {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim();
    const value = text === '' ? Number.NaN : Number(text);
    if (Number.isFinite(value) && accepts(value)) return value;
    ctx.addIssue({ code: 'custom', message: `is not accepted; use a number ${range}` });
    return z.NEVER;
  });
}

/** A comma-separated list of integers, each within [min, max]. */
export function integerList(
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): z.ZodType<number[], string> {
  return z.string().transform((raw, ctx) => {
    const parts = raw.split(',').map((p) => p.trim());
    const values = parts.map((p) => (/^[+-]?\d+$/.test(p) ? Number(p) : Number.NaN));
    const ok = values.every((v) => Number.isSafeInteger(v) && v >= min && v <= max);
    if (ok && values.length > 0) return values;
    ctx.addIssue({
      code: 'custom',
      message: `is not accepted; use comma-separated integers ${rangeText(min, max)}, e.g. 16,16`,
    });
    return z.NEVER;
  });
}

/** Names joined for a message: `EDP, Delay (any letter case)`. */
export function acceptedList(names: readonly string[]): string {
  return `${names.join(', ')} (any letter case)`;
}

function rangeText(min: number, max: number): string {
  if (max >= Number.MAX_SAFE_INTEGER) return `>= ${min}`;
  return `from ${min} to ${max}`;
}
