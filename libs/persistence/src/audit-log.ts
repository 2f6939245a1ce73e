import type { DataSource, EntityManager } from 'typeorm';
import { actorLabel, type Actor } from '@app/common';

export interface AuditEventInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Appends to the hash-chained, append-only audit trail (see append_audit_event in the core schema). */
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async append(event: AuditEventInput, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT append_audit_event($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) AS id',
      [
        actorLabel(event.actor),
        event.action,
        event.entityType,
        event.entityId,
        event.before === undefined ? null : JSON.stringify(event.before),
        event.after === undefined ? null : JSON.stringify(event.after),
        event.requestId ?? null,
      ],
    );
    return Number(rows[0].id);
  }

  /** Recomputes every link of the chain; answers the first broken one. */
  async verify(): Promise<{ valid: boolean; events: number; firstBrokenId?: number }> {
    const rows: Array<{ id: string; ok: boolean }> = await this.dataSource.query(`
      SELECT id, ok FROM (
        SELECT id,
          prev_hash = coalesce(lag(hash) OVER (ORDER BY id), repeat('0', 64))
          AND hash = encode(sha256(convert_to(concat_ws('|', prev_hash, id::text,
            to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, entity_type, entity_id,
            coalesce(before::text, ''), coalesce(after::text, ''), coalesce(request_id, '')), 'UTF8')), 'hex') AS ok
        FROM audit_events
      ) AS checked WHERE NOT ok ORDER BY id LIMIT 1`);
    const count: Array<{ n: string }> = await this.dataSource.query('SELECT count(*) AS n FROM audit_events');
    const events = Number(count[0].n);
    if (rows.length > 0) return { valid: false, events, firstBrokenId: Number(rows[0].id) };
    return { valid: true, events };
  }
}
