import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { alertSubjectParties, checkApproval, checkAssign, checkDisposition, needsFourEyes, suppressionTargets, type AlertState, type AlertStatus, type Disposition, type OfficerRef } from './alert-policy.js';
import { ALERT_COLUMNS, auditState, returnedRows, toAlertView, type AlertRow, type AlertView } from './alert-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Roles holding alerts:work (docs/permissions.md): an alert can be assigned only to them. */
const WORKING_ROLES = ['ANALYST', 'SUPERVISOR'];

export interface WorkContext {
  actor: Actor;
  requestId?: string;
}

function officerOf(actor: Actor): OfficerRef {
  if (actor.kind !== 'officer') throw new DomainError('FORBIDDEN', 'Only officers work alerts');
  return { id: actor.id, username: actor.name };
}

function stateOf(row: AlertRow): AlertState {
  return { id: row.id, status: row.status as AlertStatus, type: row.type, assignee: row.assignee, disposedById: row.disposed_by_id };
}

/**
 * Officers' work on alerts. Each change runs in one transaction that locks the alert row (FOR UPDATE), checks
 * the state machine (alert-policy.ts), writes, and appends the audit event with before/after and the request id,
 * so concurrent officers see one consistent order of changes on every replica. Everything inside a transaction
 * goes through its manager (the embedded database has one session).
 */
