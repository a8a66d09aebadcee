import { totalPes, type HardwarePoint } from '../space/hardware.js';

/**
 * What the hardware search's surrogate model sees of a design, in the reference's order.
 * Buffers enter as one total counted in 32 KiB units, which keeps the column on the scale of
 * the others before standardisation.
 */
export const HARDWARE_FEATURE_LABELS: readonly string[] = [
  'hw_feat_num_simd_lane',
  'hw_feat_bit_width',
  'hw_feat_bandwidth',
  'hw_feat_total_buf_size',
  'hw_feat_total_pes',
  'hw_feat_l0_pes',
];

const BUFFER_FEATURE_UNIT_BYTES = 32768;

export function hardwareFeatures(point: HardwarePoint): number[] {
  const bufferUnits = point.levelBufferBytes.reduce(
    (sum, bytes) => sum + bytes / BUFFER_FEATURE_UNIT_BYTES,
    0,
  );
  return [
    point.simdLanes,
    point.bitWidth,
    point.bandwidth,
    bufferUnits,
    totalPes(point),
    point.levelSubClusters[0],
  ];
}
