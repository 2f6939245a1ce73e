import type { Pool } from 'pg';
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

export interface PartyStateQuery {
  transactionId: string;
  payerKey: string;
  merchantId: string;
  occurredAt: Date;
  merchantWindowMinutes: number;
  /** false when the velocity windows come from Redis instead */
  includeVelocity?: boolean;
}

const LOOK_BACK_DAYS = 7;

interface Row {
  first_seen_at: Date | null;
  recent: Array<{ transactionId: string; occurredAt: string; amountUsdCents: number; merchantId: string; decision: DecisionOutcome }>;
  usage: Record<string, number> | null;
  block: { reason: string; ruleId: string; until: string | null } | null;
  merchant_declined: string[];
  existing: ExistingDecision | null;
}

/**
 * Loads everything a decision needs about the payer (and the merchant, for R18): first sighting, the last 7
 * days of payments, limit usage of the payment's Beijing day / month / year, an active block, distinct payers
 * declined at the merchant in the R18 window, and any decision already stored for this transaction id. Many
 * payments are loaded by one query (one round trip and one socket write for a whole batch of requests).
 */
export class PartyStateRepository {
  /**
   * @param prepared use a named prepared statement (planned once per connection; planning this query costs more
   * than running it). Not on the embedded database, whose connections share one session and its statement names.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { prepared?: boolean } = {},
  ) {}

  async load(input: PartyStateQuery): Promise<PartyState> {
    return (await this.loadMany([input]))[0];
  }

  async loadMany(inputs: PartyStateQuery[]): Promise<PartyState[]> {
    const periods = inputs.map((input) => beijingPeriods(input.occurredAt));
    const text = PARTY_STATE_SQL;
    const values = [
      inputs.map((input) => input.payerKey),
      inputs.map((input) => input.merchantId),
      inputs.map((input) => input.occurredAt.toISOString()),
      periods.map((period) => period.day),
      periods.map((period) => period.month),
      periods.map((period) => period.year),
      inputs.map((input) => input.transactionId),
      inputs.map((input) => input.merchantWindowMinutes),
      inputs.map((input) => input.includeVelocity ?? true),
    ];
    const rows: Array<Row & { position: string }> = this.options.prepared
      ? (await (this.dataSource.driver as unknown as { master: Pool }).master.query<Row & { position: string }>({ name: 'party-state-v1', text, values })).rows
      : await this.dataSource.query(text, values);
    const byPosition = new Map(rows.map((row) => [Number(row.position), row]));
    return inputs.map((_, index) => toState(byPosition.get(index + 1)!));
  }
}

const PARTY_STATE_SQL = `SELECT i.position,
        (SELECT first_seen_at FROM payers WHERE payer_key = i.payer_key) AS first_seen_at,
        CASE WHEN i.include_velocity THEN
          (SELECT coalesce(json_agg(json_build_object('transactionId', transaction_id, 'occurredAt', occurred_at,
              'amountUsdCents', amount_usd_cents, 'merchantId', merchant_id, 'decision', decision) ORDER BY occurred_at), '[]')
            FROM payments WHERE payer_key = i.payer_key AND occurred_at > i.occurred_at - make_interval(days => ${LOOK_BACK_DAYS})
              AND occurred_at <= i.occurred_at + interval '1 day' AND transaction_id <> i.transaction_id)
        ELSE '[]'::json END AS recent,
        (SELECT json_object_agg(period, amount) FROM limit_usage WHERE payer_key = i.payer_key AND (
            (period = 'DAY' AND period_key = i.day) OR (period = 'MONTH' AND period_key = i.month) OR (period = 'YEAR' AND period_key = i.year)
            OR (period = 'STATIC_QR_DAY' AND period_key = i.day))) AS usage,
        (SELECT json_build_object('reason', reason, 'ruleId', rule_id, 'until', until) FROM party_blocks
          WHERE party_key = i.payer_key AND lifted_at IS NULL AND (until IS NULL OR until > i.occurred_at)
          ORDER BY until DESC NULLS FIRST LIMIT 1) AS block,
        CASE WHEN i.include_velocity THEN
          (SELECT coalesce(array_agg(DISTINCT payer_key), '{}') FROM payments WHERE merchant_id = i.merchant_id
            AND decision = 'DECLINE' AND occurred_at > i.occurred_at - make_interval(mins => i.window_minutes) AND occurred_at <= i.occurred_at)
        ELSE '{}'::text[] END AS merchant_declined,
        (SELECT json_build_object('requestHash', p.request_hash, 'response', d.response::text)
          FROM payments p JOIN decisions d USING (transaction_id) WHERE p.transaction_id = i.transaction_id) AS existing
      FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::boolean[])
        WITH ORDINALITY AS i(payer_key, merchant_id, occurred_at, day, month, year, transaction_id, window_minutes, include_velocity, position)`;

function toState(row: Row): PartyState {
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

/**
 * Collects the party-state loads of concurrent requests for a short window and runs them as one query, as the
 * DecisionWriter does for commits. Each caller gets its own state.
 */
export class PartyStateLoader {
  private queue: Array<{ query: PartyStateQuery; resolve: (state: PartyState) => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly repository: PartyStateRepository,
    private readonly options: { windowMs: number; maxBatch: number; maxInFlight?: number },
  ) {}

  load(query: PartyStateQuery): Promise<PartyState> {
    if (this.options.windowMs === 0) return this.repository.load(query);
    return new Promise((resolve, reject) => {
      this.queue.push({ query, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // while the allowed number of queries runs, requests keep collecting: the busier, the larger the batch
    if (this.queue.length === 0 || this.inFlight >= (this.options.maxInFlight ?? 2)) return;
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.inFlight += 1;
    this.repository
      .loadMany(batch.map((item) => item.query))
      .then(
        (states) => batch.forEach((item, index) => item.resolve(states[index])),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
  }
}
