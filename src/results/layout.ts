/**
 * Where results live: `<root>/<Scale>/<Technique>/<Target>/<Model>/`, the reference's layout,
 * so that its scripts and ours read the same folders.
 */

import path from 'node:path';

export const DEFAULT_RESULTS_ROOT = 'results';

export const OUT_TXT = 'out.txt';
export const TRIALS_CSV = 'trials.csv';
export const LAYERS_CSV = 'layers.csv';
export const RUN_JSON = 'run.json';
export const LOCK_FILE = '.lock';

/** The four files a run writes, in the order they are rewritten (run.json last). */
export const RESULT_FILES = [OUT_TXT, TRIALS_CSV, LAYERS_CSV, RUN_JSON] as const;

export interface ResultCoordinates {
  readonly scale: string;
  readonly technique: string;
  readonly target: string;
  readonly model: string;
}

export function resultDir(root: string, at: ResultCoordinates): string {
  return path.join(root, at.scale, at.technique, at.target, at.model);
}

/** `Edge/Spotlight/EDP/VGG16`, the row label of the comparison CSV. */
export function resultLabel(at: ResultCoordinates): string {
  return [at.scale, at.technique, at.target, at.model].join('/');
}
