/**
 * The command line's one door to the cost model, so that its API is named in one place. The
 * model is imported on first use: commands that never evaluate (compare) start faster.
 */

import type { Accelerator, CostResult, Layer, Mapping } from '../../maestro-cost/src/types.js';

export interface CostModel {
  evaluate(layer: Layer, accelerator: Accelerator, mapping: Mapping): CostResult;
  parseDataflow(dataflow: string, subClusters: readonly number[]): Mapping;
}

/** The shape of the cost model's input error: which field, what it was, what is allowed. */
export interface InputErrorLike {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
  readonly message: string;
}

let loaded: Promise<CostModel> | undefined;

export function loadCostModel(): Promise<CostModel> {
  loaded ??= import('../../maestro-cost/src/index.js').then((model) => ({
    evaluate: model.evaluate,
    parseDataflow: (dataflow, subClusters) => model.parseDataflow(dataflow, [...subClusters]),
  }));
  return loaded;
}

/** True for the cost model's typed input error (checked by shape, not by class identity). */
export function isInputError(error: unknown): error is InputErrorLike {
  if (!(error instanceof Error)) return false;
  const fields = error as Error & Partial<InputErrorLike>;
  return typeof fields.field === 'string' && 'value' in fields && fields.allowed !== undefined;
}
