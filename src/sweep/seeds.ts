/**
 * The seeds of a sweep started without --seed. A configuration whose results folder has a
 * run.json keeps the seed recorded there: the seed is part of the folder's fingerprint, so only
 * then is a complete configuration skipped and an interrupted one resumed. The others share the
 * seed drawn for the sweep. Either way every configuration's command line carries its seed as
 * --seed, so a SLURM job computes what a local run would, whenever it starts.
 */

import { resultDir } from '../results/layout.js';
import { recordedSeed } from '../results/result-folder.js';
import type { Configuration } from './matrix.js';

export interface SeededConfigurations {
  readonly configurations: Configuration[];
  /** The seeds kept from run.json files, one per configuration that has one. */
  readonly recorded: readonly number[];
}

/** The configurations, each with the seed recorded in its folder when there is one. */
export async function keepRecordedSeeds(
  configurations: readonly Configuration[],
  resultsRoot: string,
): Promise<SeededConfigurations> {
  const recorded: number[] = [];
  const seeded = await Promise.all(
    configurations.map(async (configuration) => {
      const seed = await recordedSeed(resultDir(resultsRoot, configuration));
      if (seed === undefined) return configuration;
      recorded.push(seed);
      return { ...configuration, seed };
    }),
  );
  return { configurations: seeded, recorded };
}

/**
 * What the log says about a sweep's seeds: the one given, or the one drawn (with how to replay
 * it) and how many configurations keep a recorded one instead.
 */
export function describeSweepSeeds(
  seed: number,
  given: boolean,
  total: number,
  recorded: readonly number[],
): string {
  if (given) return `seed ${seed}`;
  const drawn = `seed ${seed} (drawn; replay with --seed ${seed})`;
  if (recorded.length === 0) return drawn;
  const distinct = [...new Set(recorded)];
  const kept = distinct.length === 1
    ? `seed ${distinct[0]} (recorded in run.json)`
    : "the seeds recorded in each folder's run.json";
  if (recorded.length === total) return kept;
  return `${kept} for ${recorded.length} configuration(s), ${drawn} for the other ` +
    `${total - recorded.length}`;
}
