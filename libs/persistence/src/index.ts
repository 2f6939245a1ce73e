export * from './data-source.js';
export * from './embedded-postgres.js';
export * from './runtime.js';
export * from './audit-log.js';
export * from './database.module.js';
