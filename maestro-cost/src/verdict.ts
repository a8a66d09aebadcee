/**
 * Validity of a raw result. The reference library reports such results as valid and returns
 * a delay of 0, negative energies or negative areas; Spotlight then discards them. Here they
 * come back as `valid: false` with a reason naming what went wrong and where.
 */
import type { LevelPlan } from './clusters.js';
import { R, S, X, XO, Y, YO } from './layer.js';
import type { ModelRun } from './model.js';
import type { InvalidKind } from './types.js';

export interface Verdict {
  valid: boolean;
  reason?: string;
  invalidKind?: InvalidKind;
}

function levelName(index: number, count: number): string {
  if (index === 0) return `level 0 (top)`;
  return index === count - 1 ? `level ${index} (inner)` : `level ${index} (middle)`;
}

/** The first level (outermost first) whose output tile is empty, described. */
export function emptyOutputTile(levels: readonly LevelPlan[]): string | null {
  for (const lv of levels) {
    for (const [out, window, filter] of [[XO, X, S], [YO, Y, R]]) {
      const names = out === XO ? ["X'", 'X', 'S'] : ["Y'", 'Y', 'R'];
      const where = levelName(lv.index, levels.length);
      if (lv.m[out] <= 0) {
        return `${where}: output tile ${names[0]} = ${lv.m[out]} <= 0: the ${names[1]} window ` +
          `tile ${lv.m[window]} is smaller than the filter tile ${names[2]} = ${lv.m[filter]}`;
      }
      if (lv.me[out] <= 0) {
        return `${where}: edge output tile ${names[0]} = ${lv.me[out]} <= 0: the ${names[1]} ` +
          `window tile at the edge ${lv.me[window]} is smaller than the filter tile ` +
          `${names[2]} = ${lv.me[filter]}`;
      }
    }
  }
  return null;
}

export function judge(run: ModelRun): Verdict {
  const { top, cost } = run;
  if (!(top.runtime > 0)) {
    const cause = emptyOutputTile(run.levels) ??
      'no top-level case has partial sums and a non-zero compute delay';
    return {
      valid: false, invalidKind: 'empty-output',
      reason: `no cycles counted (delay ${top.runtime}): ${cause}`,
    };
  }
  if (!(top.computations > 0)) {
    const cause = emptyOutputTile(run.levels);
    return {
      valid: false, invalidKind: 'non-positive-throughput',
      reason: `throughput ${top.computations / top.runtime} <= 0: the model counts ` +
        `${top.computations} computations` + (cause === null ? '' : ` (${cause})`),
    };
  }
  if (!(run.energy.total > 0)) {
    return {
      valid: false, invalidKind: 'non-positive-energy',
      reason: `energy ${run.energy.total} <= 0: access counts turned negative ` +
        `(OutputL2BufferWrite = ${top.l2Write[2]}, Computations = ${top.computations})`,
    };
  }
  const buffers = `the required buffer sizes summed as C ints (L1 = ${run.areaL1}, ` +
    `L2 = ${run.areaL2}) wrapped or went negative`;
  if (!(cost.area > 0)) {
    return {
      valid: false, invalidKind: 'non-positive-area',
      reason: `area ${cost.area} <= 0: ${buffers}`,
    };
  }
  if (!(cost.power > 0)) {
    return {
      valid: false, invalidKind: 'non-positive-power',
      reason: `power ${cost.power} <= 0: ${buffers}`,
    };
  }
  return { valid: true };
}
