/**
 * Input checks at the boundary. Each rejects an input on which the reference crashes (SIGFPE,
 * SIGSEGV, std::terminate), reads garbage, or silently does something else than asked; the
 * error names the field, the value and what is allowed.
 */
import { MaestroInputError } from './errors.js';
import { dimIndex } from './layer.js';
import type { Accelerator, Layer, Mapping } from './types.js';
import { LAYER_DIMS } from './types.js';

const INT32_MAX = 2147483647;

/** The reference keeps four NoC levels, so a mapping may have at most three `C` boundaries. */
export const MAX_CLUSTER_BOUNDARIES = 3;

function isIntIn(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min &&
    value <= INT32_MAX;
}

function notInt(field: string, value: unknown, min: number): MaestroInputError {
  return new MaestroInputError(field, value, `an integer from ${min} to 2^31-1`);
}

function requireInt(field: string, value: unknown, min: number): number {
  if (!isIntIn(value, min)) throw notInt(field, value, min);
  return value;
}

/**
 * As `requireInt` for a field whose name is built from parts: the name (a string
 * concatenation) is made only when the check fails, so valid inputs allocate nothing.
 */
function requireIntAt(prefix: string, key: string | number, suffix: string, value: unknown,
  min: number): number {
  if (!isIntIn(value, min)) throw notInt(`${prefix}${key}${suffix}`, value, min);
  return value;
}

export function validateLayer(layer: Layer): void {
  if (layer === null || typeof layer !== 'object' || layer.dims === undefined) {
    throw new MaestroInputError('layer', layer, 'an object with dims N, K, C, X, Y, R, S');
  }
  if (layer.layerType !== undefined && layer.layerType !== 'CONV') {
    throw new MaestroInputError('layer.layerType', layer.layerType, '"CONV"',
      'the reference crashes on DSCONV and evaluates nothing for other types');
  }
  for (let k = 0; k < LAYER_DIMS.length; k++) {
    const dim = LAYER_DIMS[k];
    requireIntAt('layer.dims.', dim, '', layer.dims[dim], 1);
  }
  const strides = layer.strides;
  if (strides !== undefined && strides !== null) {
    for (const dim in strides) {
      if (!Object.hasOwn(strides, dim)) continue;
      const stride = (strides as Record<string, unknown>)[dim];
      if (stride !== undefined) requireIntAt('layer.strides.', dim, '', stride, 1);
    }
  }

  // A filter wider than the input leaves no output at all (X' or Y' <= 0).
  if (layer.dims.S > layer.dims.X) {
    throw new MaestroInputError('layer.dims.S', layer.dims.S,
      `at most layer.dims.X = ${layer.dims.X}`, 'the filter is wider than the input');
  }
  if (layer.dims.R > layer.dims.Y) {
    throw new MaestroInputError('layer.dims.R', layer.dims.R,
      `at most layer.dims.Y = ${layer.dims.Y}`, 'the filter is taller than the input');
  }
}

export function validateAccelerator(accel: Accelerator): void {
  if (accel === null || typeof accel !== 'object') {
    throw new MaestroInputError('accelerator', accel, 'an Accelerator object');
  }
  requireInt('accelerator.numPes', accel.numPes, 1);
  requireInt('accelerator.simdLanes', accel.simdLanes, 1);
  requireInt('accelerator.bitWidth', accel.bitWidth, 1);
  requireInt('accelerator.bandwidth', accel.bandwidth, 1);
  if (accel.offchipBandwidth !== undefined) {
    requireInt('accelerator.offchipBandwidth', accel.offchipBandwidth, 1);
  }
  if (accel.hopLatency !== undefined) requireInt('accelerator.hopLatency', accel.hopLatency, 0);

  if (!Array.isArray(accel.subClusters) || accel.subClusters.length === 0) {
    throw new MaestroInputError('accelerator.subClusters', accel.subClusters,
      'a non-empty list of sub-cluster sizes, outer level first');
  }
  let product = 1;
  const subClusters = accel.subClusters;
  for (let k = 0; k < subClusters.length; k++) {
    product *= requireIntAt('accelerator.subClusters[', k, ']', subClusters[k], 1);
  }
  if (product !== accel.numPes) {
    throw new MaestroInputError('accelerator.subClusters', accel.subClusters,
      `sizes whose product equals accelerator.numPes = ${accel.numPes}`,
      `their product is ${product}`);
  }
}

