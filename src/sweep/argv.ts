/**
 * The `spotlight single` command line of a sweep configuration. A local sweep and a SLURM job
 * run the same words, so both compute the same trials with the same seeds.
 */

import { SINGLE_OPTIONS } from '../cli/single/options.js';
import { longFlag } from '../cli/option-table.js';
import type { Configuration } from './matrix.js';

export interface SingleArgvOptions {
  /** Results root (`--results`); omitted means the command's default, `results`. */
  readonly resultsRoot?: string;
  /** Worker threads (`--workers`); omitted means one per core. */
  readonly workers?: number;
  /**
   * Add `--resume`, so a configuration that was interrupted continues where it stopped.
   * @default true
   */
  readonly resume?: boolean;
  /** Further words appended as they are, e.g. `['--hw-trials', '10']`. */
  readonly extra?: readonly string[];
}

const flag = (key: keyof typeof SINGLE_OPTIONS): string => longFlag(SINGLE_OPTIONS[key].flags);

/** `['single', '--model', 'VGG16', '--target', 'EDP', ...]`: the words after `spotlight`. */
export function singleArgv(
  configuration: Configuration,
  options: SingleArgvOptions = {},
): string[] {
  const argv = [
    'single',
    flag('model'), configuration.model,
    flag('target'), configuration.target,
    flag('technique'), configuration.technique,
    flag('scale'), configuration.scale,
    flag('trials'), String(configuration.trials),
    flag('seed'), String(configuration.seed),
  ];
  if (options.resultsRoot !== undefined) argv.push(flag('results'), options.resultsRoot);
  if (options.workers !== undefined) argv.push(flag('workers'), String(options.workers));
  if (options.resume ?? true) argv.push(flag('resume'));
  argv.push(...(options.extra ?? []));
  return argv;
}
