import { z } from 'zod';
import type { LayerDim } from '../../maestro-cost/src/types.js';
import type { HardwarePoint } from './hardware.js';
import { isHardwarePointTemplateName, HARDWARE_POINT_TEMPLATES } from './templates.js';
import {
  FIXED_DATAFLOWS,
  SPATIAL_DIMS,
  type SoftwarePoint,
  type SpatialDim,
  type TileFactors,
} from './software.js';

/**
 * Points as the reference spells them: in its `--hw-point` / `--sw-point` arguments, its logs
 * and the golden files. Hardware: `num_simd_lane`, `bit_width`, `bandwidth`, `l0_buf_size`,
 * `l1_buf_size` (bytes), `subclusters` (inner level first). Software: per-dim tile factors
 * under the dim's letter, plus `l<i>_spatial_dim` per level or a fixed `dataflow`.
 */

const count = z.number().int().min(1);

const referenceHardwareSchema = z.strictObject({
  num_simd_lane: count,
  bit_width: count,
  bandwidth: count,
  l0_buf_size: count,
  l1_buf_size: count,
  subclusters: z.array(count).length(2),
});

export type ReferenceHardwarePoint = z.infer<typeof referenceHardwareSchema>;

const tiles = z.array(count).min(1);
const spatialDim = z.enum(SPATIAL_DIMS as [SpatialDim, ...SpatialDim[]]);

const referenceSearchedSchema = z.strictObject({
  N: tiles, K: tiles, C: tiles, X: tiles, Y: tiles, R: tiles, S: tiles,
  l0_spatial_dim: spatialDim,
  l1_spatial_dim: spatialDim,
});

const referenceFixedSchema = z.strictObject({
  K: tiles,
  C: tiles,
  dataflow: z.enum(FIXED_DATAFLOWS as ['eye', 'dla', 'shi']),
});

export type ReferenceSoftwarePoint =
  | z.infer<typeof referenceSearchedSchema>
  | z.infer<typeof referenceFixedSchema>;

export class PointFormatError extends Error {
  readonly code = 'POINT_INVALID';
}

export function hardwarePointFromReference(record: unknown): HardwarePoint {
  const parsed = parseOrThrow(referenceHardwareSchema, record, 'hardware point');
  return {
    simdLanes: parsed.num_simd_lane,
    bitWidth: parsed.bit_width,
    bandwidth: parsed.bandwidth,
    levelBufferBytes: [parsed.l0_buf_size, parsed.l1_buf_size],
    levelSubClusters: [...parsed.subclusters],
  };
}

export function hardwarePointToReference(point: HardwarePoint): ReferenceHardwarePoint {
  return {
    num_simd_lane: point.simdLanes,
    bit_width: point.bitWidth,
    bandwidth: point.bandwidth,
    l0_buf_size: point.levelBufferBytes[0],
    l1_buf_size: point.levelBufferBytes[1],
    subclusters: [...point.levelSubClusters],
  };
}

/** Reads either software form; a `dataflow` key marks the fixed one. */
export function softwarePointFromReference(record: unknown): SoftwarePoint {
  const isFixed = typeof record === 'object' && record !== null && 'dataflow' in record;
  if (isFixed) {
    const parsed = parseOrThrow(referenceFixedSchema, record, 'software point');
    return { mode: 'fixed', tiles: { K: parsed.K, C: parsed.C }, dataflow: parsed.dataflow };
  }
  const parsed = parseOrThrow(referenceSearchedSchema, record, 'software point');
  const { l0_spatial_dim, l1_spatial_dim, ...tileFactors } = parsed;
  return {
    mode: 'searched',
    tiles: tileFactors,
    spatialDims: [l0_spatial_dim, l1_spatial_dim],
  };
}

export function softwarePointToReference(point: SoftwarePoint): ReferenceSoftwarePoint {
  if (point.mode === 'fixed') {
    return { K: [...point.tiles.K], C: [...point.tiles.C], dataflow: point.dataflow };
  }
  const copy = (factors: TileFactors): number[] => [...factors];
  const { N, K, C, X, Y, R, S } = point.tiles;
  return {
    K: copy(K), C: copy(C), N: copy(N), X: copy(X), Y: copy(Y), R: copy(R), S: copy(S),
    l0_spatial_dim: point.spatialDims[0],
    l1_spatial_dim: point.spatialDims[1],
  };
}

/**
 * Reads point text: JSON, or the reference's dictionary notation with single quotes
 * (`{'num_simd_lane':16,...}`), which its logs print and its arguments take.
 */
export function parsePointText(text: string): unknown {
  try {
    return JSON.parse(text.replaceAll("'", '"'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PointFormatError(`point ${JSON.stringify(text)} is not a dictionary: ${reason}`);
  }
}

/** Prints a point the way the reference logs it: its dictionary, without spaces. */
export function formatReferencePoint(
  record: ReferenceHardwarePoint | ReferenceSoftwarePoint,
): string {
  return JSON.stringify(record).replaceAll('"', "'");
}

/** A hardware point named by template (`eyeriss_edge`, ...) or written out as text. */
export function resolveHardwarePoint(nameOrText: string): HardwarePoint {
  if (isHardwarePointTemplateName(nameOrText)) {
    return HARDWARE_POINT_TEMPLATES[nameOrText].point;
  }
  if (!nameOrText.trim().startsWith('{')) {
    const known = Object.keys(HARDWARE_POINT_TEMPLATES).join(', ');
    throw new PointFormatError(
      `unknown hardware point "${nameOrText}": give a dictionary or one of ${known}`,
    );
  }
  return hardwarePointFromReference(parsePointText(nameOrText));
}

/**
 * What makes a schedule unusable for a layer on a hierarchy of `levels` cluster levels:
 * wrong factor counts, or factors whose product is not the dimension's size. Empty if none.
 */
export function softwarePointProblems(
  point: SoftwarePoint,
  dims: Readonly<Record<LayerDim, number>>,
  levels: number,
): string[] {
  const problems: string[] = [];
  for (const [dim, factors] of Object.entries(point.tiles) as [LayerDim, TileFactors][]) {
    if (factors.length !== levels + 1) {
      problems.push(`${dim}: expected ${levels + 1} tile factors, received ${factors.length}`);
    }
    const product = factors.reduce((a, b) => a * b, 1);
    if (product !== dims[dim]) {
      problems.push(`${dim}: tile factors multiply to ${product}, the layer has ${dims[dim]}`);
    }
  }
  if (point.mode === 'searched' && point.spatialDims.length !== levels) {
    problems.push(`expected ${levels} spatial dims, received ${point.spatialDims.length}`);
  }
  return problems;
}

function parseOrThrow<T>(schema: z.ZodType<T>, record: unknown, what: string): T {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(whole point)';
    return `  ${where}: ${issue.message}`;
  });
  throw new PointFormatError(`${what} is invalid:\n${issues.join('\n')}`);
}
