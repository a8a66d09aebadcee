/**
 * The command line's one door to the cost model, so that its API is named in one place.
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
  // TODO: import statically once maestro-cost/src/index.ts is committed; until then the path
  // is computed so that the build does not depend on a module that does not exist yet.
  const entry = ['..', '..', 'maestro-cost', 'src', 'index.js'].join('/');
  loaded ??= import(entry) as Promise<CostModel>;
  return loaded;
}

/** True for the cost model's typed input error (checked by shape, not by class identity). */
export function isInputError(error: unknown): error is InputErrorLike {
  if (!(error instanceof Error)) return false;
  const fields = error as Error & Partial<InputErrorLike>;
  return typeof fields.field === 'string' && 'value' in fields && fields.allowed !== undefined;
}
