/**
 * The compact directive list Spotlight hands to the model (`SK|1,TC|1536,...,C,SC|1,...`) and
 * its expansion into directives, following the reference wrapper's rules:
 * - `S<dim>|n` is a spatial map of n with offset n (non-overlapping tiles);
 * - `T<dim>|n` on exactly `X` or `Y` is a temporal map of n with offset 1 (a sliding input
 *   window); every other `T`, including `X'` and `Y'`, has offset n;
 * - the k-th `C` (k from 1) is a cluster boundary of `subClusters[k]` sub-units.
 *
 * Where the reference wrapper crashes or silently drops a token, this parser throws a
 * `MaestroInputError` instead.
 */
import { MaestroInputError } from './errors.js';
import { dimIndex } from './layer.js';
import type { Directive, DirectiveDim, Mapping } from './types.js';

const INT32_MAX = 2147483647;

const ALLOWED_TOKEN =
  "`C`, or `S<dim>|<n>` / `T<dim>|<n>` with <dim> one of N K C X Y R S X' Y' and n >= 1";

/** Expand a compact directive list; `subClusters[k]` sizes the k-th `C` (index 0 is unused). */
export function parseDataflow(dataflow: string, subClusters: number[]): Mapping {
  if (typeof dataflow !== 'string' || dataflow.trim() === '') {
    throw new MaestroInputError('dataflow', dataflow, 'a non-empty comma-separated list: ' +
      ALLOWED_TOKEN);
  }
  const tokens = dataflow.split(',');
  const directives: Directive[] = [];
  let clusterCount = 0;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].trim();
    const field = `dataflow token ${i + 1}`;

    // A cluster boundary takes its size from the hardware point, not from the string.
    if (token === 'C') {
      if (i === tokens.length - 1) {
        throw new MaestroInputError(field, token, 'a directive after every `C`',
          'a trailing `C` opens a level with no directives');
      }
      clusterCount++;
      directives.push(clusterDirective(clusterCount, subClusters, field));
      continue;
    }

    directives.push(parseMapToken(token, field));
  }
  return { directives };
}

function clusterDirective(k: number, subClusters: number[], field: string): Directive {
  if (!Array.isArray(subClusters) || k >= subClusters.length) {
    throw new MaestroInputError('subClusters', subClusters,
      `one size per cluster level: ${field} is \`C\` number ${k}, so at least ${k + 1} ` +
        `sizes (outer level first), got ${Array.isArray(subClusters) ? subClusters.length : 0}`);
  }
  const size = subClusters[k];
  if (!Number.isInteger(size) || size < 1 || size > INT32_MAX) {
    throw new MaestroInputError(`subClusters[${k}]`, size, 'an integer from 1 to 2^31-1');
  }
  return { kind: 'cluster', dim: '', size, offset: 0 };
}

function parseMapToken(token: string, field: string): Directive {
  const bar = token.indexOf('|');
  if (bar < 2) throw new MaestroInputError(field, token, ALLOWED_TOKEN);
  const type = token[0];
  const dim = token.slice(1, bar).trim();
  const tile = token.slice(bar + 1).trim();

  if (type !== 'S' && type !== 'T') {
    throw new MaestroInputError(field, token, ALLOWED_TOKEN,
      `directive type ${JSON.stringify(type)} is neither S nor T`);
  }
  if (dimIndex(dim) < 0) {
    throw new MaestroInputError(field, token, ALLOWED_TOKEN,
      `${JSON.stringify(dim)} is not a dimension`);
  }
  // Stricter than the reference's std::stoi, which would read `3abc` as 3.
  if (!/^\+?[0-9]+$/.test(tile) || Number(tile) < 1 || Number(tile) > INT32_MAX) {
    throw new MaestroInputError(field, token, ALLOWED_TOKEN,
      `tile ${JSON.stringify(tile)} is not an integer from 1 to 2^31-1`);
  }
  const size = Number(tile);
  const directiveDim = dim as DirectiveDim;
  if (type === 'S') return { kind: 'spatial', dim: directiveDim, size, offset: size };
  const slidingWindow = dim === 'X' || dim === 'Y';
  return { kind: 'temporal', dim: directiveDim, size, offset: slidingWindow ? 1 : size };
}
