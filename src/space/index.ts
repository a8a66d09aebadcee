export * from './product-space.js';
export * from './factorisation.js';
export * from './hardware.js';
export * from './templates.js';
export * from './software.js';
export * from './cost-model-call.js';
export * from './outer-order.js';
export * from './reference-format.js';
