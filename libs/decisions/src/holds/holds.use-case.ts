import type { DataSource, EntityManager } from 'typeorm';
import {
  actorLabel,
  DomainError,
  NotFoundError,
  SYSTEM_ACTOR,
  ValidationError,
  type Actor,
} from '@app/common';
import { AuditLog } from '@app/persistence';
import type { PreAuthResponse } from '../pre-auth.use-case.js';
import type { WebhookPublisher } from './webhook.job.js';

export type HoldStatus = 'HELD' | 'RESOLVED_APPROVE' | 'RESOLVED_DECLINE' | 'EXPIRED_DECLINE';
export type HoldResolution = 'APPROVE' | 'DECLINE';
export const HOLD_STATUSES: readonly HoldStatus[] = [
  'HELD',
  'RESOLVED_APPROVE',
  'RESOLVED_DECLINE',
  'EXPIRED_DECLINE',
];

export interface HoldView {
  status: HoldStatus;
  heldAt: string;
  expiresAt: string;
  /** APPROVE or DECLINE once the hold ended, null while held */
  resolution: HoldResolution | null;
  resolvedAt: string | null;
  /** officers only: who resolved it and why (never sent to the gateway: no tipping off) */
  resolvedBy?: string | null;
  rationale?: string | null;
}

export interface HeldPaymentView {
  transactionId: string;
  /** the stored answer the gateway received */
  decision: PreAuthResponse;
  paymentStatus: string;
  paymentStatusAt: string;
  hold: HoldView | null;
  /** the decision in force: the stored one, or the hold's resolution (REVIEW while still held) */
  finalDecision: string;
}

export interface HoldListItem {
  transactionId: string;
  status: HoldStatus;
  heldAt: string;
  expiresAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  paymentStatus: string;
  amount: { value: string; currency: string };
  payerKey: string;
  merchantId: string;
  riskScore: number;
}

interface HoldRow {
  transaction_id: string;
  held_at: Date;
  expires_at: Date;
  status: HoldStatus;
  resolved_by: string | null;
  rationale: string | null;
  resolved_at: Date | null;
}

interface LockedPayment {
  status: string;
  decision: string;
  payer_key: string;
  reservations: Array<{ period: string; periodKey: string; amount: number }>;
}

const RESOLUTION_OF: Record<HoldStatus, HoldResolution | null> = {
  HELD: null,
  RESOLVED_APPROVE: 'APPROVE',
  RESOLVED_DECLINE: 'DECLINE',
  EXPIRED_DECLINE: 'DECLINE',
};

/**
 * Payments held for review. A REVIEW decision holds its payment (status stays PENDING, limits stay reserved) for
 * a time box from hold_settings (default 30 minutes) starting at the decision. An officer resolves it: APPROVE
 * keeps the reservation, DECLINE releases it and declines the payment. A hold not resolved in its time box
 * declines by default. Every ending is audited and produces one webhook event for the gateway, written in the
 * same transaction and delivered by the `webhooks` queue after the commit.
 */
export class HoldsUseCase {
  private readonly audit: AuditLog;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publish: WebhookPublisher,
    private readonly webhookConfigured: boolean,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  /**
   * Holds the payment when its decision is REVIEW and it is still pending; idempotent. Called by the decision
   * follow-up job (inside its transaction) and, as a safety net, lazily by reads, resolutions and the expiry job.
   */
  static async holdIfReview(manager: EntityManager, transactionId: string): Promise<boolean> {
    const inserted: Array<{ transaction_id: string; held_at: Date; expires_at: Date }> = await manager.query(
      `INSERT INTO payment_holds (transaction_id, held_at, expires_at)
       SELECT p.transaction_id, d.decided_at, d.decided_at + s.time_box
         FROM payments p JOIN decisions d USING (transaction_id) JOIN hold_settings s ON s.id = 1
        WHERE p.transaction_id = $1 AND p.decision = 'REVIEW' AND p.status = 'PENDING'
       ON CONFLICT (transaction_id) DO NOTHING RETURNING transaction_id, held_at, expires_at`,
      [transactionId],
    );
    if (inserted.length === 0) return false;
    await new AuditLog(manager.connection).append(
      {
        actor: SYSTEM_ACTOR,
        action: 'payment.held',
        entityType: 'payment',
        entityId: transactionId,
        after: {
          status: 'HELD',
          heldAt: inserted[0].held_at.toISOString(),
          expiresAt: inserted[0].expires_at.toISOString(),
        },
      },
      manager,
    );
    return true;
  }

