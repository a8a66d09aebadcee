/** The co-design search: techniques, the per-trial driver, layer searches and their pool. */
export * from './settings.js';
export * from './objective.js';
export * from './evaluate-point.js';
export * from './layer-search.js';
export * from './executor.js';
export * from './driver.js';
export * from './techniques.js';
export { drawSeed, streamRng } from './rng.js';
