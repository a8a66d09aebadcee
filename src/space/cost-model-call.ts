import {
  LAYER_DIMS,
  type Accelerator,
  type Layer,
  type LayerDim,
} from '../../maestro-cost/src/types.js';
import { totalPes, type HardwarePoint } from './hardware.js';
import {
  levelTileSizes,
  type FixedSoftwarePoint,
  type SoftwarePoint,
  type SpatialDim,
} from './software.js';

/**
 * Everything one cost-model evaluation needs, built from a (hardware, software) point exactly
 * as the reference builds its call into MAESTRO.
 */
export interface CostModelCall {
  /** The reference evaluates every layer as a convolution, whatever its table declares. */
  readonly layerType: 'CONV';
  readonly layer: Layer;
  readonly accelerator: Accelerator;
  /**
   * Directives in the cost model's compact form (`SK|1,TC|4,...,C,SC|1,...`), outermost level
   * first; expand with maestro-cost's `parseDataflow(dataflow, accelerator.subClusters)`.
   */
  readonly dataflow: string;
  /**
   * Whether the reference would let the cost model try shuffled orders of the outer level's
   * directives (searched schedules only; the fixed dataflows keep their order).
   */
  readonly outerOrderSearchable: boolean;
}

/** Buffer, sub-cluster count and tile sizes of one cluster level, as the call sees it. */
interface LevelView {
  readonly bufferBytes: number;
  readonly subClusters: number;
  readonly tiles: Partial<Record<LayerDim, number>>;
}

/** Directive order within a level, after its spatial directive. */
const TILE_ORDER: readonly LayerDim[] = ['N', 'K', 'C', 'X', 'Y', 'R', 'S'];

export function toCostModelCall(
  layer: Layer,
  hardware: HardwarePoint,
  software: SoftwarePoint,
): CostModelCall {
  const levels = levelViews(hardware, software);

  const accelerator: Accelerator = {
    numPes: totalPes(hardware),
    simdLanes: hardware.simdLanes,
    bitWidth: hardware.bitWidth,
    bandwidth: hardware.bandwidth,
    bufSizes: levels.map((level) => level.bufferBytes),
    subClusters: levels.map((level) => level.subClusters),
  };

  const directives = software.mode === 'searched'
    ? searchedDirectives(levels, [...software.spatialDims].reverse())
    : fixedDirectives(layer, levels, software.dataflow);

  return {
    layerType: 'CONV',
    layer: fullLayer(layer),
    accelerator,
    dataflow: directives.join(','),
    outerOrderSearchable: software.mode === 'searched',
  };
}

/**
 * Per-level view, outermost level first. A level's buffer is split evenly among the partitions
 * below it (one per sub-cluster of every outer level), rounded down to whole bytes.
 */
function levelViews(hardware: HardwarePoint, software: SoftwarePoint): LevelView[] {
  const levelCount = hardware.levelSubClusters.length;
  const tileDims = Object.keys(software.tiles) as (keyof typeof software.tiles)[];
  const tileSizes = tileDims.map((dim) => levelTileSizes(tileFactors(software, dim)));

  const views: LevelView[] = [];
  let partitions = 1;
  for (let level = levelCount - 1; level >= 0; level--) {
    const tiles: Partial<Record<LayerDim, number>> = {};
    tileDims.forEach((dim, i) => { tiles[dim] = tileSizes[i][level]; });
    views.push({
      bufferBytes: Math.trunc(hardware.levelBufferBytes[level] / partitions),
      subClusters: hardware.levelSubClusters[level],
      tiles,
    });
    partitions *= hardware.levelSubClusters[level];
  }
  return views;
}

function tileFactors(software: SoftwarePoint, dim: LayerDim): readonly number[] {
  return (software.tiles as Partial<Record<LayerDim, readonly number[]>>)[dim] ?? [];
}

/**
 * Each level, outermost first: its spatial map, then temporal maps of the other dims in
 * N K C X Y R S order, then a cluster boundary before the next level.
 */
function searchedDirectives(
  levels: readonly LevelView[],
  spatialDimsOuterFirst: readonly SpatialDim[],
): string[] {
  const directives: string[] = [];
  const tiles = levels.map((level) => ({ ...level.tiles }));

  levels.forEach((_, i) => {
    const spatial = spatialDimsOuterFirst[i];
    directives.push(`S${spatial}|${tiles[i][spatial]}`);
    for (const dim of TILE_ORDER) {
      if (dim !== spatial) directives.push(`T${dim}|${tiles[i][dim]}`);
    }
    if (i + 1 < levels.length) {
      // An inner tile never exceeds the outer one on the spatial dim. Running products
      // already ensure it; kept so hand-made points behave as in the reference.
      tiles[i + 1][spatial] = Math.min(tiles[i + 1][spatial] ?? 0, tiles[i][spatial] ?? 0);
      directives.push('C');
    }
  });
  return directives;
}

/**
 * The three hand-written dataflows on two levels. Only the outer level's K and C tiles and
 * the inner level's sub-cluster count vary; the rest follows the layer's R and S.
 *
 * The reference writes the filter sizes into some X, Y, X' and Y' maps too (NVDLA's
 * `TY|R,TX|S`, Eyeriss's `TX'|S`); those are reproduced as they are.
 */
function fixedDirectives(
  layer: Layer,
  levels: readonly LevelView[],
  dataflow: FixedSoftwarePoint['dataflow'],
): string[] {
  // LIMITATION: the fixed dataflows are written for exactly two cluster levels, as in the
  // reference; other depths are refused rather than given a mismatched directive list.
  if (levels.length !== 2) {
    throw new RangeError(`fixed dataflow ${dataflow} needs 2 cluster levels, got ${levels.length}`);
  }
  const { R, S } = layer.dims;
  const outer = levels[0].tiles;
  const innerSubClusters = levels[1].subClusters;

  switch (dataflow) {
    case 'eye':
      return [
        `TC|${outer.C}`, `TK|${outer.K}`, `SY'|${innerSubClusters}`, `TX'|${S}`, `TR|${R}`,
        `TS|${S}`, 'C',
        'TC|1', "SY'|1", "SX'|1", `TR|${R}`, `TS|${S}`,
      ];
    case 'shi':
      return [
        `TK|${outer.K}`, `SY'|${R}`, `TX|${innerSubClusters}`, `TC|${outer.C}`, `TR|${R}`,
        `TS|${S}`, 'C',
        'TC|1', "TY'|1", "SX'|1", `TR|${R}`, `TS|${S}`,
      ];
    case 'dla':
      return [
        `SK|${outer.K}`, `TC|${innerSubClusters}`, `TR|${R}`, `TS|${S}`, `TY|${R}`, `TX|${S}`,
        'C',
        'SC|1', `TY|${R}`, `TX|${S}`, `TR|${R}`, `TS|${S}`,
      ];
  }
}

/** The layer with every stride spelled out (1 where absent), as the call passes it. */
function fullLayer(layer: Layer): Layer {
  const strides = {} as Record<LayerDim, number>;
  for (const dim of LAYER_DIMS) strides[dim] = layer.strides?.[dim] ?? 1;
  return { dims: { ...layer.dims }, strides };
}
