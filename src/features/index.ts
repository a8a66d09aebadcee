export * from './hardware.js';
export * from './software.js';
