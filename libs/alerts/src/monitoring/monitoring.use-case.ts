import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/common';
import { AuditLog } from '@app/persistence';
import { raiseAlert } from '../alert-writer.js';
import { dormantSurgeRule } from './dormant-surge.rule.js';
import { fanInRule } from './fan-in.rule.js';
import { findingDedupKey, MONITORING_RULE_IDS, resolveMonitoringParameters, type MonitoringFinding, type MonitoringParameters, type MonitoringRuleId } from './monitoring-rule.js';
import { nightTimeRule } from './night-time.rule.js';
import { passThroughRule } from './pass-through.rule.js';
import { mccTicketNorms, profileMismatchRule } from './profile-mismatch.rule.js';
import { roundAmountsRule } from './round-amounts.rule.js';
import { completedWindows, parseWindow, RULE_CADENCE, type Cadence, type MonitoringWindow } from './windows.js';

export interface MonitoringRunResult {
  ruleId: MonitoringRuleId;
  window: string;
  /** false when the window had already been evaluated (nothing done) */
  evaluated: boolean;
  findings: number;
  alertsRaised: number;
}

/** Payments that moved money or were allowed to: not declined, not failed. */
const AUTHORISED = "status IN ('PENDING', 'SETTLED', 'REVERSED')";

/**
 * Runs the monitoring rules over persisted payments, one (rule, window) at a time, each in one transaction:
 * the monitoring_runs row is claimed first (unique on rule and window; a concurrent run of the same window waits
 * on it and then finds it done), the rule's facts are read, the pure rule decides, and each finding raises an
 * alert keyed `<subject>|<rule>|<window>`. A window is evaluated once, so a repeated job raises nothing new.
 */
export class MonitoringUseCase {
  private readonly audit: AuditLog;

  /** `parameters` replaces the stored ones (replays, tests); otherwise the newest monitoring_parameters version is in force. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly parameters?: MonitoringParameters,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  /** Every rule of the cadence over the last complete windows (3 hours / 2 days: missed runs catch up). */
  async tick(cadence: Cadence, now: Date): Promise<MonitoringRunResult[]> {
    const results: MonitoringRunResult[] = [];
    for (const window of completedWindows(cadence, now, cadence === 'hourly' ? 3 : 2)) {
      for (const ruleId of MONITORING_RULE_IDS.filter((id) => RULE_CADENCE[id] === cadence)) results.push(await this.evaluate(ruleId, window));
    }
    return results;
  }

  async run(ruleId: MonitoringRuleId, windowKey: string, now: Date): Promise<MonitoringRunResult> {
    if (!MONITORING_RULE_IDS.includes(ruleId)) {
      throw new DomainError('VALIDATION_FAILED', `${String(ruleId)} is not a monitoring rule`, [{ path: 'ruleId', message: `ruleId must be one of ${MONITORING_RULE_IDS.join(', ')}` }]);
    }
    const window = parseWindow(RULE_CADENCE[ruleId], windowKey);
    if (window.end > now) throw new DomainError('VALIDATION_FAILED', `Window ${windowKey} is not over yet`, [{ path: 'window', message: 'only complete windows are evaluated' }]);
    return this.evaluate(ruleId, window);
  }

