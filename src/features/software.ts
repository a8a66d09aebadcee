import { LAYER_DIMS } from '../../maestro-cost/src/types.js';
import type { HardwarePoint } from '../space/hardware.js';
import type {
  DataflowMode,
  FixedSoftwarePoint,
  SearchedSoftwarePoint,
  SoftwarePoint,
  SpatialDim,
} from '../space/software.js';

/**
 * The feature groups the software search's surrogate model can learn from (the paper's
 * feature study): `original` (utilisation and iteration counts), `intuitive` (the size of the
 * spatially mapped work), `data-driven` (two mixtures fitted to data) and `raw` (the tile
 * factors and spatial dims themselves).
 */
export type FeatureGroup = 'original' | 'intuitive' | 'data-driven' | 'raw';

export const FEATURE_GROUPS: readonly FeatureGroup[] = [
  'original', 'intuitive', 'data-driven', 'raw',
];

/** The reference's default `--exclude-feat`: everything but the raw schedule. */
export const DEFAULT_EXCLUDED_FEATURES = 'raw';

export class FeatureSelectionError extends Error {
  readonly code = 'FEATURE_GROUP_UNKNOWN';
}

/**
 * Reads a comma-separated `--exclude-feat` list. The reference ignores names it does not know;
 * here they are errors, since a misspelt group would silently stay in.
 */
export function parseExcludedFeatures(list: string): ReadonlySet<FeatureGroup> {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '');
  return checkedGroups(names, 'in --exclude-feat');
}

/** The excluded groups of a search's settings (`excludedFeatures`), each name checked. */
export function featureGroupSet(groups: readonly string[]): ReadonlySet<FeatureGroup> {
  return checkedGroups(groups, 'in the search settings\' excludedFeatures');
}