  /** The stored decision with the hold's state; officers also see who resolved it and why. */
  async view(transactionId: string, actor: Actor, requestId?: string): Promise<HeldPaymentView> {
    let rows = await this.load(this.dataSource.manager, transactionId);
    if (rows.needsHold) {
      await this.dataSource.transaction((manager) => HoldsUseCase.holdIfReview(manager, transactionId));
      rows = await this.load(this.dataSource.manager, transactionId);
    }
    const officer = actor.kind === 'officer';
    if (officer) {
      await this.audit.append({
        actor,
        action: 'payment.read',
        entityType: 'payment',
        entityId: transactionId,
        after: { holdStatus: rows.view.hold?.status ?? null },
        requestId,
      });
    }
    return officer
      ? rows.view
      : { ...rows.view, hold: rows.view.hold && withoutOfficerFields(rows.view.hold) };
  }

  async list(query: {
    status?: HoldStatus;
    limit?: number;
    offset?: number;
  }): Promise<{ holds: HoldListItem[]; total: number }> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const offset = Math.max(query.offset ?? 0, 0);
    const where = query.status ? 'WHERE h.status = $1' : '';
    const parameters: unknown[] = query.status ? [query.status] : [];
    const rows: Array<
      HoldRow & {
        payment_status: string;
        amount_value: string;
        amount_currency: string;
        payer_key: string;
        merchant_id: string;
        risk_score: number;
      }
    > = await this.dataSource.query(
      `SELECT h.*, p.status AS payment_status, p.amount_value::text AS amount_value, p.amount_currency, p.payer_key, p.merchant_id, d.risk_score
           FROM payment_holds h JOIN payments p USING (transaction_id) JOIN decisions d USING (transaction_id)
           ${where} ORDER BY h.expires_at, h.transaction_id LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
      [...parameters, limit, offset],
    );
    const count: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM payment_holds h ${where}`,
      parameters,
    );
    return {
      total: count[0].n,
      holds: rows.map((row) => ({
        transactionId: row.transaction_id,
        status: row.status,
        heldAt: row.held_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        resolvedAt: row.resolved_at?.toISOString() ?? null,
        resolvedBy: row.resolved_by,
        paymentStatus: row.payment_status,
        amount: { value: row.amount_value, currency: row.amount_currency.trim() },
        payerKey: row.payer_key,
        merchantId: row.merchant_id,
        riskScore: row.risk_score,
      })),
    };
  }

  /** An officer's resolution. DECLINE releases the reserved limits and declines the payment; APPROVE keeps them. */
  async resolve(
    transactionId: string,
    resolution: HoldResolution,
    rationale: string,
    actor: Actor,
    requestId?: string,
  ): Promise<HeldPaymentView> {
    const reason = rationale.trim();
    if (!reason)
      throw new ValidationError('A rationale is mandatory', [
        { path: 'rationale', message: 'rationale must not be blank' },
      ]);
    const eventIds = await this.dataSource.transaction(async (manager): Promise<string[] | null> => {
      const payment = await this.lockPayment(manager, transactionId);
      if (payment.decision !== 'REVIEW')
        throw new DomainError(
          'CONFLICT',
          `Payment ${transactionId} was decided ${payment.decision}: it is not held for review`,
        );
      await HoldsUseCase.holdIfReview(manager, transactionId);
      const holds: HoldRow[] = await manager.query(
        'SELECT * FROM payment_holds WHERE transaction_id = $1 FOR UPDATE',
        [transactionId],
      );
      const hold = holds[0];
      if (!hold)
        throw new DomainError(
          'CONFLICT',
          `Payment ${transactionId} is ${payment.status}: there is no hold to resolve`,
        );
      // the same officer repeating the same resolution (a client retry) gets the outcome again
      if (hold.status === `RESOLVED_${resolution}` && hold.resolved_by === actorLabel(actor)) return null;
      if (hold.status !== 'HELD')
        throw new DomainError('CONFLICT', `The hold on ${transactionId} already ended: ${hold.status}`);
      if (payment.status !== 'PENDING')
        throw new DomainError('CONFLICT', `Payment ${transactionId} is already ${payment.status}`);
      const now: Array<{ now: Date }> = await manager.query('SELECT now() AS now');
      if (hold.expires_at <= now[0].now) {
        throw new DomainError(
          'CONFLICT',
          `The time box of the hold on ${transactionId} ended at ${hold.expires_at.toISOString()}: it declines by default`,
        );
      }
      const status: HoldStatus = resolution === 'APPROVE' ? 'RESOLVED_APPROVE' : 'RESOLVED_DECLINE';
      const released = resolution === 'DECLINE' ? await this.decline(manager, transactionId, payment) : false;
      await manager.query(
        'UPDATE payment_holds SET status = $2, resolved_by = $3, rationale = $4, resolved_at = now() WHERE transaction_id = $1',
        [transactionId, status, actorLabel(actor), reason],
      );
      await this.audit.append(
        {
          actor,
          action: 'payment.hold-resolved',
          entityType: 'payment',
          entityId: transactionId,
          before: { holdStatus: 'HELD', paymentStatus: payment.status },
          after: {
            holdStatus: status,
            paymentStatus: resolution === 'DECLINE' ? 'DECLINED' : payment.status,
            limitsReleased: released,
            rationale: reason,
          },
          requestId,
        },
        manager,
      );
      return this.webhookEvent(manager, transactionId, 'hold.resolved');
    });
    if (eventIds) await this.publish(eventIds);
    return (await this.load(this.dataSource.manager, transactionId)).view;
  }

  /**
   * Declines by default every hold past its time box (releasing its limits), then re-enqueues webhook events a
   * crash left undelivered. Holds missed by the follow-up job are created first. Safe to run concurrently: each
   * hold is ended in its own transaction under the payment's row lock.
   */
  async expireDue(batchSize = 200): Promise<{ held: number; expired: number; webhooksRequeued: number }> {
    const missing: Array<{ transaction_id: string }> = await this.dataSource.query(
      `SELECT p.transaction_id FROM payments p
        WHERE p.status = 'PENDING' AND p.decision = 'REVIEW'
          AND NOT EXISTS (SELECT 1 FROM payment_holds h WHERE h.transaction_id = p.transaction_id)
        ORDER BY p.occurred_at LIMIT $1`,
      [batchSize],
    );
    let held = 0;
    for (const row of missing) {
      if (
        await this.dataSource.transaction((manager) => HoldsUseCase.holdIfReview(manager, row.transaction_id))
      )
        held += 1;
    }
    const due: Array<{ transaction_id: string }> = await this.dataSource.query(
      "SELECT transaction_id FROM payment_holds WHERE status = 'HELD' AND expires_at <= now() ORDER BY expires_at LIMIT $1",
      [batchSize],
    );
    let expired = 0;
    for (const row of due) {
      const eventIds = await this.dataSource.transaction(async (manager) => {
        const payment = await this.lockPayment(manager, row.transaction_id);
        const holds: HoldRow[] = await manager.query(
          "SELECT * FROM payment_holds WHERE transaction_id = $1 AND status = 'HELD' AND expires_at <= now() FOR UPDATE",
          [row.transaction_id],
        );
        const hold = holds[0];
        if (!hold) return [];
        // a payment the gateway already reported FAILED has had its limits released by the outcome
        const released =
          payment.status === 'PENDING' ? await this.decline(manager, row.transaction_id, payment) : false;
        await manager.query(
          "UPDATE payment_holds SET status = 'EXPIRED_DECLINE', resolved_by = $2, rationale = $3, resolved_at = now() WHERE transaction_id = $1",
          [
            row.transaction_id,
            actorLabel(SYSTEM_ACTOR),
            `Not resolved within its time box (expired at ${hold.expires_at.toISOString()}): declined by default`,
          ],
        );
        await this.audit.append(
          {
            actor: SYSTEM_ACTOR,
            action: 'payment.hold-expired',
            entityType: 'payment',
            entityId: row.transaction_id,
            before: { holdStatus: 'HELD', paymentStatus: payment.status },
            after: {
              holdStatus: 'EXPIRED_DECLINE',
              paymentStatus: released ? 'DECLINED' : payment.status,
              limitsReleased: released,
              expiresAt: hold.expires_at.toISOString(),
            },
          },
          manager,
        );
        return this.webhookEvent(manager, row.transaction_id, 'hold.expired');
      });
      await this.publish(eventIds);
      if (eventIds.length) expired += 1;
    }
    const stale: Array<{ id: string }> = await this.dataSource.query(
      "SELECT id FROM webhook_events WHERE status = 'PENDING' AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT $1",
      [batchSize],
    );
    // deterministic job ids: an event whose job is still queued, retrying or failed is not enqueued twice
    await this.publish(stale.map((event) => event.id));
    return { held, expired, webhooksRequeued: stale.length };
  }

  private async lockPayment(manager: EntityManager, transactionId: string): Promise<LockedPayment> {
    const rows: LockedPayment[] = await manager.query(
      'SELECT status, decision, payer_key, reservations FROM payments WHERE transaction_id = $1 FOR NO KEY UPDATE',
      [transactionId],
    );
    if (!rows[0]) throw new NotFoundError(`No pre-authorisation decision for transaction ${transactionId}`);
    return rows[0];
  }

  /** Releases the payment's reservations (the same statement as the FAILED outcome) and declines it. */
  private async decline(
    manager: EntityManager,
    transactionId: string,
    payment: LockedPayment,
  ): Promise<boolean> {
    for (const reservation of payment.reservations) {
      await manager.query(
        'UPDATE limit_usage SET amount = greatest(amount - $4, 0) WHERE payer_key = $1 AND period = $2 AND period_key = $3',
        [payment.payer_key, reservation.period, reservation.periodKey, reservation.amount],
      );
    }
    await manager.query(
      "UPDATE payments SET status = 'DECLINED', status_at = now() WHERE transaction_id = $1",
      [transactionId],
    );
    return true;
  }

  private async webhookEvent(
    manager: EntityManager,
    transactionId: string,
    event: 'hold.resolved' | 'hold.expired',
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO webhook_events (transaction_id, event, status) VALUES ($1, $2, $3) ON CONFLICT (transaction_id, event) DO NOTHING RETURNING id',
      [transactionId, event, this.webhookConfigured ? 'PENDING' : 'NOT_CONFIGURED'],
    );
    return this.webhookConfigured ? rows.map((row) => row.id) : [];
  }

  private async load(
    manager: EntityManager,
    transactionId: string,
  ): Promise<{ view: HeldPaymentView; needsHold: boolean }> {
    const rows: Array<{
      status: string;
      status_at: Date;
      decision: string;
      response: PreAuthResponse;
      hold_status: HoldStatus | null;
      held_at: Date | null;
      expires_at: Date | null;
      resolved_by: string | null;
      rationale: string | null;
      resolved_at: Date | null;
    }> = await manager.query(
      `SELECT p.status, p.status_at, p.decision, d.response, h.status AS hold_status, h.held_at, h.expires_at, h.resolved_by, h.rationale, h.resolved_at
         FROM payments p JOIN decisions d USING (transaction_id) LEFT JOIN payment_holds h USING (transaction_id)
        WHERE p.transaction_id = $1`,
      [transactionId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError(`No pre-authorisation decision for transaction ${transactionId}`);
    const hold: HoldView | null =
      row.hold_status && row.held_at && row.expires_at
        ? {
            status: row.hold_status,
            heldAt: row.held_at.toISOString(),
            expiresAt: row.expires_at.toISOString(),
            resolution: RESOLUTION_OF[row.hold_status],
            resolvedAt: row.resolved_at?.toISOString() ?? null,
            resolvedBy: row.resolved_by,
            rationale: row.rationale,
          }
        : null;
    const finalDecision = hold ? (RESOLUTION_OF[hold.status] ?? 'REVIEW') : row.decision;
    return {
      view: {
        transactionId,
        decision: row.response,
        paymentStatus: row.status,
        paymentStatusAt: row.status_at.toISOString(),
        hold,
        finalDecision,
      },
      needsHold: !hold && row.decision === 'REVIEW' && row.status === 'PENDING',
    };
  }
}

function withoutOfficerFields(hold: HoldView): HoldView {
  const { resolvedBy: _resolvedBy, rationale: _rationale, ...rest } = hold;
  return rest;
}
