import { subClusterSplits } from './factorisation.js';
import { ProductSpace, SpaceError } from './product-space.js';

/**
 * An accelerator design: what the hardware search chooses. Per-level arrays are indexed by
 * cluster level with level 0 the innermost (the reference's `l0_*`); note that the cost
 * model's `Accelerator` lists levels the other way round, outermost first.
 */
export interface HardwarePoint {
  readonly simdLanes: number;
  /** Bits per data element. */
  readonly bitWidth: number;
  /** NoC bandwidth in elements per cycle. */
  readonly bandwidth: number;
  /** Buffer bytes of each level, summed over that level's partitions; level 0 innermost. */
  readonly levelBufferBytes: readonly number[];
  /** Sub-clusters in each level, level 0 innermost; their product is the PE count. */
  readonly levelSubClusters: readonly number[];
}

/** Integers low, low + step, ... up to and including high. */
export interface IntRange {
  readonly low: number;
  readonly high: number;
  readonly step: number;
}

/** The searched ranges of every hardware parameter. */
export interface HardwareSpaceSpec {
  readonly simdLanes: IntRange;
  readonly bitWidth: IntRange;
  readonly bandwidth: IntRange;
  /** Level-0 (inner) buffer in KiB; the reference's `--l1-low/high/step`. */
  readonly l0BufferKiB: IntRange;
  /** Level-1 (outer) buffer in KiB; the reference's `--l2-low/high/step`. */
  readonly l1BufferKiB: IntRange;
  /** Total PE count; each count is split into two sub-cluster levels every possible way. */
  readonly pes: IntRange;
}

/**
 * LIMITATION: always two cluster levels. The reference fixes its level count at 2 and its
 * conversion reads exactly two buffer sizes, so deeper hierarchies are not searched.
 */
export const HARDWARE_LEVELS = 2;

const HARDWARE_PARAMETER_NAMES = [
  'num_simd_lane', 'bit_width', 'bandwidth', 'l0_buf_size', 'l1_buf_size', 'subclusters',
] as const;

/** The values of one range of the spec; a SpaceError names the range's `field` when empty. */
export function rangeValues(range: IntRange, field: keyof HardwareSpaceSpec): number[] {
  if (!(Number.isInteger(range.low) && Number.isInteger(range.high) && range.step >= 1)) {
    throw new SpaceError(
      field,
      `${field}: expected whole numbers low <= high and step >= 1, received ` +
        `low ${range.low}, high ${range.high}, step ${range.step}`,
    );
  }
  const values: number[] = [];
  for (let value = range.low; value <= range.high; value += range.step) values.push(value);
  if (values.length === 0) {
    throw new SpaceError(field, `${field}: the range ${range.low}..${range.high} holds no value`);
  }
  return values;
}

/**
 * The hardware design space, its parameters in the reference's order (SIMD lanes, bit width,
 * bandwidth, level-0 buffer, level-1 buffer, sub-cluster split) so flat indices agree.
 */
export function buildHardwareSpace(spec: HardwareSpaceSpec): ProductSpace<HardwarePoint> {
  const kib = (field: 'l0BufferKiB' | 'l1BufferKiB'): number[] =>
    rangeValues(spec[field], field).map((size) => size * 1024);
  const splits = rangeValues(spec.pes, 'pes')
    .flatMap((pes) => subClusterSplits(pes, HARDWARE_LEVELS));
  if (splits.length === 0) {
    throw new SpaceError(
      'pes',
      'pes: no PE count in the range splits into two levels (need >= 2 PEs)',
    );
  }

  const values: readonly (readonly unknown[])[] = [
    rangeValues(spec.simdLanes, 'simdLanes'),
    rangeValues(spec.bitWidth, 'bitWidth'),
    rangeValues(spec.bandwidth, 'bandwidth'),
    kib('l0BufferKiB'),
    kib('l1BufferKiB'),
    splits,
  ];
  const parameters = HARDWARE_PARAMETER_NAMES.map((name, i) => ({ name, values: values[i] }));

  return new ProductSpace<HardwarePoint>(
    parameters,
    (genes) => ({
      simdLanes: genes[0] as number,
      bitWidth: genes[1] as number,
      bandwidth: genes[2] as number,
      levelBufferBytes: [genes[3] as number, genes[4] as number],
      levelSubClusters: [...(genes[5] as number[])],
    }),
    (point) => [
      point.simdLanes,
      point.bitWidth,
      point.bandwidth,
      point.levelBufferBytes[0],
      point.levelBufferBytes[1],
      [...point.levelSubClusters],
    ],
  );
}

/** Total PEs of a design: the product of its per-level sub-cluster counts. */
export function totalPes(point: HardwarePoint): number {
  return point.levelSubClusters.reduce((product, count) => product * count, 1);
}
