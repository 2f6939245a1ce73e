import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. */
export class Metrics {
  readonly registry = new Registry();
  readonly decisions = new Counter({ name: 'cpg_decisions_total', help: 'Pre-authorisation decisions by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly preAuthLatency = new Histogram({
    name: 'cpg_pre_auth_duration_seconds',
    help: 'Time from request validation to the durable answer',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({ name: 'cpg_queue_jobs', help: 'Jobs per queue and state', labelNames: ['queue', 'state'], registers: [this.registry] });
  readonly indexEntries = new Gauge({ name: 'cpg_sanctions_index_entries', help: 'List entries in the in-memory sanctions index', registers: [this.registry] });
  readonly indexBuildSeconds = new Gauge({ name: 'cpg_sanctions_index_build_seconds', help: 'Duration of the last index build', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
