import type { DataSource } from 'typeorm';
import { NotFoundError } from '@app/common';
import { HoldsUseCase } from '@app/decisions';
import { AuditLog, type AuditEventInput } from '@app/persistence';
import type { AlertAction, Reason } from '@app/rules';
import { raiseAlert, type RaisedAlert } from './alert-writer.js';


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
      const auditEvents: AuditEventInput[] = [];
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
        raised.push(
          await raiseAlert(
            manager,
            {
              dedupKey: action.dedupKey,
              type: action.type,
              priority: action.priority,
              ruleId: action.ruleId,
              partyKey: merchantSubject ? null : decision.payer_key,
              merchantId: decision.merchant_id,
              riskScore: decision.risk_score,
              evidence,
              source: 'pre-auth',
              ref: transactionId,
            },
            this.audit,
            auditEvents,
          ),
        );
      }
      // a REVIEW decision holds its payment until an officer resolves it or its time box ends
      await HoldsUseCase.holdIfReview(manager, transactionId);
      for (const event of auditEvents) await this.audit.append(event, manager);
      await manager.query("UPDATE outbox SET processed_at = now() WHERE topic = 'decision.follow-up' AND ref = $1 AND processed_at IS NULL", [transactionId]);
      return raised;
    });
  }
}
