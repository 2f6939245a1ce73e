import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { DecisionOutcome, PastPayment } from '@app/rules';

/** The velocity windows a decision reads: the payer's last 7 days of payments, and payers declined at the merchant. */
export interface VelocityWindows {
  recent: PastPayment[];
  merchantDeclinedPayers: string[];
}

export interface VelocityEntry {
  transactionId: string;
  payerKey: string;
  merchantId: string;
  occurredAt: Date;
  amountUsdCents: number;
  decision: DecisionOutcome;
}

const DAY_MS = 24 * 3600 * 1000;
const LOOK_BACK_MS = 7 * DAY_MS;

/**
 * Velocity windows in Redis (when REDIS_URL is set). They are signals, not money: written after the decision
 * commits, read beside the PostgreSQL party-state query, and rebuilt from the stored payments by
 * `npm run cli -- velocity:rebuild`. Limits never depend on them.
 */
export class RedisVelocityStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // auto-pipelining sends the commands of concurrent requests in one write
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 250, enableAutoPipelining: true });
    this.redis.on('error', () => undefined);
  }

  private payerKey(payerKey: string): string {
    return `${this.prefix}:velocity:payer:${payerKey}`;
  }

  private merchantKey(merchantId: string): string {
    return `${this.prefix}:velocity:merchant-declines:${merchantId}`;
  }

  async load(input: { transactionId: string; payerKey: string; merchantId: string; occurredAt: Date; merchantWindowMinutes: number }): Promise<VelocityWindows> {
    const at = input.occurredAt.getTime();
    const results = await this.redis
      .pipeline()
      .zrangebyscore(this.payerKey(input.payerKey), `(${at - LOOK_BACK_MS}`, at + DAY_MS)
      .zrangebyscore(this.merchantKey(input.merchantId), `(${at - input.merchantWindowMinutes * 60_000}`, at)
      .exec();
    if (!results) throw new Error('velocity pipeline returned nothing');
    for (const [error] of results) if (error) throw error;
    const payments = (results[0][1] as string[]).map((member) => JSON.parse(member) as [string, number, number, string, DecisionOutcome]);
    return {
      recent: payments
        .filter(([transactionId]) => transactionId !== input.transactionId)
        .map(([transactionId, occurredAt, amountUsdCents, merchantId, decision]) => ({ transactionId, occurredAt: new Date(occurredAt), amountUsdCents, merchantId, decision })),
      merchantDeclinedPayers: results[1][1] as string[],
    };
  }

  async record(entries: VelocityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      const at = entry.occurredAt.getTime();
      const payer = this.payerKey(entry.payerKey);
      pipeline.zadd(payer, at, JSON.stringify([entry.transactionId, at, entry.amountUsdCents, entry.merchantId, entry.decision]));
      pipeline.zremrangebyscore(payer, '-inf', at - LOOK_BACK_MS - DAY_MS);
      pipeline.pexpire(payer, LOOK_BACK_MS + 2 * DAY_MS);
      if (entry.decision === 'DECLINE') {
        const merchant = this.merchantKey(entry.merchantId);
        pipeline.zadd(merchant, at, entry.payerKey);
        pipeline.zremrangebyscore(merchant, '-inf', at - DAY_MS);
        pipeline.pexpire(merchant, 2 * DAY_MS);
      }
    }
    await pipeline.exec();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** Refills the Redis windows from the payments stored in PostgreSQL (after a Redis loss or flush). */
export async function rebuildVelocityWindows(dataSource: DataSource, store: RedisVelocityStore, now: Date = new Date()): Promise<number> {
  let total = 0;
  let after = '';
  try {
    for (;;) {
      const rows: Array<{ transaction_id: string; payer_key: string; merchant_id: string; occurred_at: Date; amount_usd_cents: string; decision: DecisionOutcome }> =
        await dataSource.query(
          `SELECT transaction_id, payer_key, merchant_id, occurred_at, amount_usd_cents, decision FROM payments
           WHERE occurred_at > $1::timestamptz - interval '8 days' AND transaction_id > $2 ORDER BY transaction_id LIMIT 5000`,
          [now.toISOString(), after],
        );
      if (rows.length === 0) return total;
      await store.record(rows.map((row) => ({ transactionId: row.transaction_id, payerKey: row.payer_key, merchantId: row.merchant_id, occurredAt: new Date(row.occurred_at), amountUsdCents: Number(row.amount_usd_cents), decision: row.decision })));
      total += rows.length;
      after = rows[rows.length - 1].transaction_id;
    }
  } finally {
    await store.close();
  }
}
