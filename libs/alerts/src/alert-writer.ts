import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@app/common';
import type { AuditEventInput, AuditLog } from '@app/persistence';
import type { AlertAction } from '@app/rules';

/** SLA by priority (hours): the time an officer has to work the alert. */
export const SLA_HOURS: Record<AlertAction['priority'], number> = { CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 };

export interface NewAlert {
  dedupKey: string;
  type: AlertAction['type'] | 'RESCREEN' | 'MONITORING';
  priority: AlertAction['priority'];
  ruleId: string;
  partyKey: string | null;
  merchantId: string | null;
  riskScore: number;
  evidence: unknown;
  /** pre-auth, rescreen, monitoring … */
  source: string;
  /** what raised this occurrence (transaction id, snapshot id + party …); one occurrence per ref */
  ref: string;
}

export interface RaisedAlert {
  alertId: string;
  dedupKey: string;
  created: boolean;
  attached: boolean;
}

/**
 * One open alert per dedup key (a unique partial index enforces it on every replica); a repeat attaches its ref
 * to the open alert once. Idempotent: the same (dedup key, ref) twice changes nothing.
 */
export async function raiseAlert(manager: EntityManager, alert: NewAlert, audit: AuditLog, deferredAudit?: AuditEventInput[]): Promise<RaisedAlert> {
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO alerts (dedup_key, type, priority, rule_id, party_key, merchant_id, risk_score, evidence, source, sla_due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(hours => $10))
     ON CONFLICT (dedup_key) WHERE status <> 'CLOSED' DO NOTHING RETURNING id`,
    [alert.dedupKey, alert.type, alert.priority, alert.ruleId, alert.partyKey, alert.merchantId, alert.riskScore, JSON.stringify(alert.evidence), alert.source, SLA_HOURS[alert.priority]],
  );
  let alertId = inserted[0]?.id;
  const created = alertId !== undefined;
  if (!alertId) {
    const existing: Array<{ id: string }> = await manager.query("SELECT id FROM alerts WHERE dedup_key = $1 AND status <> 'CLOSED'", [alert.dedupKey]);
    alertId = existing[0].id;
  }
  const occurrence: Array<{ alert_id: string }> = await manager.query(
    'INSERT INTO alert_occurrences (alert_id, ref) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING alert_id',
    [alertId, alert.ref],
  );
  const attached = occurrence.length > 0;
  if (attached && !created) {
    await manager.query('UPDATE alerts SET occurrences = occurrences + 1, risk_score = greatest(risk_score, $2), updated_at = now() WHERE id = $1', [alertId, alert.riskScore]);
  }
  if (created) {
    const event: AuditEventInput = { actor: SYSTEM_ACTOR, action: 'alert.raised', entityType: 'alert', entityId: alertId, after: { dedupKey: alert.dedupKey, ruleId: alert.ruleId, priority: alert.priority, source: alert.source, ref: alert.ref } };
    // the audit chain's head row is a lock every writer shares: callers raising several alerts append their
    // events at the end of the transaction, so it is held for the shortest time and always taken last
    if (deferredAudit) deferredAudit.push(event);
    else await audit.append(event, manager);
  }
  return { alertId, dedupKey: alert.dedupKey, created, attached };
}
