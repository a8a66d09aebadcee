import { LAYER_DIMS, type Layer, type LayerDim } from '../../maestro-cost/src/types.js';
import type { LayerRow } from './benchmarks.js';

/** The layer kind a model table declares. The search evaluates every kind as CONV anyway. */
export type DeclaredLayerKind = 'CONV' | 'DSCONV';

export const DECLARED_LAYER_KINDS: readonly DeclaredLayerKind[] = ['CONV', 'DSCONV'];

/** One layer of a DL model, named, with every dimension and stride spelled out. */
export interface ModelLayer {
  readonly name: string;
  /** Sizes of N, K, C, X, Y, R, S (X and Y are the input's width and height). */
  readonly dims: Readonly<Record<LayerDim, number>>;
  /** Stride per dimension; only X and Y are ever above 1. */
  readonly strides: Readonly<Record<LayerDim, number>>;
  readonly declaredType: DeclaredLayerKind;
}

export interface LayerShapeInput {
  name: string;
  dims: Record<LayerDim, number>;
  strideX?: number;
  strideY?: number;
  declaredType?: DeclaredLayerKind;
}

/** A layer whose sizes cannot describe a convolution; names the layer and the field. */
export class LayerShapeError extends RangeError {
  readonly code = 'LAYER_SHAPE_INVALID';

  constructor(
    readonly layer: string,
    readonly field: LayerDim,
    message: string,
  ) {
    super(`layer ${layer}, ${field}: ${message}`);
    this.name = 'LayerShapeError';
  }
}

/**
 * Why a filter does not fit its input, per field, or nothing when it fits. A filter taller
 * (R > Y) or wider (S > X) than its input leaves no output; the cost model refuses every
 * schedule of such a layer, so a search on it could only spin until it gave up.
 */
export function filterFitProblems(
  dims: Readonly<Record<LayerDim, number>>,
): { field: 'R' | 'S'; message: string }[] {
  const problems: { field: 'R' | 'S'; message: string }[] = [];
  if (dims.R > dims.Y) {
    problems.push({
      field: 'R',
      message: `${dims.R} is larger than the input height Y = ${dims.Y}; allowed: ` +
        `1 to ${dims.Y} (a filter cannot be taller than its input)`,
    });
  }
  if (dims.S > dims.X) {
    problems.push({
      field: 'S',
      message: `${dims.S} is larger than the input width X = ${dims.X}; allowed: ` +
        `1 to ${dims.X} (a filter cannot be wider than its input)`,
    });
  }
  return problems;
}

/**
 * Builds a layer with unit strides everywhere except X and Y. Throws a LayerShapeError when
 * the filter does not fit the input (see `filterFitProblems`).
 */
export function makeLayer(input: LayerShapeInput): ModelLayer {
  const [problem] = filterFitProblems(input.dims);
  if (problem !== undefined) throw new LayerShapeError(input.name, problem.field, problem.message);

  const strides = Object.fromEntries(LAYER_DIMS.map((dim) => [dim, 1])) as Record<LayerDim, number>;
  strides.X = input.strideX ?? 1;
  strides.Y = input.strideY ?? 1;
  return {
    name: input.name,
    dims: { ...input.dims },
    strides,
    declaredType: input.declaredType ?? 'CONV',
  };
}

export function layerFromRow(row: LayerRow): ModelLayer {
  const [name, N, K, C, X, Y, R, S, stride, declaredType] = row;
  return makeLayer({
    name,
    dims: { N, K, C, X, Y, R, S },
    strideX: stride,
    strideY: stride,
    declaredType,
  });
}

/** The same layer with every stride 1 (the reference's `--ignore-stride`). */
export function withUnitStrides(layer: ModelLayer): ModelLayer {
  return makeLayer({ name: layer.name, dims: { ...layer.dims }, declaredType: layer.declaredType });
}

/** The cost model's view of a layer: sizes and strides only. */
export function costModelLayer(layer: ModelLayer): Layer {
  return { dims: { ...layer.dims }, strides: { ...layer.strides } };
}

/** Key equal for two layers exactly when their sizes and strides agree. */
export function shapeKey(layer: ModelLayer): string {
  const sizes = LAYER_DIMS.map((dim) => layer.dims[dim]);
  const strides = LAYER_DIMS.map((dim) => layer.strides[dim]);
  return [...sizes, ...strides].join(',');
}

export interface ResolvedLayers {
  readonly layers: ModelLayer[];
  /** Names that appeared more than once; the last entry of each won. */
  readonly replacedNames: string[];
}

/**
 * Resolves repeated names the way a dictionary literal does: the first position is kept and
 * the last entry's sizes win. The reference's tables rely on this (a transformer table
 * repeats its attention layers), so user files get the same rule.
 */
export function resolveDuplicateNames(layers: readonly ModelLayer[]): ResolvedLayers {
  const byName = new Map<string, ModelLayer>();
  const replaced = new Set<string>();
  for (const layer of layers) {
    if (byName.has(layer.name)) replaced.add(layer.name);
    byName.set(layer.name, layer);
  }
  return { layers: [...byName.values()], replacedNames: [...replaced] };
}