export class AlertWorkUseCase {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  /**
   * Claims the most urgent unassigned OPEN alert (priority, then SLA due time). SKIP LOCKED: concurrent claims
   * take different rows instead of waiting for each other, so two officers never get the same alert.
   */
  async claimNext(context: WorkContext): Promise<AlertView | null> {
    const officer = officerOf(context.actor);
    return this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<AlertRow>(await manager.query(
        `UPDATE alerts SET status = 'IN_PROGRESS', assignee = $1, updated_at = now()
         WHERE id = (SELECT id FROM alerts WHERE status = 'OPEN' AND assignee IS NULL
                     ORDER BY priority_rank, sla_due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING ${ALERT_COLUMNS}`,
        [officer.username],
      ));
      const row = rows[0];
      if (!row) return null;
      await this.audit.append(
        { actor: context.actor, action: 'alert.claimed', entityType: 'alert', entityId: row.id, before: { status: 'OPEN', assignee: null }, after: auditState(row), requestId: context.requestId },
        manager,
      );
      return toAlertView(row);
    });
  }

  async assign(alertId: string, username: string | undefined, context: WorkContext): Promise<AlertView> {
    const officer = officerOf(context.actor);
    const target = (username ?? officer.username).toLowerCase();
    return this.change(alertId, context, 'alert.assigned', async (manager, row) => {
      checkAssign(stateOf(row));
      if (target !== officer.username) {
        const officers: Array<{ role: string }> = await manager.query('SELECT role FROM officers WHERE username = $1 AND disabled_at IS NULL', [target]);
        if (!officers[0]) throw new DomainError('VALIDATION_FAILED', `No active officer ${target}`, [{ path: 'username', message: `no active officer named ${target}` }]);
        if (!WORKING_ROLES.includes(officers[0].role)) {
          throw new DomainError('VALIDATION_FAILED', `${target} is ${officers[0].role}: only ANALYST and SUPERVISOR officers work alerts`, [{ path: 'username', message: 'the officer does not have the alerts:work permission' }]);
        }
      }
      return manager.query(`UPDATE alerts SET assignee = $2, status = 'IN_PROGRESS', updated_at = now() WHERE id = $1 RETURNING ${ALERT_COLUMNS}`, [alertId, target]);
    });
  }

  async addNote(alertId: string, text: string, context: WorkContext): Promise<{ id: number; alertId: string; author: string; text: string; createdAt: string }> {
    const officer = officerOf(context.actor);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, alertId);
      const notes: Array<{ id: string; created_at: Date }> = await manager.query(
        'INSERT INTO alert_notes (alert_id, author_id, author, text) VALUES ($1, $2, $3, $4) RETURNING id, created_at',
        [alertId, officer.id, officer.username, text],
      );
      const note = { id: Number(notes[0].id), alertId, author: officer.username, text, createdAt: new Date(notes[0].created_at).toISOString() };
      await this.audit.append({ actor: context.actor, action: 'alert.note-added', entityType: 'alert', entityId: alertId, after: { noteId: note.id, length: text.length }, requestId: context.requestId }, manager);
      return note;
    });
  }

  /** Closes the alert, or (four eyes) leaves it PENDING_APPROVAL for another SUPERVISOR. */
  async dispose(alertId: string, disposition: Disposition, rationale: string, context: WorkContext): Promise<AlertView> {
    const officer = officerOf(context.actor);
    return this.change(alertId, context, 'alert.disposed', async (manager, row) => {
      checkDisposition(stateOf(row), officer);
      const pending = needsFourEyes(row.type, disposition);
      await this.record(manager, alertId, pending ? 'PROPOSED' : 'CLOSED', disposition, rationale, officer, context);
      return manager.query(
        `UPDATE alerts SET disposition = $2, disposed_by_id = $3, disposed_by = $4, disposed_at = now(), updated_at = now(),
           status = $5, closed_at = CASE WHEN $5 = 'CLOSED' THEN now() END
         WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
        [alertId, disposition, officer.id, officer.username, pending ? 'PENDING_APPROVAL' : 'CLOSED'],
      );
    });
  }

  /**
   * Second pair of eyes: closes with the proposed disposition. A FALSE_POSITIVE on a sanctions alert suppresses
   * each (party, list entry, entry version) of its evidence; a changed entry (new version) is screened again.
   */
  async approve(alertId: string, rationale: string | undefined, context: WorkContext): Promise<AlertView & { suppressions: number }> {
    const officer = officerOf(context.actor);
    let suppressions = 0;
    const view = await this.change(alertId, context, 'alert.approved', async (manager, row) => {
      checkApproval(stateOf(row), officer);
      const disposition = row.disposition as Disposition;
      await this.record(manager, alertId, 'APPROVED', disposition, rationale ?? null, officer, context);
      if (disposition === 'FALSE_POSITIVE' && row.type === 'SANCTIONS') suppressions = await this.suppress(manager, alertId, officer, context);
      return manager.query(`UPDATE alerts SET status = 'CLOSED', closed_at = now(), updated_at = now() WHERE id = $1 RETURNING ${ALERT_COLUMNS}`, [alertId]);
    });
    return { ...view, suppressions };
  }

  /** Sends the disposition back to its proposer (IN_PROGRESS, assigned to them) with the reason. */
  async reject(alertId: string, rationale: string, context: WorkContext): Promise<AlertView> {
    const officer = officerOf(context.actor);
    return this.change(alertId, context, 'alert.rejected', async (manager, row) => {
      checkApproval(stateOf(row), officer);
      await this.record(manager, alertId, 'REJECTED', row.disposition as Disposition, rationale, officer, context);
      return manager.query(
        `UPDATE alerts SET status = 'IN_PROGRESS', assignee = disposed_by, disposition = NULL, disposed_by_id = NULL, disposed_by = NULL, disposed_at = NULL, updated_at = now()
         WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
        [alertId],
      );
    });
  }

  private async change(alertId: string, context: WorkContext, action: string, apply: (manager: EntityManager, row: AlertRow) => Promise<unknown>): Promise<AlertView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lock(manager, alertId);
      const after = returnedRows<AlertRow>(await apply(manager, before))[0];
      await this.audit.append({ actor: context.actor, action, entityType: 'alert', entityId: alertId, before: auditState(before), after: auditState(after), requestId: context.requestId }, manager);
      if (after.status === 'CLOSED' && before.status !== 'CLOSED') {
        await this.audit.append({ actor: context.actor, action: 'alert.closed', entityType: 'alert', entityId: alertId, before: auditState(before), after: auditState(after), requestId: context.requestId }, manager);
      }
      return toAlertView(after);
    });
  }

  private async lock(manager: EntityManager, alertId: string): Promise<AlertRow> {
    if (!UUID.test(alertId)) throw new NotFoundError(`No alert ${alertId}`);
    const rows: AlertRow[] = await manager.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`, [alertId]);
    if (!rows[0]) throw new NotFoundError(`No alert ${alertId}`);
    return rows[0];
  }

  private async record(manager: EntityManager, alertId: string, action: string, disposition: Disposition, rationale: string | null, officer: OfficerRef, context: WorkContext): Promise<void> {
    await manager.query(
      'INSERT INTO alert_dispositions (alert_id, action, disposition, rationale, officer_id, officer, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [alertId, action, disposition, rationale, officer.id, officer.username, context.requestId ?? null],
    );
  }

  private async suppress(manager: EntityManager, alertId: string, officer: OfficerRef, context: WorkContext): Promise<number> {
    const rows: Array<{ evidence: unknown; dedup_key: string; source: string; party_key: string | null; merchant_id: string | null; payer_key: string | null }> = await manager.query(
      `SELECT a.evidence, a.dedup_key, a.source, a.party_key, a.merchant_id, p.payer_key FROM alerts a
       LEFT JOIN payments p ON p.transaction_id = a.evidence->>'transactionId' WHERE a.id = $1`,
      [alertId],
    );
    const row = rows[0];
    // a pre-auth alert names its payment (the payer key is the payment's); a rescreen alert carries the payer key itself
    const targets = suppressionTargets(row.evidence, row.payer_key ?? row.party_key, row.merchant_id, row.source === 'pre-auth' ? alertSubjectParties(row.dedup_key) : undefined);
    let inserted = 0;
    for (const target of targets) {
      const result: unknown[] = await manager.query(
        `INSERT INTO screening_suppressions (party_key, list, source_id, entry_fingerprint, alert_id, created_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING party_key`,
        [target.partyKey, target.list, target.sourceId, target.entryVersion, alertId, `officer:${officer.username}`],
      );
      inserted += result.length;
    }
    if (targets.length) {
      await this.audit.append({ actor: context.actor, action: 'screening.suppressed', entityType: 'alert', entityId: alertId, after: { suppressions: targets }, requestId: context.requestId }, manager);
    }
    return inserted;
  }
}
