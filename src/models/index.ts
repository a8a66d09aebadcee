export * from './layer.js';
export * from './catalog.js';
export * from './model-file.js';
export type { LayerRow } from './benchmarks.js';
