/**
 * Reading the cost-model golden files (`maestro-cases.jsonl`, `maestro-stages.jsonl`) and
 * turning a row into the inputs of `evaluate`.
 */
import { parseDataflow } from '../../maestro-cost/src/index.js';
import type { Accelerator, Layer, Mapping } from '../../maestro-cost/src/index.js';
import { readGoldenLines, type GoldenCaseRow } from '../golden.js';

export interface GoldenInputs {
  layer: Layer;
  accel: Accelerator;
  mapping: Mapping;
}

let casesCache: GoldenCaseRow[] | null = null;

export function goldenCases(): GoldenCaseRow[] {
  casesCache ??= readGoldenLines<GoldenCaseRow>('maestro-cases.jsonl');
  return casesCache;
}

export function goldenStages(): any[] {
  return readGoldenLines('maestro-stages.jsonl');
}

export function inputsOf(row: GoldenCaseRow): GoldenInputs {
  const m = row.maestro;
  return {
    layer: { dims: row.layer.dims, strides: row.layer.strides, layerType: m.layerType },
    accel: {
      numPes: m.numPes, simdLanes: m.simdLanes, bitWidth: m.bitWidth, bandwidth: m.bandwidth,
      bufSizes: m.bufSizes, subClusters: m.subClusters,
    },
    mapping: parseDataflow(m.dataflow, m.subClusters),
  };
}
