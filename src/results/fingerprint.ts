/**
 * A run's settings fingerprint: a hash of every setting that changes what a trial computes
 * (model, target, technique, budgets, ranges, seed...). Settings that only change how fast or
 * how many trials run (workers, trial count) are left out by the caller, so a run can be
 * resumed with more workers or extended with more trials.
 */

import { createHash } from 'node:crypto';

export type Settings = Readonly<Record<string, unknown>>;

/** JSON with object keys sorted at every depth, so equal settings give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const fields = entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
  return `{${fields.join(',')}}`;
}

export function fingerprint(settings: Settings): string {
  return createHash('sha256').update(canonicalJson(settings)).digest('hex').slice(0, 16);
}

/**
 * `search.hwTrials: 100 there, 10 here` for each setting that differs, nested settings named
 * by their dotted path, for a refusal message.
 */
export function describeDifferences(before: Settings, now: Settings): string[] {
  const was = flatten(before);
  const is = flatten(now);
  const keys = [...new Set([...was.keys(), ...is.keys()])].sort();
  return keys
    .filter((key) => was.get(key) !== is.get(key))
    .map((key) => {
      const there = was.get(key) ?? '(absent)';
      return `${key}: ${there} there, ${is.get(key) ?? '(absent)'} here`;
    });
}

/** Leaves of nested objects by dotted path, as canonical JSON; arrays are leaves. */
function flatten(
  value: unknown,
  prefix = '',
  into = new Map<string, string>(),
): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) flatten(item, prefix === '' ? key : `${prefix}.${key}`, into);
    }
    return into;
  }
  into.set(prefix, canonicalJson(value));
  return into;
}
