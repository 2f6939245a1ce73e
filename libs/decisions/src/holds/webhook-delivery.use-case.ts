import type { DataSource } from 'typeorm';
import { DomainError, NotFoundError } from '@app/common';
import { SIGNATURE_HEADER, signatureOf } from './webhook-signature.js';

export interface WebhookTarget {
  url: string | null;
  secret: string | null;
  timeoutMs?: number;
}

export interface DeliveryResult {
  eventId: string;
  status: 'DELIVERED' | 'ALREADY_DELIVERED' | 'NOT_CONFIGURED';
  attempt: number;
  statusCode?: number;
}

/** What the gateway receives. No officer names or rationales: nothing here may tip off the customer. */
export interface WebhookBody {
  id: string;
  event: string;
  createdAt: string;
  data: {
    transactionId: string;
    decision: 'APPROVE' | 'DECLINE' | null;
    holdStatus: string;
    paymentStatus: string;
    heldAt: string;
    expiresAt: string;
    resolvedAt: string | null;
  };
}

const RESOLUTION: Record<string, 'APPROVE' | 'DECLINE' | null> = {
  HELD: null,
  RESOLVED_APPROVE: 'APPROVE',
  RESOLVED_DECLINE: 'DECLINE',
  EXPIRED_DECLINE: 'DECLINE',
};

/**
 * Delivers one webhook event to the gateway: builds the body from the database at send time, signs it, posts
 * it, and logs the attempt in webhook_deliveries whatever happens. A non-2xx answer or a network error throws a
 * retryable error (the queue retries with exponential backoff); after the last attempt the event is FAILED.
 */
export class WebhookDeliveryUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly target: WebhookTarget,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async deliver(eventId: string, finalAttempt: boolean): Promise<DeliveryResult> {
    const events: Array<{ status: string; attempts: number }> = await this.dataSource.query(
      'SELECT status, attempts FROM webhook_events WHERE id = $1',
      [eventId],
    );
    const event = events[0];
    if (!event) throw new NotFoundError(`No webhook event ${eventId}`);
    if (event.status === 'DELIVERED')
      return { eventId, status: 'ALREADY_DELIVERED', attempt: event.attempts };
    if (!this.target.url || !this.target.secret) {
      await this.dataSource.query(
        "UPDATE webhook_events SET status = 'NOT_CONFIGURED' WHERE id = $1 AND status = 'PENDING'",
        [eventId],
      );
      return { eventId, status: 'NOT_CONFIGURED', attempt: event.attempts };
    }
    const body = JSON.stringify(await this.body(eventId));
    const counted: Array<{ attempts: number }> = await this.dataSource.query(
      'WITH counted AS (UPDATE webhook_events SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts) SELECT attempts FROM counted',
      [eventId],
    );
    const attempt = counted[0].attempts;
    const unixSeconds = Math.floor(this.clock().getTime() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(this.target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signatureOf(this.target.secret, unixSeconds, body),
          'x-webhook-id': eventId,
          'x-webhook-attempt': String(attempt),
        },
        body,
        signal: AbortSignal.timeout(this.target.timeoutMs ?? 10_000),
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    }
    const durationMs = Math.round(performance.now() - started);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        'INSERT INTO webhook_deliveries (event_id, attempt, url, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)',
        [eventId, attempt, this.target.url, statusCode, error, durationMs],
      );
      if (!error)
        await manager.query(
          "UPDATE webhook_events SET status = 'DELIVERED', delivered_at = now() WHERE id = $1",
          [eventId],
        );
      else if (finalAttempt)
        await manager.query(
          "UPDATE webhook_events SET status = 'FAILED' WHERE id = $1 AND status = 'PENDING'",
          [eventId],
        );
    });
    if (error)
      throw new DomainError('SERVICE_UNAVAILABLE', `Webhook ${eventId} attempt ${attempt} failed: ${error}`);
    return { eventId, status: 'DELIVERED', attempt, statusCode: statusCode ?? undefined };
  }

  private async body(eventId: string): Promise<WebhookBody> {
    const rows: Array<{
      event: string;
      created_at: Date;
      transaction_id: string;
      hold_status: string;
      held_at: Date;
      expires_at: Date;
      resolved_at: Date | null;
      payment_status: string;
    }> = await this.dataSource.query(
      `SELECT e.event, e.created_at, e.transaction_id, h.status AS hold_status, h.held_at, h.expires_at, h.resolved_at, p.status AS payment_status
           FROM webhook_events e JOIN payment_holds h USING (transaction_id) JOIN payments p USING (transaction_id) WHERE e.id = $1`,
      [eventId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError(`Webhook event ${eventId} has no hold`);
    return {
      id: eventId,
      event: row.event,
      createdAt: row.created_at.toISOString(),
      data: {
        transactionId: row.transaction_id,
        decision: RESOLUTION[row.hold_status] ?? null,
        holdStatus: row.hold_status,
        paymentStatus: row.payment_status,
        heldAt: row.held_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        resolvedAt: row.resolved_at?.toISOString() ?? null,
      },
    };
  }
}
