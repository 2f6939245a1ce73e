import type { DataSource } from 'typeorm';
import type { Actor } from '@app/common';
import { AuditLog } from '@app/persistence';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** events with an id below this one (the previous page's `nextBefore`) */
  before?: number;
  limit?: number;
}

export interface AuditEventView {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

/**
 * Officers' reads of the audit trail. Every read, including a chain verification, is itself an `audit.read`
 * event, appended after the read (so it is not part of the page it records).
 */
export class AuditTrail {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  /** Newest first, `limit` at a time; `nextBefore` pages on, null on the last page. */
  async list(
    query: AuditQuery,
    actor: Actor,
    requestId?: string,
  ): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
    const limit = Math.min(Math.max(query.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.entityType !== undefined)
      conditions.push(`entity_type = $${parameters.push(query.entityType)}`);
    if (query.entityId !== undefined) conditions.push(`entity_id = $${parameters.push(query.entityId)}`);
    if (query.before !== undefined) conditions.push(`id < $${parameters.push(query.before)}`);
    const rows: Array<{
      id: string;
      occurred_at: Date;
      actor: string;
      action: string;
      entity_type: string;
      entity_id: string;
      before: unknown;
      after: unknown;
      request_id: string | null;
      hash: string;
    }> = await this.dataSource.query(
      `SELECT id, occurred_at, actor, action, entity_type, entity_id, before, after, request_id, hash FROM audit_events
         ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${parameters.push(limit)}`,
      parameters,
    );
    const events = rows.map((row) => ({
      id: Number(row.id),
      occurredAt: row.occurred_at.toISOString(),
      actor: row.actor,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before,
      after: row.after,
      requestId: row.request_id,
      hash: row.hash,
    }));
    const nextBefore = events.length === limit ? events[events.length - 1].id : null;
    await this.audit.append({
      actor,
      action: 'audit.read',
      entityType: 'audit-trail',
      entityId: query.entityType !== undefined ? `${query.entityType}:${query.entityId ?? '*'}` : '*',
      after: {
        operation: 'list',
        filters: {
          entityType: query.entityType ?? null,
          entityId: query.entityId ?? null,
          before: query.before ?? null,
          limit,
        },
        returned: events.length,
        eventIds: events.map((event) => event.id),
      },
      requestId,
    });
    return { events, nextBefore };
  }

  /** Recomputes the whole hash chain: `{valid, events}` or the first broken link. */
  async verify(
    actor: Actor,
    requestId?: string,
  ): Promise<{ valid: boolean; events: number; firstBrokenId?: number }> {
    const result = await this.audit.verify();
    await this.audit.append({
      actor,
      action: 'audit.read',
      entityType: 'audit-trail',
      entityId: 'verify',
      after: { operation: 'verify', ...result },
      requestId,
    });
    return result;
  }
}
