import type { DataSource } from 'typeorm';
import { NotFoundError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';

interface MoneyView {
  value: string;
  currency: string;
}

/** A merchant id as the gateway sends it (MerchantDto.id): 1-64 letters, digits or ._:- */
export const MERCHANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Most payments listed; the totals always cover the whole window. */
export const MERCHANT_PAYMENTS_CAP = 200;
export const MERCHANT_WINDOW_DAYS = 30;

const OUTCOMES = ['APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE'] as const;

export interface MerchantOutcomeTotals {
  count: number;
  /** USD cents */
  amountUsdCents: number;
  /** CNY fen */
  amountCnyFen: number;
}

export interface MerchantActivity {
  merchantId: string;
  /** the merchant as its latest payment described it (name, MCC, city, country) */
  profile: { name: string | null; mcc: string | null; city: string | null; country: string | null; fromTransactionId: string } | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  /** payments that occurred after `from` (now minus `days`) */
  window: { days: number; from: string };
  /** the window's payments, newest first, at most MERCHANT_PAYMENTS_CAP: both currency legs, outcome and decision time */
  payments: Array<{
    transactionId: string;
    occurredAt: string;
    decidedAt: string | null;
    payerKey: string;
    amount: MoneyView;
    payerAmount: MoneyView | null;
    amountUsdCents: number;
    amountCnyFen: number;
    decision: string;
    status: string;
    hold: string | null;
    qrType: string;
  }>;
  /** true when the window holds more payments than are listed (the totals still count them all) */
  truncated: boolean;
  /** every payment of the window, by decision outcome (every outcome present, zero when none) */
  totals: { count: number; amountUsdCents: number; amountCnyFen: number; byOutcome: Record<(typeof OUTCOMES)[number], MerchantOutcomeTotals> };
  /** unresolved alerts (not CLOSED) naming this merchant: all of them, and those about the merchant itself (no payer) */
  openAlerts: { total: number; aboutMerchant: number };
}

/**
 * A merchant's recent activity for an officer: the last 30 days of payments with both currency legs and their
 * outcome, totals per outcome, and the alerts still open about it. An unknown merchant (no payment, no alert)
 * is NOT_FOUND, as for payers. Audited as a merchant.read.
 */
export class MerchantActivityQuery {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async execute(input: { merchantId: string; actor: Actor; requestId?: string; now: Date }): Promise<MerchantActivity> {
    const { merchantId } = input;
    const now = input.now.toISOString();
    const [seen, latest, payments, totals, alerts] = await Promise.all([
      // both ends of payments_merchant_time (merchant_id, occurred_at)
      this.dataSource.query<Array<{ first: Date | null; last: Date | null }>>(
        `SELECT (SELECT occurred_at FROM payments WHERE merchant_id = $1 ORDER BY occurred_at ASC LIMIT 1) AS first,
                (SELECT occurred_at FROM payments WHERE merchant_id = $1 ORDER BY occurred_at DESC LIMIT 1) AS last`,
        [merchantId],
      ),
      this.dataSource.query<Array<{ transaction_id: string; name: string | null; mcc: string | null; city: string | null; country: string | null }>>(
        `SELECT transaction_id, merchant->>'name' AS name, merchant->>'mcc' AS mcc, merchant->>'city' AS city, merchant->>'country' AS country
         FROM payments WHERE merchant_id = $1 ORDER BY occurred_at DESC, transaction_id DESC LIMIT 1`,
        [merchantId],
      ),
      this.dataSource.query<MerchantActivity['payments']>(
        `SELECT p.transaction_id AS "transactionId", p.occurred_at AS "occurredAt", d.decided_at AS "decidedAt", p.payer_key AS "payerKey",
           json_build_object('value', p.amount_value::text, 'currency', p.amount_currency) AS amount,
           CASE WHEN p.payer_amount_value IS NULL THEN NULL ELSE json_build_object('value', p.payer_amount_value::text, 'currency', p.payer_amount_currency) END AS "payerAmount",
           p.amount_usd_cents::float8 AS "amountUsdCents", p.amount_cny_fen::float8 AS "amountCnyFen", p.decision,
           p.status, h.status AS hold, p.qr_type AS "qrType"
         FROM payments p LEFT JOIN decisions d USING (transaction_id) LEFT JOIN payment_holds h USING (transaction_id)
         WHERE p.merchant_id = $1 AND p.occurred_at > $2::timestamptz - make_interval(days => $3)
         ORDER BY p.occurred_at DESC, p.transaction_id DESC LIMIT $4`,
        [merchantId, now, MERCHANT_WINDOW_DAYS, MERCHANT_PAYMENTS_CAP],
      ),
      this.dataSource.query<Array<{ decision: string; count: number; usd: number; cny: number }>>(
        `SELECT decision, count(*)::int AS count, coalesce(sum(amount_usd_cents), 0)::float8 AS usd, coalesce(sum(amount_cny_fen), 0)::float8 AS cny
         FROM payments WHERE merchant_id = $1 AND occurred_at > $2::timestamptz - make_interval(days => $3)
         GROUP BY decision`,
        [merchantId, now, MERCHANT_WINDOW_DAYS],
      ),
      this.dataSource.query<Array<{ total: number; about_merchant: number }>>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE party_key IS NULL)::int AS about_merchant
         FROM alerts WHERE merchant_id = $1 AND status <> 'CLOSED'`,
        [merchantId],
      ),
    ]);
    const openAlerts = { total: alerts[0]?.total ?? 0, aboutMerchant: alerts[0]?.about_merchant ?? 0 };
    if (!seen[0]?.last && openAlerts.total === 0) {
      const anyAlert = await this.dataSource.query<unknown[]>('SELECT 1 FROM alerts WHERE merchant_id = $1 LIMIT 1', [merchantId]);
      if (anyAlert.length === 0) throw new NotFoundError(`No merchant ${merchantId}`);
    }
    const byOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, { count: 0, amountUsdCents: 0, amountCnyFen: 0 }])) as MerchantActivity['totals']['byOutcome'];
    const sum = { count: 0, amountUsdCents: 0, amountCnyFen: 0 };
    for (const row of totals) {
      const outcome = row.decision as (typeof OUTCOMES)[number];
      byOutcome[outcome] = { count: row.count, amountUsdCents: row.usd, amountCnyFen: row.cny };
      sum.count += row.count;
      sum.amountUsdCents += row.usd;
      sum.amountCnyFen += row.cny;
    }
    const iso = (value: Date | string | null): string | null => (value ? new Date(value).toISOString() : null);
    await this.audit.append({ actor: input.actor, action: 'merchant.read', entityType: 'merchant', entityId: merchantId, requestId: input.requestId });
    return {
      merchantId,
      profile: latest[0]
        ? { name: latest[0].name, mcc: latest[0].mcc, city: latest[0].city, country: latest[0].country, fromTransactionId: latest[0].transaction_id }
        : null,
      firstSeenAt: iso(seen[0]?.first ?? null),
      lastSeenAt: iso(seen[0]?.last ?? null),
      window: { days: MERCHANT_WINDOW_DAYS, from: new Date(input.now.getTime() - MERCHANT_WINDOW_DAYS * 86_400_000).toISOString() },
      payments: payments.map((row) => ({ ...row, occurredAt: iso(row.occurredAt)!, decidedAt: iso(row.decidedAt) })),
      truncated: sum.count > payments.length,
      totals: { ...sum, byOutcome },
      openAlerts,
    };
  }
}
