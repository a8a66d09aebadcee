/**
 * What one analysis call (one level on one set of dims) accumulates: MAESTRO's per-cluster
 * result record. Tensors are indexed INPUT, FILTER, OUTPUT; "L2" is the buffer above the
 * level's sub-units (upstream), "L1" the buffers inside them (downstream).
 */
import { LONG_MIN, toLong } from './numeric.js';

export const INGRESS_DELAY = 0;
export const EGRESS_DELAY = 1;
export const COMPUTE_DELAY = 2;

/** Stands in for LDBL_MIN, the reference's seed for a delay maximum (converts to 0). */
const MAX_SEED = Number.MIN_VALUE;

export class LevelResult {
  /** Cycles over all cases. */
  runtime = 0;
  /** Partial sums mapped over all cases (the model's Computations). */
  computations = 0;
  /** Buffer requirements, in elements. */
  readonly l2Size = new Float64Array(3);
  readonly l1Size = new Float64Array(3);
  /** Access counts, in elements. */
  readonly l2Read = new Float64Array(3);
  readonly l2Write = new Float64Array(3);
  readonly l1Read = new Float64Array(3);
  readonly l1Write = new Float64Array(3);
  /** Peak NoC bandwidth requirement, elements per cycle (truncated). */
  peakBandwidth = 0;
  /** Sum of per-case bandwidth requirements; divided by the case count at the end. */
  averageBandwidth = 0;
  /** Average busy sub-units (NumUtilizedPEs at the top). */
  averageActive = 0;
  /** Occurrences of the cases that were fully counted. */
  occurrences = 0;
  /** Per delay kind (ingress, egress, compute): sum, min and max over counted cases. */
  readonly delaySum = new Float64Array(3);
  readonly delayMin = new Float64Array(3).fill(Infinity);
  readonly delayMax = new Float64Array(3).fill(MAX_SEED);
  /** Final values, as the reference stores them (C longs). */
  readonly delayAverage = new Float64Array(3);

  /** Back to the state of a new record, so the engine can reuse it for another analysis. */
  reset(): void {
    this.runtime = 0;
    this.computations = 0;
    this.l2Size.fill(0);
    this.l1Size.fill(0);
    this.l2Read.fill(0);
    this.l2Write.fill(0);
    this.l1Read.fill(0);
    this.l1Write.fill(0);
    this.peakBandwidth = 0;
    this.averageBandwidth = 0;
    this.averageActive = 0;
    this.occurrences = 0;
    this.delaySum.fill(0);
    this.delayMin.fill(Infinity);
    this.delayMax.fill(MAX_SEED);
    this.delayAverage.fill(0);
  }

  /** Record one counted case's NoC and compute delays. */
  addDelays(occurrences: number, ingress: number, egress: number, compute: number): void {
    this.addDelay(INGRESS_DELAY, occurrences, ingress);
    this.addDelay(EGRESS_DELAY, occurrences, egress);
    this.addDelay(COMPUTE_DELAY, occurrences, compute);
  }

  private addDelay(kind: number, occurrences: number, delay: number): void {
    this.delaySum[kind] += occurrences * delay;
    if (delay < this.delayMin[kind]) this.delayMin[kind] = delay;
    if (delay > this.delayMax[kind]) this.delayMax[kind] = delay;
  }

  /**
   * Close the record: averages over the counted occurrences. With no counted case the
   * reference's conversions give LONG_MIN for averages and minima, 0 for maxima, NaN for the
   * average bandwidth; they are kept so the metric dump matches.
   */
  finish(): void {
    const total = this.occurrences;
    this.averageBandwidth = this.averageBandwidth / total;
    if (total !== 0) this.averageActive = this.averageActive / total;
    for (let kind = 0; kind < 3; kind++) {
      this.delayAverage[kind] = toLong(this.delaySum[kind] / total);
      this.delayMin[kind] = this.delayMin[kind] === Infinity ? LONG_MIN : this.delayMin[kind];
      this.delayMax[kind] = toLong(this.delayMax[kind]);
    }
  }

  /** Sum of the three L1 requirements as a C int (BuildAccelerator's `l1_size`). */
  l1SizeInt(): number {
    return ((this.l1Size[0] | 0) + (this.l1Size[2] | 0) + (this.l1Size[1] | 0)) | 0;
  }

  /** Sum of the three L2 requirements as a C int (BuildAccelerator's `l2_size`). */
  l2SizeInt(): number {
    return ((this.l2Size[0] | 0) + (this.l2Size[2] | 0) + (this.l2Size[1] | 0)) | 0;
  }
}
