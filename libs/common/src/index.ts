export * from './actor.js';
export * from './canonical-json.js';
export * from './config.js';
export * from './errors.js';
export * from './money.js';
export * from './time.js';
export * from './validation.js';