  private evaluate(ruleId: MonitoringRuleId, window: MonitoringWindow): Promise<MonitoringRunResult> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: Array<{ id: string }> = await manager.query(
        'INSERT INTO monitoring_runs (rule_id, window_key, window_start, window_end) VALUES ($1, $2, $3, $4) ON CONFLICT (rule_id, window_key) DO NOTHING RETURNING id',
        [ruleId, window.key, window.start.toISOString(), window.end.toISOString()],
      );
      if (!claimed[0]) return { ruleId, window: window.key, evaluated: false, findings: 0, alertsRaised: 0 };
      const { version, parameters } = await this.parametersInForce(manager);
      const findings = await this.findings(manager, ruleId, window, parameters);
      let alertsRaised = 0;
      for (const finding of findings) {
        const raised = await raiseAlert(manager, this.alertOf(finding, window, parameters, version), this.audit);
        if (raised.created) alertsRaised += 1;
      }
      await manager.query('UPDATE monitoring_runs SET finished_at = clock_timestamp(), findings = $2, alerts_raised = $3, parameters_version = $4 WHERE id = $1', [
        claimed[0].id,
        findings.length,
        alertsRaised,
        version,
      ]);
      return { ruleId, window: window.key, evaluated: true, findings: findings.length, alertsRaised };
    });
  }

  private async parametersInForce(manager: EntityManager): Promise<{ version: number | null; parameters: MonitoringParameters }> {
    if (this.parameters) return { version: null, parameters: this.parameters };
    const rows: Array<{ version: number; definition: unknown }> = await manager.query('SELECT version, definition FROM monitoring_parameters ORDER BY version DESC LIMIT 1');
    return { version: rows[0]?.version ?? null, parameters: resolveMonitoringParameters(rows[0]?.definition) };
  }

  private alertOf(finding: MonitoringFinding, window: MonitoringWindow, parameters: MonitoringParameters, version: number | null): Parameters<typeof raiseAlert>[1] {
    return {
      dedupKey: findingDedupKey(finding, window.key),
      type: 'MONITORING',
      priority: finding.priority,
      ruleId: finding.ruleId,
      partyKey: finding.payerKey,
      merchantId: finding.merchantId,
      riskScore: finding.riskScore,
      evidence: {
        ruleId: finding.ruleId,
        window: window.key,
        windowStart: window.start.toISOString(),
        windowEnd: window.end.toISOString(),
        parametersVersion: version,
        parameters: parameters[finding.ruleId],
        facts: finding.facts,
        transactionIds: finding.transactionIds,
      },
      source: 'monitoring',
      ref: `monitoring:${finding.ruleId}:${window.key}`,
    };
  }

  private async findings(manager: EntityManager, ruleId: MonitoringRuleId, window: MonitoringWindow, parameters: MonitoringParameters): Promise<MonitoringFinding[]> {
    const range = [window.start.toISOString(), window.end.toISOString()];
    switch (ruleId) {
      case 'R08': {
        const ruleParameters = parameters.R08;
        const rows: Array<{ merchant_id: string; distinct_payers: number; history: number[]; transaction_ids: string[] }> = await manager.query(
          `WITH window_merchants AS (
             SELECT merchant_id, count(DISTINCT payer_key)::int AS distinct_payers, (array_agg(transaction_id ORDER BY occurred_at))[1:50] AS transaction_ids
             FROM payments WHERE occurred_at >= $1 AND occurred_at < $2 AND ${AUTHORISED}
             GROUP BY merchant_id HAVING count(DISTINCT payer_key) >= $3)
           SELECT w.merchant_id, w.distinct_payers, w.transaction_ids,
             ARRAY(SELECT count(DISTINCT p.payer_key)::int FROM payments p
                   WHERE p.merchant_id = w.merchant_id AND p.occurred_at >= $1::timestamptz - make_interval(days => $4) AND p.occurred_at < $1 AND p.${AUTHORISED}
                   GROUP BY date_trunc('hour', p.occurred_at)) AS history
           FROM window_merchants w`,
          [...range, ruleParameters.minDistinctPayers, ruleParameters.historyDays],
        );
        return fanInRule(rows.map((row) => ({ merchantId: row.merchant_id, distinctPayers: row.distinct_payers, hourlyHistory: row.history, transactionIds: row.transaction_ids })), ruleParameters);
      }
      case 'R11': {
        const rows: Array<{ transaction_id: string; merchant_id: string; amount_cny_fen: string }> = await manager.query(
          `SELECT transaction_id, merchant_id, amount_cny_fen FROM payments
           WHERE occurred_at >= $1 AND occurred_at < $2 AND ${AUTHORISED} AND amount_cny_fen >= $3 AND amount_cny_fen % 100 = 0 ORDER BY occurred_at`,
          [...range, parameters.R11.minNineStyleYuan * 100],
        );
        return roundAmountsRule(rows.map((row) => ({ transactionId: row.transaction_id, merchantId: row.merchant_id, amountCnyFen: Number(row.amount_cny_fen) })), parameters.R11);
      }
      case 'R12': {
        const ruleParameters = parameters.R12;
        const rows: Array<{ transaction_id: string; payer_key: string; merchant_id: string; mcc: string; occurred_at: Date; amount_cny_fen: string }> = await manager.query(
          `SELECT transaction_id, payer_key, merchant_id, merchant->>'mcc' AS mcc, occurred_at, amount_cny_fen FROM payments
           WHERE occurred_at >= $1 AND occurred_at < $1::timestamptz + make_interval(hours => $3) AND occurred_at < $2 AND ${AUTHORISED}
             AND amount_cny_fen >= $4 AND NOT (merchant->>'mcc' = ANY($5::text[])) ORDER BY occurred_at`,
          [...range, ruleParameters.toHour + 1, ruleParameters.minAmountFen, ruleParameters.everydayMccs],
        );
        return nightTimeRule(
          rows.map((row) => ({ transactionId: row.transaction_id, payerKey: row.payer_key, merchantId: row.merchant_id, mcc: row.mcc ?? '', occurredAt: new Date(row.occurred_at), amountCnyFen: Number(row.amount_cny_fen) })),
          ruleParameters,
        );
      }
      case 'R17': {
        const ruleParameters = parameters.R17;
        const merchants: Array<{ merchant_id: string; mcc: string; payments: number; total: string }> = await manager.query(
          `SELECT merchant_id, max(merchant->>'mcc') AS mcc, count(*)::int AS payments, sum(amount_cny_fen) AS total FROM payments
           WHERE occurred_at >= $1 AND occurred_at < $2 AND ${AUTHORISED} GROUP BY merchant_id HAVING count(*) >= $3 AND sum(amount_cny_fen) >= $4`,
          [...range, ruleParameters.minPayments, ruleParameters.minTotalFen],
        );
        if (!merchants.length) return [];
        const peers: Array<{ mcc: string; average: string }> = await manager.query(
          `SELECT merchant->>'mcc' AS mcc, avg(amount_cny_fen) AS average FROM payments
           WHERE occurred_at >= $1::timestamptz - make_interval(days => $2) AND occurred_at < $1 AND ${AUTHORISED} AND merchant->>'mcc' = ANY($3::text[])
           GROUP BY merchant_id, merchant->>'mcc'`,
          [window.start.toISOString(), ruleParameters.peerDays, [...new Set(merchants.map((merchant) => merchant.mcc))]],
        );
        const norms = mccTicketNorms(peers.map((peer) => ({ mcc: peer.mcc, averageCnyFen: Number(peer.average) })), ruleParameters);
        return profileMismatchRule(merchants.map((row) => ({ merchantId: row.merchant_id, mcc: row.mcc ?? '', payments: row.payments, totalCnyFen: Number(row.total) })), norms, ruleParameters);
      }
      case 'R19': {
        const ruleParameters = parameters.R19;
        const rows: Array<{ merchant_id: string; day_total: string; day_payments: number; last_active_at: Date | null; prior_total: string | null; prior_days: number }> = await manager.query(
          `WITH day AS (
             SELECT merchant_id, sum(amount_cny_fen) AS day_total, count(*)::int AS day_payments FROM payments
             WHERE occurred_at >= $1 AND occurred_at < $2 AND ${AUTHORISED} GROUP BY merchant_id)
           SELECT d.merchant_id, d.day_total, d.day_payments, prior.last_active_at, prior.prior_total, coalesce(prior.prior_days, 0)::int AS prior_days
           FROM day d CROSS JOIN LATERAL (
             SELECT max(p.occurred_at) AS last_active_at, sum(p.amount_cny_fen) AS prior_total,
               count(DISTINCT date_trunc('day', p.occurred_at AT TIME ZONE 'Asia/Shanghai')) AS prior_days
             FROM payments p WHERE p.merchant_id = d.merchant_id AND p.occurred_at < $1 AND p.occurred_at >= $1::timestamptz - make_interval(days => $3) AND p.${AUTHORISED}) prior
           WHERE prior.last_active_at IS NOT NULL AND prior.last_active_at <= $1::timestamptz - make_interval(days => $4)`,
          [...range, ruleParameters.lookBackDays, ruleParameters.dormantDays],
        );
        return dormantSurgeRule(
          rows.map((row) => ({
            merchantId: row.merchant_id,
            dayTotalCnyFen: Number(row.day_total),
            dayPayments: row.day_payments,
            lastActiveAt: row.last_active_at ? new Date(row.last_active_at) : null,
            priorTotalCnyFen: Number(row.prior_total ?? 0),
            priorActiveDays: row.prior_days,
          })),
          window.start,
          ruleParameters,
        );
      }
      case 'R20': {
        const ruleParameters = parameters.R20;
        const rows: Array<{ merchant_id: string; inflow: string; reversed: string; reversed_ids: string[] }> = await manager.query(
          `SELECT merchant_id, sum(amount_cny_fen) AS inflow,
             coalesce(sum(amount_cny_fen) FILTER (WHERE status = 'REVERSED' AND status_at < $2), 0) AS reversed,
             coalesce(array_agg(transaction_id ORDER BY occurred_at) FILTER (WHERE status = 'REVERSED' AND status_at < $2), '{}') AS reversed_ids
           FROM payments WHERE occurred_at >= $1 AND occurred_at < $2 AND ${AUTHORISED}
           GROUP BY merchant_id HAVING sum(amount_cny_fen) >= $3`,
          [...range, ruleParameters.minInflowFen],
        );
        return passThroughRule(rows.map((row) => ({ merchantId: row.merchant_id, inflowCnyFen: Number(row.inflow), reversedCnyFen: Number(row.reversed), reversedTransactionIds: row.reversed_ids })), ruleParameters);
      }
    }
  }
}
