/** Queue names. Each job contract (job name, payload, options) lives beside its use case in its lib. */
export const QUEUES = {
  followUp: 'follow-up',
  lists: 'lists',
  maintenance: 'maintenance',
  reports: 'reports',
  webhooks: 'webhooks',
  monitoring: 'monitoring',
} as const;

export const QUEUE_NAMES = Object.values(QUEUES);

/** Worker options shared by every processor; drainDelay keeps the PostgreSQL backend responsive (STACK.md). */
export const WORKER_OPTIONS = { concurrency: 10, drainDelay: 0.25 } as const;
