import {
  BENCHMARK_MODEL_NAMES,
  BENCHMARK_ROWS,
  type BenchmarkModelName,
} from './benchmarks.js';
import { layerFromRow, resolveDuplicateNames, shapeKey, withUnitStrides } from './layer.js';
import type { ModelLayer } from './layer.js';

export { BENCHMARK_MODEL_NAMES, type BenchmarkModelName };

export const BENCHMARK_MODELS: Readonly<Record<BenchmarkModelName, readonly ModelLayer[]>> =
  buildBenchmarkModels();

function buildBenchmarkModels(): Record<BenchmarkModelName, readonly ModelLayer[]> {
  const models = {} as Record<BenchmarkModelName, readonly ModelLayer[]>;
  for (const name of BENCHMARK_MODEL_NAMES) {
    models[name] = resolveDuplicateNames(BENCHMARK_ROWS[name].map(layerFromRow)).layers;
  }
  return models;
}

/**
 * Every built-in layer in the order the reference lists its tables, so that a prefix matching
 * layers of two models (say `M`) returns them in the reference's order.
 */
const CATALOG_ORDER: readonly BenchmarkModelName[] = [
  'RESNET', 'MOBILENET', 'VGG16', 'MNASNET', 'TRANSFORMER',
];

export const BENCHMARK_LAYERS: readonly ModelLayer[] =
  CATALOG_ORDER.flatMap((name) => BENCHMARK_MODELS[name]);

export function isBenchmarkModelName(name: string): name is BenchmarkModelName {
  return (BENCHMARK_MODEL_NAMES as readonly string[]).includes(name);
}

export interface LayerSelectionOptions {
  /** Treat every stride as 1 (the reference's `--ignore-stride`). Default false. */
  ignoreStride?: boolean;
  /**
   * Keep only the first of layers with identical sizes and strides (the reference's
   * `--remove-duplicate-layers`). Default false.
   */
  removeDuplicateLayers?: boolean;
}

export class LayerSelectionError extends Error {
  readonly code = 'LAYER_SELECTION_EMPTY';
}

/**
 * Layers selected by a comma-separated list of name prefixes, as the reference's `--layers`:
 * each prefix in turn contributes every layer whose name starts with it, in catalog order.
 * `RESNET` thus selects all of ResNet-50 and `VGG16_CONV1` selects CONV10 to CONV13.
 */
export function selectLayers(
  prefixes: string,
  options: LayerSelectionOptions = {},
  catalog: readonly ModelLayer[] = BENCHMARK_LAYERS,
): ModelLayer[] {
  const selected: ModelLayer[] = [];
  const seenShapes = new Set<string>();
  const unmatched: string[] = [];

  for (const prefix of prefixes.split(',')) {
    const matches = catalog.filter((layer) => layer.name.startsWith(prefix));
    if (matches.length === 0) unmatched.push(prefix);

    for (const match of matches) {
      const layer = options.ignoreStride ? withUnitStrides(match) : match;
      const key = shapeKey(layer);
      if (options.removeDuplicateLayers && seenShapes.has(key)) continue;
      seenShapes.add(key);
      selected.push(layer);
    }
  }

  // The reference silently drops a prefix that matches nothing; a typo then shrinks the
  // workload unnoticed, so name it instead.
  if (unmatched.length > 0) {
    const known = [...new Set(catalog.map((layer) => layer.name.split('_')[0]))].join(', ');
    throw new LayerSelectionError(
      `no layer name starts with ${unmatched.map((p) => JSON.stringify(p)).join(', ')}; ` +
        `layer names start with: ${known}`,
    );
  }
  return selected;
}
