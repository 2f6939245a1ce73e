export * from './domain/index.js';
export * from './rule-configuration.js';
export * from './rules.module.js';
export * from './rule-set-versions.use-case.js';
