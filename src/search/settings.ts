import type { DataflowMode, HardwarePoint, HardwareSpaceSpec } from '../space/index.js';

/** What the search minimises: energy-delay product or delay. */
export type Target = 'edp' | 'delay';

/** The optimiser driving both the hardware and the software search. */
export type OptimizerKind = 'bo' | 'ga' | 'random';

/**
 * Everything one search needs, resolved: no defaults left to fill in. It is plain data so it
 * can cross into worker threads and be written into `run.json` to replay a run.
 */
export interface SearchSettings {
  readonly target: Target;
  readonly optimizer: OptimizerKind;
  /** `search` explores `hardwareSpace`; `fixed` evaluates schedules on `hardwarePoint` only. */
  readonly hardwareMode: 'search' | 'fixed';
  readonly hardwareSpace: HardwareSpaceSpec;
  readonly hardwarePoint?: HardwarePoint;
  readonly maxArea: number;
  readonly maxPower: number;
  readonly dataflow: DataflowMode;
  /** Software feature groups the surrogate does not see (`--exclude-feat`). */
  readonly excludedFeatures: readonly string[];
  readonly hwTrials: number;
  readonly swTrials: number;
  readonly hwBatchSize: number;
  readonly swBatchSize: number;
  readonly hwBatchTrials: number;
  readonly swBatchTrials: number;
  /** Invalid samples tolerated per search (hardware, and each layer's) before giving up. */
  readonly maxInvalid: number;
  /**
   * Shuffled orders of the outer level's directives tried per searched schedule; the best is
   * kept. The reference's cost model tries 3.
   */
  readonly outerOrders: number;
}

/** The reference's batch and budget defaults (its `DefaultArgs`). */
export const SEARCH_DEFAULTS = {
  hwTrials: 100,
  swTrials: 100,
  hwBatchSize: 1000,
  swBatchSize: 1000,
  hwBatchTrials: 10,
  swBatchTrials: 10,
  outerOrders: 3,
} as const;
