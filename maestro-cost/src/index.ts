/**
 * maestro-cost: a TypeScript port of the MAESTRO analytical cost model as modified and
 * called by Spotlight. See README.md for the deliberate differences from the reference.
 */
export { analyze, evaluate, evaluateSummary } from './api.js';
export { MaestroInputError } from './errors.js';
export { parseDataflow } from './mapping.js';
export type * from './trace.js';
export * from './types.js';
