import type { DataSource, EntityManager } from 'typeorm';
import {
  actorLabel,
  beijingPeriods,
  canonicalJson,
  DomainError,
  NotFoundError,
  sha256Hex,
  type Actor,
} from '@app/common';
import { AuditLog } from '@app/persistence';
import { insertInputs } from '../generate-report.use-case.js';
import { ReportRepository, selectReport, type StoredReport } from '../report.repository.js';
import { addWorkingDays } from '../working-days.js';
import { buildSuspiciousReport, type ConfirmedCase } from './suspicious-report.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One STR per case: the report's dedup key. */
export function strDedupKey(caseId: string): string {
  return `STR:${caseId.toLowerCase()}`;
}

interface CaseRow {
  id: string;
  title: string;
  status: string;
  narrative: string | null;
  proposed_by: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  str_required: boolean;
  str_immediate: boolean;
}

/**
 * Drafts the suspicious transaction report of a case closed CLOSED_CONFIRMED with str_required. Idempotent: the
 * unique reports.dedup_key `STR:<caseId>` lets one insert win (the case approval, a retry or the manual
 * POST /v1/cases/{id}/str); the others answer the stored draft. Due immediately for a sanctions / terrorist-list
 * confirmation, otherwise the report rules' working days (5) after the Beijing day suspicion was confirmed.
 */
export class DraftStrUseCase {
  private readonly repository: ReportRepository;
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.repository = new ReportRepository(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: {
    caseId: string;
    actor: Actor;
    now: Date;
    requestId?: string;
  }): Promise<{ report: StoredReport; created: boolean }> {
    if (!UUID.test(command.caseId)) throw new NotFoundError(`No case ${command.caseId}`);
    const dedupKey = strDedupKey(command.caseId);
    const existing: Array<{ id: string }> = await this.dataSource.query(
      'SELECT id FROM reports WHERE dedup_key = $1',
      [dedupKey],
    );
    if (existing[0]) {
      const report = await this.repository.findById(existing[0].id);
      if (report) return { report, created: false };
    }
    const source = await this.confirmedCase(command.caseId);
    const [rules, calendar] = await Promise.all([this.repository.rules(), this.repository.calendar()]);
    const confirmedOn = beijingPeriods(source.confirmedAt).day;
    const fx = await this.repository.fxForDay(confirmedOn);
    // a sanctions or terrorist-list confirmation is reported immediately (DOMAIN.md): due the day it was confirmed
    const dueOn = source.immediate
      ? confirmedOn
      : addWorkingDays(confirmedOn, rules.definition.dueWorkingDays, calendar);
    const content = buildSuspiciousReport({
      case: source,
      fx,
      institution: rules.definition.reportingInstitution,
      dueOn,
      now: command.now,
    });
    const contentSha256 = sha256Hex(canonicalJson(content));
    return this.dataSource.transaction(async (manager) => {
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO reports (type, period, status, rule_version, fx_version, dedup_key, content, content_sha256, created_by, due_on)
         VALUES ('STR', $1, 'DRAFT', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
        [
          content.period,
          rules.version,
          fx.version,
          dedupKey,
          JSON.stringify(content),
          contentSha256,
          actorLabel(command.actor),
          dueOn,
        ],
      );
      if (!inserted[0])
        return { report: await selectReport(manager, 'dedup_key = $1', [dedupKey]), created: false };
      const id = inserted[0].id;
      await insertInputs(
        manager,
        id,
        content.transactions.map((transaction) => transaction.transactionId),
      );
      await this.audit.append(
        {
          actor: command.actor,
          action: 'report.str-drafted',
          entityType: 'report',
          entityId: id,
          after: {
            type: 'STR',
            caseId: source.caseId,
            period: content.period,
            immediate: content.immediate,
            dueOn,
            subjects: content.subjects.length,
            transactions: content.transactions.length,
            indicators: content.indicators.map((indicator) => indicator.code),
            contentSha256,
          },
          requestId: command.requestId,
        },
        manager,
      );
      return { report: await selectReport(manager, 'id = $1', [id]), created: true };
    });
  }

