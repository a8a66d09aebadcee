/**
 * The experiment matrices of the paper as data: which scale, techniques, targets and models
 * each sweep runs, in the order the reference's run-ae.sh launches them.
 */

import { drawSeed } from '../search/rng.js';
import {
  MODELS,
  TARGETS,
  matchName,
  type ModelName,
  type Scale,
  type Target,
  type Technique,
} from './names.js';

export const SWEEPS = ['full-edge', 'full-cloud', 'ablation', 'general'] as const;
export type SweepName = (typeof SWEEPS)[number];

/** Other spellings users type for a sweep (the reference's script says `main-edge`). */
export const SWEEP_ALIASES: Readonly<Record<string, SweepName>> = {
  'main-edge': 'full-edge',
  'main-cloud': 'full-cloud',
};

/** One run of `spotlight single`: what it searches, for which model and target, how often. */
export interface Configuration {
  readonly scale: Scale;
  readonly technique: Technique;
  readonly target: Target;
  readonly model: ModelName;
  /** Independent trials of the search. */
  readonly trials: number;
  /** Base seed; trial i of every configuration derives its own seed from it. */
  readonly seed: number;
}

/** A configuration before the sweep-wide settings (trials, seed) are filled in. */
export type Cell = Omit<Configuration, 'trials' | 'seed'>;

export interface SweepOptions {
  /** Trials per configuration. @default 1, as in the reference */
  trials?: number;
  /**
   * Base seed of every configuration. @default one drawn for the call; the sweep command
   * draws it itself (to log it) and keeps the seeds recorded in results folders
   * (`keepRecordedSeeds`)
   */
  seed?: number;
  /** Keep only these models (canonical names). */
  models?: readonly ModelName[];
  /** Keep only these techniques (canonical names). */
  techniques?: readonly Technique[];
}

export const DEFAULT_TRIALS = 1;

/** The canonical sweep name for any accepted spelling, or undefined. */
export function matchSweep(raw: string): SweepName | undefined {
  const lower = raw.trim().toLowerCase();
  return matchName(SWEEPS, lower) ?? SWEEP_ALIASES[lower];
}

/** Every cell of a sweep, unfiltered, in launch order. */
export function sweepCells(sweep: SweepName): Cell[] {
  switch (sweep) {
    case 'full-edge':
      return grid('Edge', ['Spotlight', 'Eyeriss', 'NVDLA', 'MAERI']);
    case 'full-cloud':
      return grid('Cloud', ['Spotlight', 'Eyeriss', 'NVDLA', 'MAERI']);
    case 'ablation':
      return grid('Edge', ['Spotlight-GA', 'Spotlight-R', 'Spotlight-V', 'Spotlight-F']);
    case 'general':
      return generalCells();
  }
}

/** The configurations of a sweep after filters, with trials and seed filled in. */
export function sweepConfigurations(sweep: SweepName, options: SweepOptions = {}): Configuration[] {
  const trials = options.trials ?? DEFAULT_TRIALS;
  const seed = options.seed ?? drawSeed();
  return sweepCells(sweep)
    .filter((cell) => !options.models || options.models.includes(cell.model))
    .filter((cell) => !options.techniques || options.techniques.includes(cell.technique))
    .map((cell) => ({ ...cell, trials, seed }));
}

/** `Edge-Spotlight-EDP-VGG16`: unique within all sweeps, safe in file and job names. */
export function configurationKey(cell: Cell): string {
  return `${cell.scale}-${cell.technique}-${cell.target}-${cell.model}`;
}

/** Model-major, then target, then technique: the nesting of the reference's main loops. */
function grid(scale: Scale, techniques: readonly Technique[]): Cell[] {
  const cells: Cell[] = [];
  for (const model of MODELS) {
    for (const target of TARGETS) {
      for (const technique of techniques) cells.push({ scale, technique, target, model });
    }
  }
  return cells;
}

/**
 * Figure 9 of the paper: one accelerator tuned for all five models (Spotlight-Multi), and one
 * tuned for three models then run on the two it never saw (Spotlight-General).
 */
function generalCells(): Cell[] {
  const cells: Cell[] = [];
  for (const target of TARGETS) {
    for (const model of MODELS) {
      cells.push({ scale: 'Edge', technique: 'Spotlight-Multi', target, model });
    }
  }
  const unseen: readonly ModelName[] = ['MNASNET', 'TRANSFORMER'];
  for (const model of unseen) {
    for (const target of TARGETS) {
      cells.push({ scale: 'Edge', technique: 'Spotlight-General', target, model });
    }
  }
  return cells;
}
