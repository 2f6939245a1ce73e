import type { DataSource } from 'typeorm';

/** One payment's decision as handed to record_pre_auth_decisions (see its migration). */
export interface DecisionRecord {
  transactionId: string;
  requestHash: string;
  occurredAt: string;
  payerKey: string;
  walletProvider: string;
  walletAccountId: string;
  merchantId: string;
  amountValue: string;
  amountCurrency: string;
  payerAmountValue: string | null;
  payerAmountCurrency: string | null;
  amountUsdCents: number;
  amountCnyFen: number;
  qrType: string;
  payer: unknown;
  merchant: unknown;
  decision: {
    outcome: string;
    riskScore: number;
    tier: string;
    reasons: unknown;
    actions: unknown;
    screening: unknown;
    alertRaised: boolean;
    ruleSetVersion: number;
    fxVersion: number;
    listSnapshotIds: string[];
    inputs: unknown;
    response: string;
    contentHash: string;
    decidedAt: string;
    actor: string;
  };
  reservations: Array<{ period: string; periodKey: string; amount: number; cap: number }>;
  block: { ruleId: string; reason: string; until: string | null } | null;
  outboxTopics: string[];
}

export type RecordResult =
  | { transactionId: string; status: 'RECORDED' }
  | { transactionId: string; status: 'LIMIT_EXCEEDED'; period: string }
  | { transactionId: string; status: 'DUPLICATE'; requestHash: string; response: string };

interface Pending {
  record: DecisionRecord;
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Shares one commit among concurrent decisions: records arriving within a short window are written by one call
 * of record_pre_auth_decisions, in payer-key order (a global lock order, so concurrent batches on other replicas
 * cannot deadlock). Each payment keeps its own conditional limit updates and its own outcome. A caller's promise
 * resolves only after the commit, so every answer the gateway receives is already durable.
 */
export class DecisionWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { windowMs: number; maxBatch: number; maxInFlight?: number },
  ) {}

  record(record: DecisionRecord): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.options.windowMs === 0 || this.queue.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return;
    if (this.inFlight >= (this.options.maxInFlight ?? 4)) {
      // the pool is busy: keep collecting; the running batch flushes again when it completes
      return;
    }
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.inFlight += 1;
    void this.write(batch).finally(() => {
      this.inFlight -= 1;
      if (this.queue.length > 0) this.flush();
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    const ordered = [...batch].sort((a, b) => (a.record.payerKey < b.record.payerKey ? -1 : a.record.payerKey > b.record.payerKey ? 1 : 0));
    for (let attempt = 1; ; attempt += 1) {
      try {
        const rows: Array<{ results: RecordResult[] }> = await this.dataSource.query(
          'SELECT record_pre_auth_decisions($1::jsonb) AS results',
          [JSON.stringify(ordered.map((item) => item.record))],
        );
        const results = rows[0].results;
        ordered.forEach((item, position) => {
          const result = results[position];
          if (result?.transactionId === item.record.transactionId) item.resolve(result);
          else item.reject(new Error(`no result for ${item.record.transactionId}`));
        });
        return;
      } catch (error) {
        // deadlock or serialization failure: the whole batch rolled back; retry it
        const code = (error as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < 5) continue;
        for (const item of ordered) item.reject(error);
        return;
      }
    }
  }
}
