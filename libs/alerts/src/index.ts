export * from './alert-writer.js';
export * from './follow-up.job.js';
export * from './follow-up.processor.js';
export * from './outbox-sweep.job.js';
export * from './raise-alerts.use-case.js';
export * from './rescreen.use-case.js';
