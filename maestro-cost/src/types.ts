/**
 * Public types of the cost model. The search engine and the command line code against these
 * and nothing else from maestro-cost, so keep them stable.
 */

/** The seven loop dimensions of a convolution layer. */
export type LayerDim = 'N' | 'K' | 'C' | 'X' | 'Y' | 'R' | 'S';

/** Dimensions a directive may name: the layer dims plus the output dims X' and Y'. */
export type DirectiveDim = LayerDim | "X'" | "Y'";

export const LAYER_DIMS: readonly LayerDim[] = ['N', 'K', 'C', 'X', 'Y', 'R', 'S'];

export interface Layer {
  /** Sizes of N, K, C, X, Y, R, S (X and Y are the input's width and height). */
  dims: Record<LayerDim, number>;
  /** Per-dimension stride; only X and Y are ever above 1 in practice. Defaults to 1. */
  strides?: Partial<Record<LayerDim, number>>;
  /**
   * Layer type as the reference names it. Only `CONV` is modelled (Spotlight sends every layer
   * as CONV); anything else is rejected. Defaults to `CONV`.
   */
  layerType?: string;
}

export interface Accelerator {
  /** Total processing elements; must equal the product of the sub-cluster sizes when given. */
  numPes: number;
  simdLanes: number;
  /** Bits per data element. */
  bitWidth: number;
  /** NoC bandwidth in elements per cycle, the same at every level. */
  bandwidth: number;
  /** Per-partition buffer sizes in bytes, outer level first. Recorded, not used (see README). */
  bufSizes?: number[];
  /** Sub-cluster sizes, outer level first; subClusters[k] sizes the k-th cluster boundary. */
  subClusters: number[];
  /** Off-chip bandwidth in elements per cycle; the reference fixes it at 70000. */
  offchipBandwidth?: number;
  /** Per-hop NoC latency in cycles; the reference fixes it at 1. */
  hopLatency?: number;
}

export type Directive =
  | { kind: 'spatial' | 'temporal'; dim: DirectiveDim; size: number; offset: number }
  | { kind: 'cluster'; dim: ''; size: number; offset: 0 };

/** A mapping: directives in order, levels separated by cluster directives, outermost first. */
export interface Mapping {
  directives: Directive[];
}

/**
 * Why a well-formed design point is infeasible: some level's output tile is empty so no cycle
 * is counted, or the reference's arithmetic turned the energy, area, power or the count of
 * computations (hence throughput) non-positive.
 */
export type InvalidKind =
  | 'empty-output'
  | 'non-positive-energy'
  | 'non-positive-area'
  | 'non-positive-power'
  | 'non-positive-throughput';

/** The five numbers every caller needs, plus validity. */
export interface CostSummary {
  /** False when the mapping cannot run as given; `reason` then says why. */
  valid: boolean;
  reason?: string;
  /** Set with `valid: false`: the kind of infeasibility, for counting reasons by kind. */
  invalidKind?: InvalidKind;
  /** Cycles. */
  delay: number;
  /** Multiples of one MAC's energy. */
  energy: number;
  /** um^2. */
  area: number;
  /** mW. */
  power: number;
  /** The model's computations per cycle. */
  throughput: number;
}

export interface CostResult extends CostSummary {
  /**
   * The reference's full metric set (names as in its dump, e.g. `InputL2BufferRead`), finite
   * values only.
   */
  metrics: Record<string, number>;
}
