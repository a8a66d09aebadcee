import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Layer } from '../maestro-cost/src/types.js';

/** Repository root, whether this runs from `test/` or from `dist/test/`. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(dir) !== 'test') dir = path.dirname(dir);
  const parent = path.dirname(dir);
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
}

export const ROOT = repoRoot();
export const GOLDEN_DIR = path.resolve(ROOT, '..', 'shared', 'golden');

export function goldenPath(name: string): string {
  return path.join(GOLDEN_DIR, name);
}

/** Every line of a golden JSON-lines file, parsed. */
export function readGoldenLines<T = any>(name: string): T[] {
  const text = readFileSync(goldenPath(name), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

/**
 * One row of `maestro-cases.jsonl`: a design point as Spotlight chose it, the cost-model call
 * the reference made for it, and what MAESTRO answered.
 */
export interface GoldenCaseRow {
  id: string;
  layer: { name: string; dims: Layer['dims']; strides: Required<Layer>['strides'] };
  spotlight: {
    /** The hardware space template (`edge`, `cloud`). */
    hwSpace: string;
    /** The reference's hardware and software points, in its own field names. */
    hw: unknown;
    sw: unknown;
    dataflowMode: 'searched' | 'fixed';
    outerPermutation: number[] | null;
  };
  /** The cost-model inputs, as the reference handed them to MAESTRO. */
  maestro: {
    layerType: string;
    numPes: number;
    simdLanes: number;
    bitWidth: number;
    bandwidth: number;
    bufSizes: number[];
    subClusters: number[];
    dataflow: string;
  };
  expect: {
    valid: boolean;
    delay: number;
    energy: number;
    area: number;
    power: number;
    throughput: number | null;
    metrics: Record<string, number>;
  };
}
