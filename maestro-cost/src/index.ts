/**
 * maestro-cost: a TypeScript port of the MAESTRO analytical cost model as modified and called
 * by Spotlight (evaluate one CONV layer on one accelerator with one mapping). It agrees with
 * the reference on every golden case: validity, the five outputs to 1e-9 relative, every
 * metric of its dump.
 *
 * Deliberate differences from the reference:
 * - infeasible points (no cycle counted, energy/area/power <= 0) are `valid: false` with a
 *   reason and zeros in the five outputs; the reference returns them as valid raw numbers
 *   (the metric map keeps the raw finite values). A non-positive count of computations
 *   (negative throughput), which Spotlight would accept, is invalid too; no golden case has
 *   one;
 * - inputs on which the reference crashes, reads garbage or silently drops something throw
 *   `MaestroInputError`: zero or non-integer sizes, bandwidth, SIMD lanes or strides, a
 *   filter larger than the input, a level without a spatial map, more than three cluster
 *   boundaries, a trailing or unsized `C`, unknown directive types or dims, non-numeric
 *   tiles (the reference's std::stoi would read "3abc" as 3), layer types other than CONV,
 *   sub-cluster sizes not multiplying to numPes, int products that wrap to a zero divisor;
 * - the metric the reference dumps as "Invalid" (MinRunTime) is named `MinRunTime`;
 * - -0 never appears: C integers have none.
 *
 * Reproduced on purpose although questionable (README, "Reference behaviour kept on
 * purpose"): output dims ignore the stride; Computations is not the MAC count; L1 energy
 * ignores the bit width; area and power use the required buffer sizes of one sub-analysis,
 * not the configured ones.
 */
export { analyze, evaluate, evaluateSummary } from './api.js';
export { MaestroInputError } from './errors.js';
export { parseDataflow } from './mapping.js';
export type * from './trace.js';
export * from './types.js';
