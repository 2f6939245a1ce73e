export * from './queue.module.js';
export * from './queues.js';
export * from './recorded-processor.js';
