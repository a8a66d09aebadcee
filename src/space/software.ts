import type { LayerDim } from '../../maestro-cost/src/types.js';
import { orderedFactorisations } from './factorisation.js';
import { ProductSpace } from './product-space.js';

/** Dimensions a cluster level may spread over its sub-clusters (never N). */
export type SpatialDim = 'K' | 'C' | 'X' | 'Y' | 'R' | 'S';

export const SPATIAL_DIMS: readonly SpatialDim[] = ['K', 'C', 'X', 'Y', 'R', 'S'];

/** Hand-written dataflows of the fixed mode: Eyeriss row-stationary, ShiDianNao, NVDLA. */
export type FixedDataflow = 'eye' | 'shi' | 'dla';

/** In the order the reference lists them, which decides flat indices. */
export const FIXED_DATAFLOWS: readonly FixedDataflow[] = ['eye', 'dla', 'shi'];

/** `searched`: tiles of every dim and a spatial dim per level; `fixed`: a named dataflow. */
export type DataflowMode = 'searched' | 'fixed';

/**
 * Tile factors of one dimension, one per memory level, innermost first (for two cluster
 * levels: inner, middle, outer). Their product is the dimension's size; the running product
 * is the tile held at each level.
 */
export type TileFactors = readonly number[];

export interface SearchedSoftwarePoint {
  readonly mode: 'searched';
  readonly tiles: Readonly<Record<LayerDim, TileFactors>>;
  /** The dimension each cluster level maps spatially, level 0 innermost. */
  readonly spatialDims: readonly SpatialDim[];
}

export interface FixedSoftwarePoint {
  readonly mode: 'fixed';
  /** Only K and C are tiled; the dataflow fixes everything else. */
  readonly tiles: Readonly<Record<'K' | 'C', TileFactors>>;
  readonly dataflow: FixedDataflow;
}

/** A schedule for one layer: what the software search chooses. */
export type SoftwarePoint = SearchedSoftwarePoint | FixedSoftwarePoint;

/** Dimension order of the tile parameters: K and C first, as both modes share them. */
const SEARCHED_TILE_ORDER: readonly LayerDim[] = ['K', 'C', 'N', 'X', 'Y', 'R', 'S'];

/**
 * The schedules of one layer for a hierarchy of `levels` cluster levels. Parameters follow the
 * reference's order (tiles of K, C, then N, X, Y, R, S, then each level's spatial dim; or K, C
 * and the dataflow name) so flat indices agree.
 */
export function buildSoftwareSpace(
  dims: Readonly<Record<LayerDim, number>>,
  mode: DataflowMode,
  levels: number,
): ProductSpace<SoftwarePoint> {
  const tileDims = mode === 'searched' ? SEARCHED_TILE_ORDER : (['K', 'C'] as const);
  const parameters = tileDims.map((dim) => ({
    name: dim,
    values: orderedFactorisations(dims[dim], levels + 1),
  }));

  if (mode === 'fixed') {
    return new ProductSpace<SoftwarePoint>(
      [...parameters, { name: 'dataflow', values: FIXED_DATAFLOWS }],
      (genes) => ({
        mode: 'fixed',
        tiles: { K: genes[0] as number[], C: genes[1] as number[] },
        dataflow: genes[2] as FixedDataflow,
      }),
      (point) => {
        const fixed = point as FixedSoftwarePoint;
        return [fixed.tiles.K, fixed.tiles.C, fixed.dataflow];
      },
    );
  }

  const spatial = Array.from({ length: levels }, (_, level) => ({
    name: `l${level}_spatial_dim`,
    values: SPATIAL_DIMS,
  }));
  return new ProductSpace<SoftwarePoint>(
    [...parameters, ...spatial],
    (genes) => {
      const tiles = {} as Record<LayerDim, TileFactors>;
      SEARCHED_TILE_ORDER.forEach((dim, i) => { tiles[dim] = genes[i] as number[]; });
      return {
        mode: 'searched',
        tiles,
        spatialDims: genes.slice(SEARCHED_TILE_ORDER.length) as SpatialDim[],
      };
    },
    (point) => {
      const searched = point as SearchedSoftwarePoint;
      return [...SEARCHED_TILE_ORDER.map((dim) => searched.tiles[dim]), ...searched.spatialDims];
    },
  );
}

/** Running products of tile factors: the tile size each level holds, innermost first. */
export function levelTileSizes(factors: TileFactors): number[] {
  let product = 1;
  return factors.map((factor) => (product *= factor));
}
