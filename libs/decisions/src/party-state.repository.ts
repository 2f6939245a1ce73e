import type { DataSource } from 'typeorm';
import { beijingPeriods } from '@app/common';
import type { DecisionOutcome, PartyHistory } from '@app/rules';

export interface ExistingDecision {
  requestHash: string;
  response: string;
}

export interface PartyState {
  history: PartyHistory;
  existing: ExistingDecision | null;
}

const LOOK_BACK_DAYS = 7;

const RECENT_PAYMENTS = `(SELECT coalesce(json_agg(json_build_object('transactionId', transaction_id, 'occurredAt', occurred_at,
    'amountUsdCents', amount_usd_cents, 'merchantId', merchant_id, 'decision', decision) ORDER BY occurred_at), '[]')
  FROM payments WHERE payer_key = $1 AND occurred_at > $3::timestamptz - make_interval(days => ${LOOK_BACK_DAYS})
    AND occurred_at <= $3::timestamptz + interval '1 day' AND transaction_id <> $7)`;

const MERCHANT_DECLINED_PAYERS = `(SELECT coalesce(array_agg(DISTINCT payer_key), '{}') FROM payments WHERE merchant_id = $2
  AND decision = 'DECLINE' AND occurred_at > $3::timestamptz - make_interval(mins => $8) AND occurred_at <= $3::timestamptz)`;

/**
 * Loads everything a decision needs about the payer (and the merchant, for R18) in one round trip: first
 * sighting, the last 7 days of payments, limit usage of the payment's Beijing day / month / year, an active
 * block, distinct payers declined at the merchant in the R18 window, and any decision already stored for this
 * transaction id.
 */
export class PartyStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(input: {
    transactionId: string;
    payerKey: string;
    merchantId: string;
    occurredAt: Date;
    merchantWindowMinutes: number;
    /** false when the velocity windows come from Redis instead */
    includeVelocity?: boolean;
  }): Promise<PartyState> {
    const periods = beijingPeriods(input.occurredAt);
    const includeVelocity = input.includeVelocity ?? true;
    const rows: Array<{
      first_seen_at: Date | null;
      recent: Array<{ transactionId: string; occurredAt: string; amountUsdCents: number; merchantId: string; decision: DecisionOutcome }>;
      usage: Record<string, number> | null;
      block: { reason: string; ruleId: string; until: string | null } | null;
      merchant_declined: string[];
      existing: ExistingDecision | null;
    }> = await this.dataSource.query(
      `SELECT
        (SELECT first_seen_at FROM payers WHERE payer_key = $1) AS first_seen_at,
        ${includeVelocity ? RECENT_PAYMENTS : "'[]'::json"} AS recent,
        (SELECT json_object_agg(period, amount) FROM limit_usage WHERE payer_key = $1 AND (
            (period = 'DAY' AND period_key = $4) OR (period = 'MONTH' AND period_key = $5) OR (period = 'YEAR' AND period_key = $6)
            OR (period = 'STATIC_QR_DAY' AND period_key = $4))) AS usage,
        (SELECT json_build_object('reason', reason, 'ruleId', rule_id, 'until', until) FROM party_blocks
          WHERE party_key = $1 AND lifted_at IS NULL AND (until IS NULL OR until > $3::timestamptz)
          ORDER BY until DESC NULLS FIRST LIMIT 1) AS block,
        ${includeVelocity ? MERCHANT_DECLINED_PAYERS : "CASE WHEN $2::text IS NULL OR $8::int IS NULL THEN NULL ELSE '{}'::text[] END"} AS merchant_declined,
        (SELECT json_build_object('requestHash', p.request_hash, 'response', d.response::text)
          FROM payments p JOIN decisions d USING (transaction_id) WHERE p.transaction_id = $7) AS existing`,
      [input.payerKey, input.merchantId, input.occurredAt.toISOString(), periods.day, periods.month, periods.year,
        input.transactionId, input.merchantWindowMinutes],
    );
    const row = rows[0];
    const usage = row.usage ?? {};
    return {
      existing: row.existing,
      history: {
        firstSeenAt: row.first_seen_at ? new Date(row.first_seen_at) : null,
        recent: row.recent.map((payment) => ({ ...payment, occurredAt: new Date(payment.occurredAt), amountUsdCents: Number(payment.amountUsdCents) })),
        usage: {
          dayUsdCents: Number(usage.DAY ?? 0),
          monthUsdCents: Number(usage.MONTH ?? 0),
          yearUsdCents: Number(usage.YEAR ?? 0),
          staticQrDayCnyFen: Number(usage.STATIC_QR_DAY ?? 0),
        },
        block: row.block ? { reason: row.block.reason, ruleId: row.block.ruleId, until: row.block.until ? new Date(row.block.until) : null } : null,
        merchantRecentDeclinedPayers: row.merchant_declined,
      },
    };
  }
}
