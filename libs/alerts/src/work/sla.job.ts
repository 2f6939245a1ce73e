import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@app/common';
import { AuditLog } from '@app/persistence';
import { QUEUES } from '@app/queue';
import { escalatedPriority, type AlertPriority } from './alert-policy.js';

/** Job contract: every minute, mark alerts past their SLA and escalate them once. No payload. */
export const SLA_CHECK_JOB = 'alerts.sla-check';
export const SLA_QUEUE = QUEUES.monitoring;
export const SLA_SCHEDULER_ID = 'alerts-sla-check';
export const SLA_EVERY_MS = 60_000;

/**
 * Marks every alert not yet closed whose SLA due time has passed (sla_breached_at) and raises its priority one
 * step, with an `alert.sla-breached` audit event. Idempotent: an alert is marked once (the condition
 * `sla_breached_at IS NULL` is part of the update), so a repeated or concurrent run changes nothing twice.
 */
export async function checkAlertSlas(dataSource: DataSource, batchSize = 1_000): Promise<{ breached: number }> {
  const audit = new AuditLog(dataSource);
  let breached = 0;
  for (;;) {
    const count = await dataSource.transaction(async (manager) => {
      const due: Array<{ id: string; priority: AlertPriority; status: string; sla_due_at: Date }> = await manager.query(
        `SELECT id, priority, status, sla_due_at FROM alerts WHERE status <> 'CLOSED' AND sla_breached_at IS NULL AND sla_due_at < now()
         ORDER BY sla_due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      for (const alert of due) {
        const priority = escalatedPriority(alert.priority);
        await manager.query('UPDATE alerts SET sla_breached_at = now(), priority = $2, updated_at = now() WHERE id = $1', [alert.id, priority]);
        await audit.append(
          {
            actor: SYSTEM_ACTOR,
            action: 'alert.sla-breached',
            entityType: 'alert',
            entityId: alert.id,
            before: { priority: alert.priority, status: alert.status, slaBreachedAt: null },
            after: { priority, status: alert.status, slaDueAt: new Date(alert.sla_due_at).toISOString(), escalated: priority !== alert.priority },
          },
          manager,
        );
      }
      return due.length;
    });
    breached += count;
    if (count < batchSize) return { breached };
  }
}
