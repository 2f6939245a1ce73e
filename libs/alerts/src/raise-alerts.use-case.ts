import type { DataSource } from 'typeorm';
import { NotFoundError, SYSTEM_ACTOR } from '@app/common';
import { AuditLog } from '@app/persistence';
import type { AlertAction, Reason } from '@app/rules';

/** SLA by priority (hours): the time an officer has to work the alert. */
export const SLA_HOURS: Record<AlertAction['priority'], number> = { CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 };

export interface RaisedAlert {
  alertId: string;
  dedupKey: string;
  created: boolean;
  attached: boolean;
}

/**
 * Turns a decision's alert actions into alerts: one open alert per dedup key (a unique index guarantees it on
 * every replica); a repeat attaches the payment to the open alert. Running twice for the same decision changes
 * nothing the second time.
 */
export class RaiseAlertsUseCase {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async forDecision(transactionId: string): Promise<RaisedAlert[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{
        outcome: string;
        risk_score: number;
        reasons: Reason[];
        actions: { alerts: AlertAction[] };
        screening: { hits: Array<{ party: string; list: string; sourceId: string; score: number; band: string; entryVersion: string }> };
        rule_set_version: number;
        list_snapshot_ids: string[];
        payer_key: string;
        merchant_id: string;
        decided_at: Date;
      }> = await manager.query(
        `SELECT d.outcome, d.risk_score, d.reasons, d.actions, d.screening, d.rule_set_version, d.list_snapshot_ids, d.decided_at,
           p.payer_key, p.merchant_id
         FROM decisions d JOIN payments p USING (transaction_id) WHERE d.transaction_id = $1`,
        [transactionId],
      );
      const decision = rows[0];
      if (!decision) throw new NotFoundError(`No decision for transaction ${transactionId}`);
      const raised: RaisedAlert[] = [];
      for (const action of decision.actions.alerts ?? []) {
        const evidence = {
          transactionId,
          outcome: decision.outcome,
          ruleSetVersion: decision.rule_set_version,
          listSnapshotIds: decision.list_snapshot_ids,
          reasons: decision.reasons.filter((reason) => reason.ruleId === action.ruleId || action.ruleId.startsWith(reason.ruleId)),
          hits: action.type === 'SANCTIONS' ? decision.screening.hits : [],
        };
        const merchantSubject = action.dedupKey.startsWith('merchant:');
        const inserted: Array<{ id: string }> = await manager.query(
          `INSERT INTO alerts (dedup_key, type, priority, rule_id, party_key, merchant_id, risk_score, evidence, source, sla_due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pre-auth', now() + make_interval(hours => $9))
           ON CONFLICT (dedup_key) WHERE status <> 'CLOSED' DO NOTHING RETURNING id`,
          [action.dedupKey, action.type, action.priority, action.ruleId, merchantSubject ? null : decision.payer_key,
            decision.merchant_id, decision.risk_score, JSON.stringify(evidence), SLA_HOURS[action.priority]],
        );
        let alertId = inserted[0]?.id;
        const created = alertId !== undefined;
        if (!alertId) {
          const existing: Array<{ id: string }> = await manager.query(
            "SELECT id FROM alerts WHERE dedup_key = $1 AND status <> 'CLOSED'",
            [action.dedupKey],
          );
          alertId = existing[0].id;
        }
        const occurrence: Array<{ alert_id: string }> = await manager.query(
          'INSERT INTO alert_occurrences (alert_id, ref) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING alert_id',
          [alertId, transactionId],
        );
        const attached = occurrence.length > 0;
        if (attached && !created) {
          await manager.query(
            'UPDATE alerts SET occurrences = occurrences + 1, risk_score = greatest(risk_score, $2), updated_at = now() WHERE id = $1',
            [alertId, decision.risk_score],
          );
        }
        if (created) {
          await this.audit.append(
            { actor: SYSTEM_ACTOR, action: 'alert.raised', entityType: 'alert', entityId: alertId, after: { dedupKey: action.dedupKey, ruleId: action.ruleId, priority: action.priority, transactionId } },
            manager,
          );
        }
        raised.push({ alertId, dedupKey: action.dedupKey, created, attached });
      }
      await manager.query("UPDATE outbox SET processed_at = now() WHERE topic = 'decision.follow-up' AND ref = $1 AND processed_at IS NULL", [transactionId]);
      return raised;
    });
  }
}
