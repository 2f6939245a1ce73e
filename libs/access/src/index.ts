export * from './access.module.js';
export * from './api-keys.js';
export * from './auth.guard.js';