  /** The case, its alerts and every payment of its alerts (occurrences included), read without a transaction. */
  private async confirmedCase(
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConfirmedCase> {
    const rows: CaseRow[] = await manager.query(
      'SELECT id, title, status, narrative, proposed_by, approved_by, approved_at, str_required, str_immediate FROM cases WHERE id = $1',
      [caseId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError(`No case ${caseId}`);
    if (row.status !== 'CLOSED_CONFIRMED' || !row.str_required || !row.approved_at) {
      throw new DomainError(
        'CONFLICT',
        `An STR is drafted from a case closed CLOSED_CONFIRMED by four eyes; this case is ${row.status}`,
      );
    }
    const alerts: Array<{ id: string; type: string; rule_id: string; disposition: string | null }> =
      await manager.query(
        `SELECT a.id, a.type, a.rule_id, to_jsonb(a) ->> 'disposition' AS disposition
           FROM case_alerts ca JOIN alerts a ON a.id = ca.alert_id WHERE ca.case_id = $1 ORDER BY ca.added_at, a.id`,
        [caseId],
      );
    const payments: Array<{
      transaction_id: string;
      occurred_at: Date;
      status: string;
      decision: string;
      qr_type: string;
      payer_key: string;
      merchant_id: string;
      payer: Record<string, unknown>;
      merchant: Record<string, unknown>;
      amount_value: string;
      amount_currency: string;
      payer_amount_value: string | null;
      payer_amount_currency: string | null;
      reasons: ConfirmedCase['payments'][number]['reasons'] | null;
      hits: ConfirmedCase['payments'][number]['hits'] | null;
    }> = await manager.query(
      `SELECT p.transaction_id, p.occurred_at, p.status, p.decision, p.qr_type, p.payer_key, p.merchant_id, p.payer, p.merchant,
              round(p.amount_value, 2)::text AS amount_value, p.amount_currency,
              round(p.payer_amount_value, 2)::text AS payer_amount_value, p.payer_amount_currency,
              d.reasons, d.screening -> 'hits' AS hits
         FROM payments p JOIN decisions d USING (transaction_id)
        WHERE p.transaction_id IN (
          SELECT a.evidence ->> 'transactionId' FROM case_alerts ca JOIN alerts a ON a.id = ca.alert_id WHERE ca.case_id = $1
          UNION SELECT o.ref FROM case_alerts ca JOIN alert_occurrences o ON o.alert_id = ca.alert_id WHERE ca.case_id = $1)
        ORDER BY p.occurred_at, p.transaction_id`,
      [caseId],
    );
    return {
      caseId: row.id,
      title: row.title,
      narrative: row.narrative ?? '',
      immediate: row.str_immediate,
      proposedBy: row.proposed_by,
      approvedBy: row.approved_by,
      confirmedAt: new Date(row.approved_at),
      alerts: alerts.map((alert) => ({
        id: alert.id,
        type: alert.type,
        ruleId: alert.rule_id,
        disposition: alert.disposition,
      })),
      payments: payments.map((payment) => ({
        transactionId: payment.transaction_id,
        occurredAt: new Date(payment.occurred_at),
        status: payment.status,
        decision: payment.decision,
        qrType: payment.qr_type,
        amount: { value: payment.amount_value, currency: payment.amount_currency.trim() },
        payerAmount:
          payment.payer_amount_value && payment.payer_amount_currency
            ? { value: payment.payer_amount_value, currency: payment.payer_amount_currency.trim() }
            : null,
        payerKey: payment.payer_key,
        merchantId: payment.merchant_id,
        payer: payment.payer,
        merchant: payment.merchant,
        reasons: Array.isArray(payment.reasons) ? payment.reasons : [],
        hits: Array.isArray(payment.hits) ? payment.hits : [],
      })),
    };
  }
}

/**
 * The case approval's hook: drafts the STR once the CLOSED_CONFIRMED approval has committed. A failure (say, no
 * working-day calendar for the year) does not undo the approval: it is audited as `report.str-draft-failed`, the
 * case stays str_required, and POST /v1/cases/{id}/str drafts it by hand.
 */
export async function draftStrAfterApproval(
  dataSource: DataSource,
  caseId: string,
  actor: Actor,
  requestId?: string,
): Promise<void> {
  try {
    await new DraftStrUseCase(dataSource).execute({ caseId, actor, now: new Date(), requestId });
  } catch (error) {
    await new AuditLog(dataSource).append({
      actor,
      action: 'report.str-draft-failed',
      entityType: 'case',
      entityId: caseId,
      after: {
        code: error instanceof DomainError ? error.code : 'INTERNAL',
        message: error instanceof Error ? error.message : String(error),
      },
      requestId,
    });
  }
}
