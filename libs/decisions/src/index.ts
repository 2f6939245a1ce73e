export * from './decision-writer.js';
export * from './decisions.module.js';
export * from './outcome.use-case.js';
export * from './party-state.repository.js';
export * from './pre-auth.dto.js';
export * from './pre-auth.use-case.js';
export * from './velocity-store.js';
export * from './pre-auth-response.dto.js';
