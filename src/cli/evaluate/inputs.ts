/**
 * What `spotlight evaluate` needs for one cost-model call, validated at the boundary: the
 * golden-case record (`id`, `layer`, `maestro`) and its conversion to the model's inputs.
 */

import { z } from 'zod';
import type { Accelerator, Layer, LayerDim, Mapping } from '../../../maestro-cost/src/types.js';
import type { CostModel } from '../cost-model.js';

const size = z.number().finite();

const dimsSchema = z.object({ N: size, K: size, C: size, X: size, Y: size, R: size, S: size });

/** One line of a cases file; other fields (`spotlight`, `expect`, ...) are ignored. */
export const caseSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  layer: z.object({
    dims: dimsSchema,
    strides: dimsSchema.partial().optional(),
  }),
  maestro: z.object({
    layerType: z.string().optional(),
    numPes: size.optional(),
    simdLanes: size,
    bitWidth: size,
    bandwidth: size,
    bufSizes: z.array(size).optional(),
    subClusters: z.array(size).min(1),
    dataflow: z.string(),
    offchipBandwidth: size.optional(),
    hopLatency: size.optional(),
  }),
});

export type EvaluationCase = z.output<typeof caseSchema>;

/** The model's inputs for one case. */
export interface ModelInputs {
  readonly layer: Layer;
  readonly accelerator: Accelerator;
  readonly mapping: Mapping;
}

/** A field the command line itself rejects before calling the model. */
export class CaseFieldError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`${field} ${JSON.stringify(value)} is not accepted; ${allowed}`);
    this.name = 'CaseFieldError';
  }
}

/**
 * Builds the cost-model call of a case. The reference sends every layer as CONV, so any other
 * declared layer type is refused here rather than silently evaluated as CONV.
 */
export function toModelInputs(model: CostModel, evaluationCase: EvaluationCase): ModelInputs {
  const { layer, maestro } = evaluationCase;
  const layerType = maestro.layerType;
  if (layerType !== undefined && layerType.toUpperCase() !== 'CONV') {
    throw new CaseFieldError('maestro.layerType', layerType, 'only CONV is supported');
  }

  const strides: Partial<Record<LayerDim, number>> = { ...(layer.strides ?? {}) };
  const subClusters = maestro.subClusters;
  const accelerator: Accelerator = {
    numPes: maestro.numPes ?? subClusters.reduce((product, n) => product * n, 1),
    simdLanes: maestro.simdLanes,
    bitWidth: maestro.bitWidth,
    bandwidth: maestro.bandwidth,
    subClusters,
  };
  // Optional fields stay absent rather than undefined, so the model applies its defaults.
  if (maestro.bufSizes !== undefined) accelerator.bufSizes = maestro.bufSizes;
  if (maestro.offchipBandwidth !== undefined) {
    accelerator.offchipBandwidth = maestro.offchipBandwidth;
  }
  if (maestro.hopLatency !== undefined) accelerator.hopLatency = maestro.hopLatency;
  const mapping = model.parseDataflow(maestro.dataflow, subClusters);
  return { layer: { dims: layer.dims, strides }, accelerator, mapping };
}

/** `maestro.subClusters[1]` from a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(the line)' : text;
}
