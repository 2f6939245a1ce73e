import type { DataSource } from 'typeorm';
import { actorLabel, DomainError, NotFoundError, ValidationError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';

export type OutcomeStatus = 'SETTLED' | 'FAILED' | 'REVERSED';

export interface OutcomeResult {
  transactionId: string;
  status: string;
  previousStatus: string;
  limitsReleased: boolean;
  at: string;
}

/** Allowed transitions of a payment's status; repeating the current status is an idempotent no-op. */
const TRANSITIONS: Record<string, OutcomeStatus[]> = {
  PENDING: ['SETTLED', 'FAILED'],
  SETTLED: ['REVERSED'],
  FAILED: [],
  REVERSED: [],
  DECLINED: [],
};

/**
 * The gateway reports how a payment ended. SETTLED confirms the reserved limits (the payment now counts towards
 * reports); FAILED and REVERSED release them. Each report is kept in payment_outcomes and the audit trail.
 */
export class OutcomeUseCase {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async execute(transactionId: string, status: OutcomeStatus, at: string, actor: Actor, requestId?: string): Promise<OutcomeResult> {
    const atDate = new Date(at);
    if (Number.isNaN(atDate.getTime())) throw new ValidationError('Invalid time', [{ path: 'at', message: 'at must be an ISO 8601 date-time' }]);
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ status: string; decision: string; hold: string | null; reservations: Array<{ period: string; periodKey: string; amount: number }>; payer_key: string }> =
        await manager.query(
          `SELECT p.status, p.decision, h.status AS hold, p.reservations, p.payer_key
           FROM payments p LEFT JOIN payment_holds h USING (transaction_id) WHERE p.transaction_id = $1 FOR NO KEY UPDATE OF p`,
          [transactionId],
        );
      const payment = rows[0];
      if (!payment) throw new NotFoundError(`No pre-authorisation decision for transaction ${transactionId}`);
      if (payment.status === status) {
        return { transactionId, status, previousStatus: status, limitsReleased: false, at: atDate.toISOString() };
      }
      // a payment held for review may be abandoned (FAILED) but not settled until an officer approves it
      if (status === 'SETTLED' && payment.decision === 'REVIEW' && payment.hold !== 'RESOLVED_APPROVE') {
        throw new DomainError('CONFLICT', `Payment ${transactionId} is held for review and cannot settle before an officer approves it`, [
          { path: 'status', message: 'SETTLED needs the hold to be resolved as APPROVE first' },
        ]);
      }
      if (!TRANSITIONS[payment.status]?.includes(status)) {
        throw new DomainError('CONFLICT', `A ${payment.status} payment cannot become ${status}`, [
          { path: 'status', message: `allowed from ${payment.status}: ${TRANSITIONS[payment.status]?.join(', ') || 'none'}` },
        ]);
      }
      const release = status === 'FAILED' || status === 'REVERSED';
      if (release) {
        for (const reservation of payment.reservations) {
          await manager.query(
            'UPDATE limit_usage SET amount = greatest(amount - $4, 0) WHERE payer_key = $1 AND period = $2 AND period_key = $3',
            [payment.payer_key, reservation.period, reservation.periodKey, reservation.amount],
          );
        }
      }
      await manager.query('UPDATE payments SET status = $2, status_at = $3 WHERE transaction_id = $1', [transactionId, status, atDate.toISOString()]);
      await manager.query('INSERT INTO payment_outcomes (transaction_id, status, at, actor) VALUES ($1, $2, $3, $4)', [
        transactionId,
        status,
        atDate.toISOString(),
        actorLabel(actor),
      ]);
      await this.audit.append(
        { actor, action: `payment.${status.toLowerCase()}`, entityType: 'payment', entityId: transactionId, before: { status: payment.status }, after: { status, at: atDate.toISOString(), limitsReleased: release }, requestId },
        manager,
      );
      return { transactionId, status, previousStatus: payment.status, limitsReleased: release, at: atDate.toISOString() };
    });
  }
}
