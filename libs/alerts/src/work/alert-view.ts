/** What officers see of an alert (the queue row); the detail adds evidence, occurrences, notes and dispositions. */
export interface AlertView {
  id: string;
  dedupKey: string;
  status: string;
  type: string;
  priority: string;
  ruleId: string;
  partyKey: string | null;
  merchantId: string | null;
  riskScore: number;
  occurrences: number;
  source: string;
  slaDueAt: string;
  slaBreachedAt: string | null;
  assignee: string | null;
  disposition: string | null;
  disposedBy: string | null;
  disposedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface AlertRow {
  id: string;
  dedup_key: string;
  status: string;
  type: string;
  priority: string;
  priority_rank: number;
  rule_id: string;
  party_key: string | null;
  merchant_id: string | null;
  risk_score: number;
  occurrences: number;
  source: string;
  sla_due_at: Date;
  sla_breached_at: Date | null;
  assignee: string | null;
  disposition: string | null;
  disposed_by_id: string | null;
  disposed_by: string | null;
  disposed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export const ALERT_COLUMNS = `id, dedup_key, status, type, priority, priority_rank, rule_id, party_key, merchant_id, risk_score, occurrences, source,
  sla_due_at, sla_breached_at, assignee, disposition, disposed_by_id, disposed_by, disposed_at, created_at, updated_at, closed_at`;

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

export function toAlertView(row: AlertRow): AlertView {
  return {
    id: row.id,
    dedupKey: row.dedup_key,
    status: row.status,
    type: row.type,
    priority: row.priority,
    ruleId: row.rule_id,
    partyKey: row.party_key,
    merchantId: row.merchant_id,
    riskScore: row.risk_score,
    occurrences: row.occurrences,
    source: row.source,
    slaDueAt: iso(row.sla_due_at)!,
    slaBreachedAt: iso(row.sla_breached_at),
    assignee: row.assignee,
    disposition: row.disposition,
    disposedBy: row.disposed_by,
    disposedAt: iso(row.disposed_at),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    closedAt: iso(row.closed_at),
  };
}

/** The audit trail's before/after of an alert: its state, not its evidence. */
export function auditState(row: AlertRow): Record<string, unknown> {
  return { status: row.status, priority: row.priority, assignee: row.assignee, disposition: row.disposition, disposedBy: row.disposed_by };
}

/** TypeORM answers `[rows, rowCount]` for UPDATE … RETURNING on PostgreSQL (plain rows for SELECT and INSERT). */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