function checkedGroups(names: readonly string[], where: string): ReadonlySet<FeatureGroup> {
  const unknown = names.filter((name) => !(FEATURE_GROUPS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new FeatureSelectionError(
      `unknown feature group ${unknown.map((n) => JSON.stringify(n)).join(', ')} ${where}; ` +
        `allowed: ${FEATURE_GROUPS.join(', ')}`,
    );
  }
  return new Set(names as FeatureGroup[]);
}

interface SearchedContext {
  readonly hardware: HardwarePoint;
  readonly software: SearchedSoftwarePoint;
  readonly levels: number;
}

/** A block of features, kept when any of its groups is not excluded. */
interface FeatureBlock {
  readonly groups: readonly FeatureGroup[];
  labels(levels: number): string[];
  values(context: SearchedContext): number[];
}

/**
 * Searched-mode features in the reference's order. The shape feature belongs to both the
 * original and the intuitive set, so it stays unless both are excluded.
 */
const SEARCHED_BLOCKS: readonly FeatureBlock[] = [
  {
    groups: ['original'],
    labels: () => ['total_iterations', 'total_utilization', 'dram_kernel_tile'],
    values: (context) => [...iterationsAndUtilization(context), outerKernelTile(context)],
  },
  {
    groups: ['original', 'intuitive'],
    labels: () => ['shape'],
    values: (context) => [spatialShape(context)],
  },
  {
    groups: ['data-driven'],
    labels: () => ['data_driven_1', 'data_driven_2'],
    values: (context) => dataDriven(context),
  },
  {
    groups: ['raw'],
    labels: (levels) => [
      ...LAYER_DIMS.flatMap((dim) => Array.from({ length: levels + 1 }, (_, i) => `${dim}${i}`)),
      ...Array.from({ length: levels }, (_, level) => `l${level}_spatial_dim`),
    ],
    values: ({ software, levels }) => [
      ...LAYER_DIMS.flatMap((dim) => software.tiles[dim].slice(0, levels + 1)),
      // A spatial dim enters as its letter's character code, as in the reference.
      ...software.spatialDims.slice(0, levels).map((dim) => dim.charCodeAt(0)),
    ],
  },
];

/** Fixed-mode features: the K and C tile factors, whatever is excluded. */
const FIXED_DIMS = ['K', 'C'] as const;

const keep = (block: FeatureBlock, excluded: ReadonlySet<FeatureGroup>): boolean =>
  block.groups.some((group) => !excluded.has(group));

/** Names of the features `softwareFeatures` returns, prefixed `sw_feat_` as in the reference. */
export function softwareFeatureLabels(
  mode: DataflowMode,
  levels: number,
  excluded: ReadonlySet<FeatureGroup>,
): string[] {
  const labels = mode === 'fixed'
    ? FIXED_DIMS.flatMap((dim) => Array.from({ length: levels + 1 }, (_, i) => `${dim}${i}`))
    : SEARCHED_BLOCKS.filter((block) => keep(block, excluded)).flatMap((b) => b.labels(levels));
  return labels.map((label) => `sw_feat_${label}`);
}

/** The surrogate model's view of one schedule on one accelerator. */
export function softwareFeatures(
  hardware: HardwarePoint,
  software: SoftwarePoint,
  excluded: ReadonlySet<FeatureGroup>,
): number[] {
  const levels = hardware.levelSubClusters.length;
  if (software.mode === 'fixed') return fixedFeatures(software, levels);

  const context: SearchedContext = { hardware, software, levels };
  return SEARCHED_BLOCKS.filter((block) => keep(block, excluded))
    .flatMap((block) => block.values(context));
}

function fixedFeatures(software: FixedSoftwarePoint, levels: number): number[] {
  return FIXED_DIMS.flatMap((dim) => software.tiles[dim].slice(0, levels + 1));
}

/**
 * Per level, on its spatial dim with factors t: the parallel degree is floor(t[l+1] / t[l])
 * sub-tiles, the utilisation that degree over the level's sub-clusters (at most 1), and the
 * iterations ceil(t[l+1] * t[l] / sub-clusters). Both multiply over levels.
 */
function iterationsAndUtilization({ hardware, software, levels }: SearchedContext): number[] {
  let iterations = 1;
  let utilization = 1;
  for (let level = 0; level < levels; level++) {
    const factors = software.tiles[software.spatialDims[level]];
    const subClusters = hardware.levelSubClusters[level];
    const parallelDegree = Math.floor(factors[level + 1] / factors[level]);
    utilization *= Math.min(1, parallelDegree / subClusters);
    iterations *= Math.ceil((factors[level + 1] * factors[level]) / subClusters);
  }
  return [iterations, utilization];
}

/** R x S tile of the outermost level: the filter window fetched from DRAM at a time. */
function outerKernelTile({ software }: SearchedContext): number {
  return software.tiles.R.at(-1)! * software.tiles.S.at(-1)!;
}

/** Product of the full sizes of the distinct spatially mapped dims. */
function spatialShape({ software, levels }: SearchedContext): number {
  const dims = new Set<SpatialDim>(software.spatialDims.slice(0, levels));
  let shape = 1;
  for (const dim of dims) shape *= software.tiles[dim].reduce((a, b) => a * b, 1);
  return shape;
}

/**
 * The two features the reference found by fitting to data: a prime-weighted sum of outer X,
 * Y and K factors, and the outer-to-inner ratios of X and Y scaled by the two levels'
 * sub-cluster counts. LIMITATION: both read exactly three factors and two levels, as the
 * reference does.
 */
function dataDriven({ hardware, software }: SearchedContext): number[] {
  const { X, Y, K } = software.tiles;
  const first =
    2 * X.at(-1)! + 3 * Y.at(-1)! + 5 * K.at(-1)! + 7 * K.at(-2)! + 11 * K.at(-3)!;
  const [inner, outer] = hardware.levelSubClusters;
  const second = (X.at(-1)! / X[0]) * (Y.at(-1)! / Y[0]) * (inner + outer);
  return [first, second];
}