/** Checks a mapping against the accelerator it runs on; returns the number of levels. */
export function validateMapping(mapping: Mapping, accel: Accelerator): number {
  if (mapping === null || typeof mapping !== 'object' || !Array.isArray(mapping.directives) ||
    mapping.directives.length === 0) {
    throw new MaestroInputError('mapping.directives', mapping?.directives,
      'a non-empty list of directives');
  }
  const directives = mapping.directives;
  let boundaries = 0;
  let levelHasSpatial = false;
  let levelStart = 0;

  for (let i = 0; i < directives.length; i++) {
    const d = directives[i];
    if (d === null || typeof d !== 'object') {
      throw new MaestroInputError(directiveField(i), d,
        'a spatial, temporal or cluster directive');
    }
    if (d.kind === 'cluster') {
      boundaries++;
      checkClusterDirective(i, d.size, boundaries, accel);
      requireSpatial(levelHasSpatial, levelStart, i, boundaries - 1);
      levelHasSpatial = false;
      levelStart = i + 1;
      continue;
    }
    if (d.kind !== 'spatial' && d.kind !== 'temporal') {
      throw new MaestroInputError(`${directiveField(i)}.kind`, (d as { kind: unknown }).kind,
        '"spatial", "temporal" or "cluster"');
    }
    if (dimIndex(d.dim) < 0) {
      throw new MaestroInputError(`${directiveField(i)}.dim`, d.dim,
        "one of N K C X Y R S X' Y'");
    }
    requireIntAt('mapping.directives[', i, '].size', d.size, 1);
    requireIntAt('mapping.directives[', i, '].offset', d.offset, 1);
    if (d.kind === 'spatial') levelHasSpatial = true;
  }
  requireSpatial(levelHasSpatial, levelStart, directives.length, boundaries);

  if (boundaries > MAX_CLUSTER_BOUNDARIES) {
    throw new MaestroInputError('mapping.directives', `${boundaries} cluster boundaries`,
      `at most ${MAX_CLUSTER_BOUNDARIES} cluster directives (the model has four NoC levels)`);
  }

  // Extra sizes would be silently folded into the top level's width through numPes; the
  // reference never reads them, so a longer list is almost surely a mistake in the call.
  const levels = boundaries + 1;
  if (accel.subClusters.length !== levels) {
    throw new MaestroInputError('accelerator.subClusters', accel.subClusters,
      `one size per cluster level, outer level first: the mapping has ${levels} level(s) ` +
        `(${boundaries} \`C\`), so ${levels} size(s)`);
  }
  return levels;
}

function directiveField(i: number): string {
  return `mapping.directives[${i}]`;
}

function checkClusterDirective(i: number, size: number, k: number, accel: Accelerator) {
  requireIntAt('mapping.directives[', i, '].size', size, 1);
  if (k >= accel.subClusters.length) {
    throw new MaestroInputError('accelerator.subClusters', accel.subClusters,
      `at least ${k + 1} entries: one per cluster directive after index 0`);
  }
  if (accel.subClusters[k] !== size) {
    throw new MaestroInputError(`${directiveField(i)}.size`, size,
      `accelerator.subClusters[${k}] = ${accel.subClusters[k]}`,
      `cluster directive ${k} must size the same sub-cluster as the accelerator`);
  }
}

function requireSpatial(hasSpatial: boolean, start: number, end: number, level: number) {
  if (hasSpatial) return;
  const where = start === end ? 'an empty level' : `directives ${start}..${end - 1}`;
  throw new MaestroInputError(`mapping level ${level}`, where,
    'at least one spatial directive per cluster level (a trailing cluster directive leaves ' +
    'the innermost level empty)');
}
