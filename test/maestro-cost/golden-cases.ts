/**
 * Reading the cost-model golden files (`maestro-cases.jsonl`, `maestro-stages.jsonl`) and
 * turning a row into the inputs of `evaluate`.
 */
import { parseDataflow } from '../../maestro-cost/src/index.js';
import type { Accelerator, Layer, LayerDim, Mapping } from '../../maestro-cost/src/index.js';
import { readGoldenLines } from '../golden.js';

export interface GoldenCase {
  id: string;
  layer: { name: string; dims: Record<LayerDim, number>; strides: Record<LayerDim, number> };
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

export interface GoldenInputs {
  layer: Layer;
  accel: Accelerator;
  mapping: Mapping;
}

let casesCache: GoldenCase[] | null = null;

export function goldenCases(): GoldenCase[] {
  casesCache ??= readGoldenLines<GoldenCase>('maestro-cases.jsonl');
  return casesCache;
}

export function goldenStages(): any[] {
  return readGoldenLines('maestro-stages.jsonl');
}

export function inputsOf(row: GoldenCase): GoldenInputs {
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
