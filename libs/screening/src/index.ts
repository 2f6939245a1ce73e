export * from './domain/list-entry.js';
export * from './domain/matcher.js';
