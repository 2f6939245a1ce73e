export * from './domain/rule-set.js';
export * from './domain/evaluation.js';
