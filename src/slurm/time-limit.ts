/**
 * Job time limits. The defaults are the reference's run-ae.sh: just under 8 h for an edge
 * configuration, 48 h for a cloud one, and 1 h for the baselines that fix the hardware and
 * only search schedules (Eyeriss, NVDLA), whatever the scale.
 */

import { SlurmError } from './errors.js';
import type { SlurmConfiguration } from './types.js';

export const EDGE_TIME_LIMIT = '07:59:59';
export const CLOUD_TIME_LIMIT = '47:59:59';
export const FIXED_HARDWARE_TIME_LIMIT = '00:59:59';

/** Techniques whose hardware is given, so only the (short) schedule search runs. */
export const FIXED_HARDWARE_TECHNIQUES: readonly string[] = ['Eyeriss', 'NVDLA'];

export function defaultTimeLimit(c: SlurmConfiguration): string {
  if (FIXED_HARDWARE_TECHNIQUES.includes(c.technique)) return FIXED_HARDWARE_TIME_LIMIT;
  return c.scale === 'Cloud' ? CLOUD_TIME_LIMIT : EDGE_TIME_LIMIT;
}

/** The spellings sbatch's --time accepts, for messages. */
export const TIME_FORMATS =
  'MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED (e.g. 90 or 1-12:00:00)';

const FORMATS: readonly RegExp[] = [
  /^\d+$/,
  /^\d+:\d{1,2}$/,
  /^\d+:\d{1,2}:\d{1,2}$/,
  /^\d+-\d{1,2}$/,
  /^\d+-\d{1,2}:\d{1,2}$/,
  /^\d+-\d{1,2}:\d{1,2}:\d{1,2}$/,
];

/**
 * A --time value checked before anything is submitted, so a typo fails once with the accepted
 * spellings instead of once per job. Returns it trimmed; whether it fits the partition's limit
 * is sbatch's to say.
 */
export function parseTimeLimit(raw: string): string {
  const text = raw.trim();
  if (/^(unlimited|infinite)$/i.test(text)) return 'UNLIMITED';
  if (FORMATS.some((format) => format.test(text)) && !/^0+$/.test(text.replace(/[-:]/g, ''))) {
    return text;
  }
  throw new SlurmError(
    'E_TIME_LIMIT',
    `--time ${JSON.stringify(raw)} is not a SLURM time limit; use ${TIME_FORMATS}`,
  );
}
