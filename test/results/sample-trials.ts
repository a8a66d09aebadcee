import type { TrialRecord } from '../../src/results/records.js';

/** A small, valid trial of a two-layer model, with numbers easy to check by hand. */
export function sampleTrial(trial: number, targetValue = 1.5e10 * (trial + 1)): TrialRecord {
  return {
    trial,
    seed: 1000 + trial,
    valid: true,
    targetValue,
    // Energy and delay summed over the two layers below, area and power their largest.
    totals: {
      edp: 1.5e10,
      energy: 1.0e6,
      delay: 1.5e4,
      throughput: 60,
      area: 1.25e9,
      power: 617.25,
    },
    hardware: {
      num_simd_lane: 16,
      bit_width: 8,
      bandwidth: 200,
      l0_buf_size: 65536,
      l1_buf_size: 73728,
      subclusters: [33, 9],
    },
    layers: [0, 1].map((index) => ({
      index,
      name: `TINY_Conv2d-${index + 1}`,
      valid: true,
      targetValue: 1.0e10,
      edp: 1.0e10,
      energy: 5.0e5,
      delay: 7.5e3,
      throughput: 30,
      area: 1.25e9,
      power: 617.25,
      schedule: { K: [1, 2, 32], l0_spatial_dim: 'K', l1_spatial_dim: 'C' },
      dataflow: 'SK|1,TC|16,C,SC|1',
    })),
    evaluations: 4200,
    wallSeconds: 12.5,
    invalidReasons: { 'tile exceeds buffer': 7, 'area over budget': 2 },
    stopReason: 'budget',
  };
}
