import type { DataSource } from 'typeorm';
import { DomainError, NotFoundError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import type { AlertPriority } from './alert-policy.js';
import { ALERT_PAGE_DEFAULT, ALERT_PAGE_MAX } from './alert-work.dto.js';
import { ALERT_COLUMNS, toAlertView, type AlertRow, type AlertView } from './alert-view.js';

export interface AlertQuery {
  status?: string;
  type?: string;
  priority?: string;
  assignee?: string;
  dueBefore?: string;
  ruleId?: string;
  limit?: number;
  cursor?: string;
}

export interface AlertDetail extends AlertView {
  evidence: unknown;
  occurrenceRefs: Array<{ ref: string; at: string }>;
  notes: Array<{ id: number; author: string; text: string; createdAt: string }>;
  dispositions: Array<{ id: number; action: string; disposition: string; rationale: string | null; officer: string; createdAt: string }>;
}

/** Mirrors the generated column alerts.priority_rank (migration 1764100000030). */
const PRIORITY_RANK: Record<AlertPriority, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

interface Cursor {
  rank: number;
  due: string;
  id: string;
}

/** The cursor keeps the SLA due time to the microsecond (a JavaScript Date would round it and repeat rows). */
function encodeCursor(row: AlertRow & { sla_due_key: string }): string {
  return Buffer.from(JSON.stringify([row.priority_rank, row.sla_due_key, row.id])).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const [rank, due, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof rank === 'number' && typeof due === 'string' && !Number.isNaN(Date.parse(due)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { rank, due, id };
  } catch {
    // falls through to the validation error
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not a cursor this API returned', [{ path: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
}

/**
 * Officers' reads of the alert queues. Most urgent first (priority, then SLA due time), paged by keyset on the
 * same order so a page costs the same at any depth. Every read is an `alert.read` audit event.
 */
export class AlertQueueQuery {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async list(query: AlertQuery, actor: Actor, requestId?: string): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(query.limit ?? ALERT_PAGE_DEFAULT, 1), ALERT_PAGE_MAX);
    const parameters: unknown[] = [];
    const conditions: string[] = [];
    const equal = (column: string, value: string | undefined) => {
      if (value !== undefined) conditions.push(`${column} = $${parameters.push(value)}`);
    };
    equal('status', query.status);
    equal('type', query.type);
    // the generated priority_rank is what the indexes order by: filtering on it keeps a priority to one index range
    if (query.priority !== undefined) conditions.push(`priority_rank = $${parameters.push(PRIORITY_RANK[query.priority as AlertPriority] ?? -1)}`);
    equal('assignee', query.assignee?.toLowerCase());
    equal('rule_id', query.ruleId);
    if (query.dueBefore !== undefined) conditions.push(`sla_due_at < $${parameters.push(query.dueBefore)}`);
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      conditions.push(`(priority_rank, sla_due_at, id) > ($${parameters.push(cursor.rank)}::smallint, $${parameters.push(cursor.due)}::timestamptz, $${parameters.push(cursor.id)}::uuid)`);
    }
    const rows: Array<AlertRow & { sla_due_key: string }> = await this.dataSource.query(
      `SELECT ${ALERT_COLUMNS}, to_char(sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sla_due_key FROM alerts ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY priority_rank, sla_due_at, id LIMIT $${parameters.push(limit + 1)}`,
      parameters,
    );
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]) : null;
    await this.audit.append({
      actor,
      action: 'alert.read',
      entityType: 'alert-queue',
      entityId: '*',
      after: {
        operation: 'list',
        filters: { status: query.status ?? null, type: query.type ?? null, priority: query.priority ?? null, assignee: query.assignee ?? null, dueBefore: query.dueBefore ?? null, ruleId: query.ruleId ?? null, cursor: query.cursor ?? null, limit },
        returned: page.length,
        alertIds: page.map((row) => row.id),
      },
      requestId,
    });
    return { alerts: page.map(toAlertView), nextCursor };
  }

  async get(id: string, actor: Actor, requestId?: string): Promise<AlertDetail> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFoundError(`No alert ${id}`);
    const rows: Array<AlertRow & { evidence: unknown }> = await this.dataSource.query(`SELECT ${ALERT_COLUMNS}, evidence FROM alerts WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) throw new NotFoundError(`No alert ${id}`);
    const [occurrences, notes, dispositions] = await Promise.all([
      this.dataSource.query<Array<{ ref: string; at: Date }>>('SELECT ref, at FROM alert_occurrences WHERE alert_id = $1 ORDER BY at, ref LIMIT 1000', [id]),
      this.dataSource.query<Array<{ id: string; author: string; text: string; created_at: Date }>>('SELECT id, author, text, created_at FROM alert_notes WHERE alert_id = $1 ORDER BY id', [id]),
      this.dataSource.query<Array<{ id: string; action: string; disposition: string; rationale: string | null; officer: string; created_at: Date }>>(
        'SELECT id, action, disposition, rationale, officer, created_at FROM alert_dispositions WHERE alert_id = $1 ORDER BY id',
        [id],
      ),
    ]);
    await this.audit.append({ actor, action: 'alert.read', entityType: 'alert', entityId: id, after: { operation: 'get' }, requestId });
    return {
      ...toAlertView(row),
      evidence: row.evidence,
      occurrenceRefs: occurrences.map((occurrence) => ({ ref: occurrence.ref, at: new Date(occurrence.at).toISOString() })),
      notes: notes.map((note) => ({ id: Number(note.id), author: note.author, text: note.text, createdAt: new Date(note.created_at).toISOString() })),
      dispositions: dispositions.map((entry) => ({
        id: Number(entry.id),
        action: entry.action,
        disposition: entry.disposition,
        rationale: entry.rationale,
        officer: entry.officer,
        createdAt: new Date(entry.created_at).toISOString(),
      })),
    };
  }
}
