export * from './errors.js';
export * from './money.js';
export * from './time.js';
export * from './config.js';
