import type { DataSource } from 'typeorm';
import { NotFoundError } from '@app/common';
import { evaluatePayment, type PartyHistory, type PaymentFacts, type Reason, type RuleSetDefinition, type ScreeningSignal } from '@app/rules';
import { buildSanctionsIndex, type ListEntry, type ScreeningQuery, type Thresholds } from '@app/screening';

export interface ReplayResult {
  transactionId: string;
  identical: boolean;
  rules: { identical: boolean; stored: { outcome: string; riskScore: number; reasons: string[] }; replayed: { outcome: string; riskScore: number; reasons: string[] } };
  screening: { identical: boolean; stored: string[]; replayed: string[]; snapshots: string[] };
}

interface StoredDecision {
  outcome: string;
  risk_score: number;
  reasons: Reason[];
  rule_set_version: number;
  definition: RuleSetDefinition;
  list_snapshot_ids: string[];
  inputs: { facts: PaymentFacts & { occurredAt: string }; history: PartyHistory & Record<string, unknown>; signals: ScreeningSignal[] };
  payer: { name: string; nameOriginalScript?: string; dateOfBirth?: string; nationality?: string; idDocument?: { type: string; number: string; country?: string } };
  merchant: { name: string; legalRepresentative?: string };
}

const reasonKey = (reason: { code: string; ruleId: string }): string => `${reason.ruleId}:${reason.code}`;

/**
 * Replays a stored decision exactly: the rules are re-run on the stored inputs with the rule set version the
 * decision recorded, and the parties are screened again against the list snapshots it recorded (superseded
 * snapshots are kept for this). A difference means the decision cannot be reproduced and is reported as such.
 */
export class ReplayDecisionUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(transactionId: string): Promise<ReplayResult> {
    const rows: StoredDecision[] = await this.dataSource.query(
      `SELECT d.outcome, d.risk_score, d.reasons, d.rule_set_version, r.definition, d.list_snapshot_ids, d.inputs, p.payer, p.merchant
       FROM decisions d JOIN payments p USING (transaction_id) JOIN rule_sets r ON r.version = d.rule_set_version
       WHERE d.transaction_id = $1`,
      [transactionId],
    );
    const stored = rows[0];
    if (!stored) throw new NotFoundError(`No decision for transaction ${transactionId}`);

    const { facts, history, signals } = stored.inputs;
    const evaluation = evaluatePayment({
      payment: { ...facts, occurredAt: new Date(facts.occurredAt) },
      history: {
        ...history,
        firstSeenAt: history.firstSeenAt ? new Date(history.firstSeenAt) : null,
        recent: history.recent.map((payment) => ({ ...payment, occurredAt: new Date(payment.occurredAt) })),
        block: history.block ? { ...history.block, until: history.block.until ? new Date(history.block.until) : null } : null,
      },
      ruleSet: { version: stored.rule_set_version, definition: stored.definition },
      screening: signals,
    });
    const rules = {
      stored: { outcome: stored.outcome, riskScore: stored.risk_score, reasons: stored.reasons.map(reasonKey) },
      replayed: { outcome: evaluation.outcome, riskScore: evaluation.riskScore, reasons: evaluation.reasons.map(reasonKey) },
    };
    const rulesIdentical = JSON.stringify(rules.stored) === JSON.stringify(rules.replayed);

    const screening = await this.rescreen(stored, stored.definition.screening);
    const storedHits = signals.map((signal) => `${signal.party}|${signal.list}|${signal.sourceId}|${signal.band}|${signal.score}`).sort();
    // a stored hit list may be shorter than the replay when an officer's false-positive suppression applied
    const screeningIdentical = storedHits.every((hit) => screening.includes(hit)) && screening.every((hit) => storedHits.includes(hit));
    return {
      transactionId,
      identical: rulesIdentical && screeningIdentical,
      rules: { identical: rulesIdentical, ...rules },
      screening: { identical: screeningIdentical, stored: storedHits, replayed: screening, snapshots: stored.list_snapshot_ids },
    };
  }

  private async rescreen(stored: StoredDecision, thresholds: Thresholds): Promise<string[]> {
    const entries: Array<{ entry: ListEntry }> = await this.dataSource.query('SELECT entry FROM list_entries WHERE snapshot_id = ANY($1::uuid[]) ORDER BY snapshot_id, source_id', [
      stored.list_snapshot_ids,
    ]);
    const index = buildSanctionsIndex(entries.map((row) => row.entry));
    const parties: Array<{ party: string; query: ScreeningQuery }> = [
      {
        party: 'payer',
        query: {
          name: stored.payer.name,
          originalScriptName: stored.payer.nameOriginalScript,
          type: 'person',
          dateOfBirth: stored.payer.dateOfBirth,
          nationalities: stored.payer.nationality ? [stored.payer.nationality] : undefined,
          identifiers: stored.payer.idDocument ? [stored.payer.idDocument] : undefined,
        },
      },
      { party: 'merchant', query: { name: stored.merchant.name, type: 'organisation' } },
    ];
    if (stored.merchant.legalRepresentative) parties.push({ party: 'legalRepresentative', query: { name: stored.merchant.legalRepresentative, type: 'person' } });
    const hits: string[] = [];
    for (const { party, query } of parties) {
      for (const match of index.search(query, thresholds, { limit: 5 })) {
        if (match.band !== 'NONE') hits.push(`${party}|${match.entry.list}|${match.entry.sourceId}|${match.band}|${match.score}`);
      }
    }
    return hits.sort();
  }
}
