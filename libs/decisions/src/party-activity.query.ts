import type { DataSource } from 'typeorm';
import { beijingPeriods, NotFoundError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import type { KycTier, RuleSetDefinition, TierLimits } from '@app/rules';

interface MoneyView {
  value: string;
  currency: string;
}

export interface PartyActivity {
  payerKey: string;
  firstSeenAt: string;
  /** the Beijing day, month and year the limit usage is for */
  periods: { day: string; month: string; year: string };
  /** the last 30 days, newest first, at most 200: both currency legs and the USD / CNY equivalents (minor units) */
  payments: Array<{
    transactionId: string;
    occurredAt: string;
    merchantId: string;
    merchantName: string | null;
    amount: MoneyView;
    payerAmount: MoneyView | null;
    amountUsdCents: number;
    amountCnyFen: number;
    decision: string;
    status: string;
    qrType: string;
  }>;
  /** reserved or settled amounts of the current periods: USD cents (DAY, MONTH, YEAR), CNY fen (STATIC_QR_DAY) */
  limitUsage: Array<{ period: string; periodKey: string; amount: number }>;
  blocks: Array<{ ruleId: string; reason: string; transactionId: string | null; createdAt: string; until: string | null; liftedAt: string | null }>;
  /**
   * The limits in force for this payer: the tier of the payer's latest decision (its KYC level, capped by R14 /
   * R15) and that tier's limits in the rule set in force. Null before the payer's first decision.
   */
  limits: {
    tier: KycTier;
    kycLevel: string | null;
    fromTransactionId: string;
    ruleSetVersion: number;
    /** USD cents */
    perPayment: number;
    daily: number;
    monthly: number;
    annual: number;
    /** CNY fen per Beijing day for static QR payments; null when the overlay is off */
    staticQrDaily: number | null;
  } | null;
}

/** A payer's recent activity for an officer: what was paid, how much of each limit is used, any block. Audited. */
export class PartyActivityQuery {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async execute(input: { payerKey: string; actor: Actor; requestId?: string; now: Date }): Promise<PartyActivity> {
    const { payerKey } = input;
    const payers = await this.dataSource.query<Array<{ first_seen_at: Date }>>('SELECT first_seen_at FROM payers WHERE payer_key = $1', [payerKey]);
    if (!payers[0]) throw new NotFoundError(`No payer ${payerKey}`);
    const periods = beijingPeriods(input.now);
    const [payments, usage, blocks, latest, ruleSets] = await Promise.all([
      this.dataSource.query<PartyActivity['payments']>(
        `SELECT transaction_id AS "transactionId", occurred_at AS "occurredAt", merchant_id AS "merchantId", merchant->>'name' AS "merchantName",
           json_build_object('value', amount_value::text, 'currency', amount_currency) AS amount,
           CASE WHEN payer_amount_value IS NULL THEN NULL ELSE json_build_object('value', payer_amount_value::text, 'currency', payer_amount_currency) END AS "payerAmount",
           amount_usd_cents::int AS "amountUsdCents", amount_cny_fen::int AS "amountCnyFen", decision, status, qr_type AS "qrType"
         FROM payments WHERE payer_key = $1 AND occurred_at > $2::timestamptz - interval '30 days' ORDER BY occurred_at DESC LIMIT 200`,
        [payerKey, input.now.toISOString()],
      ),
      this.dataSource.query<PartyActivity['limitUsage']>(
        `SELECT period, period_key AS "periodKey", amount::int AS amount FROM limit_usage WHERE payer_key = $1
           AND ((period IN ('DAY', 'STATIC_QR_DAY') AND period_key = $2) OR (period = 'MONTH' AND period_key = $3) OR (period = 'YEAR' AND period_key = $4))
         ORDER BY period`,
        [payerKey, periods.day, periods.month, periods.year],
      ),
      this.dataSource.query<PartyActivity['blocks']>(
        'SELECT rule_id AS "ruleId", reason, transaction_id AS "transactionId", created_at AS "createdAt", until, lifted_at AS "liftedAt" FROM party_blocks WHERE party_key = $1 ORDER BY created_at DESC',
        [payerKey],
      ),
      this.dataSource.query<Array<{ transaction_id: string; tier: KycTier; kyc_level: string | null }>>(
        `SELECT d.transaction_id, d.tier, p.payer->>'kycLevel' AS kyc_level FROM payments p JOIN decisions d USING (transaction_id)
         WHERE p.payer_key = $1 ORDER BY p.occurred_at DESC LIMIT 1`,
        [payerKey],
      ),
      this.dataSource.query<Array<{ version: number; definition: RuleSetDefinition }>>('SELECT version, definition FROM rule_sets ORDER BY version DESC LIMIT 1'),
    ]);
    let limits: PartyActivity['limits'] = null;
    const tierLimits: TierLimits | undefined = latest[0] && ruleSets[0]?.definition.tiers[latest[0].tier];
    if (latest[0] && ruleSets[0] && tierLimits) {
      limits = {
        tier: latest[0].tier,
        kycLevel: latest[0].kyc_level,
        fromTransactionId: latest[0].transaction_id,
        ruleSetVersion: ruleSets[0].version,
        perPayment: tierLimits.perPayment,
        daily: tierLimits.daily,
        monthly: tierLimits.monthly,
        annual: tierLimits.annual,
        staticQrDaily: ruleSets[0].definition.staticQrDailyCapCnyFen,
      };
    }
    await this.audit.append({ actor: input.actor, action: 'party.read', entityType: 'party', entityId: payerKey, requestId: input.requestId });
    return { payerKey, firstSeenAt: new Date(payers[0].first_seen_at).toISOString(), periods, payments, limitUsage: usage, blocks, limits };
  }
}
