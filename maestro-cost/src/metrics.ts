/**
 * The reference's metric set, from the top-level result: access counts and buffer
 * requirements per tensor, energies, throughput, bandwidth and delay statistics.
 *
 * Energies are in multiples of one MAC's energy. L2 accesses scale with bitWidth / 8, L1
 * accesses do not scale, MACs scale with (bitWidth / 32)^2: inconsistent, but it is what the
 * reference computes and what Spotlight optimises.
 */
import { FILTER, INPUT, OUTPUT, TENSOR_NAMES } from './layer.js';
import { plainZero } from './numeric.js';
import { COMPUTE_DELAY, EGRESS_DELAY, INGRESS_DELAY, type LevelResult } from './results.js';

/** Energy per L1 access (MAESTRO's constant). */
export const L1_ENERGY = 0.009 / (8.63 + 0.0858);
/** Energy per L2 access before bit-width scaling (MAESTRO's constant). */
export const L2_ENERGY = (8.0 + 6.68) / 2 / (8.63 + 0.0858);

export interface EnergyBreakdown {
  /** Per tensor (input, filter, output): L2 write, L2 read, L1 write, L1 read. */
  readonly perTensor: readonly (readonly [number, number, number, number])[];
  readonly l2Write: number;
  readonly l2Read: number;
  readonly l1Write: number;
  readonly l1Read: number;
  readonly compute: number;
  readonly total: number;
}

// LIMITATION: the reference sums energies in x87 80-bit long double; doubles here differ by
// at most about 4e-16 relative on the golden cases (3.5e-16 measured).
export function energy(top: LevelResult, bitWidth: number): EnergyBreakdown {
  const perTensor: [number, number, number, number][] = [];
  let l2Write = 0;
  let l2Read = 0;
  let l1Write = 0;
  let l1Read = 0;
  for (const t of [INPUT, FILTER, OUTPUT]) {
    const parts: [number, number, number, number] = [
      top.l2Write[t] * L2_ENERGY * (bitWidth / 8.0),
      top.l2Read[t] * L2_ENERGY * (bitWidth / 8.0),
      top.l1Write[t] * L1_ENERGY,
      top.l1Read[t] * L1_ENERGY,
    ];
    perTensor.push(parts);
    l2Write += parts[0];
    l2Read += parts[1];
    l1Write += parts[2];
    l1Read += parts[3];
  }
  const compute = top.computations * (bitWidth / 32.0) * (bitWidth / 32.0);
  const total = l2Write + l2Read + l1Write + l1Read + compute;
  return { perTensor, l2Write, l2Read, l1Write, l1Read, compute, total };
}

/** Computations per cycle; NaN or infinite when the runtime is 0 (callers filter that). */
export function throughput(top: LevelResult): number {
  return top.computations / top.runtime;
}

/** Per-tensor metric names, in the reference's order (built once). */
const TENSOR_METRIC_NAMES: readonly (readonly string[])[] = TENSOR_NAMES.map((name) => [
  'L2BufferReq', 'L1BufferReq', 'L2BufferWrite', 'L2BufferRead', 'L1BufferWrite',
  'L1BufferRead', 'ReuseFactor', 'L2BufferWriteEnergy', 'L2BufferReadEnergy',
  'L1BufferWriteEnergy', 'L1BufferReadEnergy',
].map((metric) => name + metric));

// LIMITATION: metrics are numbers, not the reference dump's text (six decimals of the 80-bit
// value); AbsThroughput, AvgBWReq and NumUtilizedPEs are computed in doubles, so they can
// differ from that text in the last printed digit.
/**
 * The metric map, named as in the reference's dump and in its order, finite values only.
 * `MinRunTime` is listed under its own name (the reference's dump prints it as "Invalid").
 */
export function metricMap(top: LevelResult, energies: EnergyBreakdown, absComputations: number,
  area: number): Record<string, number> {
  const metrics: Record<string, number> = {};
  const put = (name: string, value: number): void => {
    if (Number.isFinite(value)) metrics[name] = plainZero(value);
  };

  put('Computations', top.computations);
  put('AbsComputations', absComputations);
  put('ExactRunTime', top.runtime);
  put('MaxRunTime', 0);
  put('MinRunTime', 0);
  put('Throughput', throughput(top));
  put('AbsThroughput', absComputations / top.runtime);

  let totalL1Read = 0;
  let totalL1Write = 0;
  for (const t of [INPUT, FILTER, OUTPUT]) {
    const names = TENSOR_METRIC_NAMES[t];
    put(names[0], top.l2Size[t]);
    put(names[1], top.l1Size[t]);
    put(names[2], top.l2Write[t]);
    put(names[3], top.l2Read[t]);
    put(names[4], top.l1Write[t]);
    put(names[5], top.l1Read[t]);
    put(names[6], top.l1Read[t] / top.l1Write[t]);
    totalL1Read += top.l1Read[t];
    totalL1Write += top.l1Write[t];
  }
  put('OverallReuseFactor', totalL1Read / totalL1Write);

  for (const t of [INPUT, FILTER, OUTPUT]) {
    const names = TENSOR_METRIC_NAMES[t];
    const perTensor = energies.perTensor[t];
    for (let k = 0; k < 4; k++) put(names[7 + k], perTensor[k]);
  }
  put('OverallL2WriteEnergy', energies.l2Write);
  put('OverallL2ReadEnergy', energies.l2Read);
  put('OverallL1WriteEnergy', energies.l1Write);
  put('OverallL1ReadEnergy', energies.l1Read);
  put('OverallEnergy', energies.total);

  put('PeakBWReq', top.peakBandwidth);
  put('AvgBWReq', top.averageBandwidth);
  put('IngressDelayMin', top.delayMin[INGRESS_DELAY]);
  put('IngressDelayMax', top.delayMax[INGRESS_DELAY]);
  put('IngressDelayAvg', top.delayAverage[INGRESS_DELAY]);
  put('EgressDelayMin', top.delayMin[EGRESS_DELAY]);
  put('EgressDelayMax', top.delayMax[EGRESS_DELAY]);
  put('EgressDelayAvg', top.delayAverage[EGRESS_DELAY]);
  // The reference never stores the computation delay's maximum.
  put('ComputationDelayMin', top.delayMin[COMPUTE_DELAY]);
  put('ComputationDelayAvg', top.delayAverage[COMPUTE_DELAY]);
  put('NumUtilizedPEs', top.averageActive);
  put('Area', area);
  return metrics;
}
