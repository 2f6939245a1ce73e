import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { actorLabel, DomainError, NotFoundError, ValidationError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { draftStrAfterApproval } from '@app/reports';
import {
  checkAttachment,
  decodeBase64,
  fourEyes,
  nextStatus,
  type CaseAction,
  type CaseConclusion,
  type CaseStatus,
  type Verdict,
} from './case-policy.js';

export interface CaseSummary {
  id: string;
  title: string;
  status: CaseStatus;
  alertCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  conclusion: CaseConclusion | null;
  strRequired: boolean;
  strImmediate: boolean;
}

export interface CaseDetail extends CaseSummary {
  narrative: string | null;
  proposedBy: string | null;
  proposedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  alerts: unknown[];
  payments: unknown[];
  parties: unknown[];
  hits: unknown[];
  notes: Array<{ id: number; body: string; author: string; createdAt: string }>;
  attachments: AttachmentView[];
  timeline: TimelineEntry[];
}

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface TimelineEntry {
  at: string;
  source: 'case' | 'audit';
  action: string;
  actor: string;
  entityType: string;
  entityId: string;
  details: unknown;
}

export interface CaseQuery {
  status?: CaseStatus;
  strRequired?: boolean;
  alertId?: string;
  limit?: number;
  offset?: number;
}

interface CaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  created_by: string;
  created_by_id: string;
  created_at: Date;
  updated_at: Date;
  conclusion: CaseConclusion | null;
  narrative: string | null;
  proposed_by: string | null;
  proposed_by_id: string | null;
  proposed_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  closed_at: Date | null;
  str_required: boolean;
  str_immediate: boolean;
  alert_count?: number;
}

interface CaseAlertRow {
  id: string;
  type: string;
  priority: string;
  ruleId: string;
  status: string;
  riskScore: number;
  partyKey: string | null;
  merchantId: string | null;
  disposition: string | null;
  source: string;
  occurrences: number;
  evidence: Record<string, unknown>;
  createdAt: Date;
  addedBy: string;
  addedAt: Date;
}

interface CasePaymentRow {
  transaction_id: string;
  occurred_at: Date;
  status: string;
  decision: string;
  payer_key: string;
  merchant_id: string;
  qr_type: string;
  payer: Record<string, unknown>;
  merchant: Record<string, unknown>;
  amount_value: string;
  amount_currency: string;
  payer_amount_value: string | null;
  payer_amount_currency: string | null;
  usd: string;
  cny: string;
  hits: Array<Record<string, unknown>> | null;
  rule_set_version: number;
  list_snapshot_ids: string[];
  reasons: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

function enforce<T>(verdict: Verdict<T>): T {
  if (!verdict.allowed) throw new DomainError(verdict.code, verdict.reason);
  return verdict.value;
}

/**
 * Cases: alerts and evidence under investigation, worked by officers and closed by four eyes. Every change is a
 * case event (append-only) and an audit event; every read of case data by an officer is a `case.read` audit
 * event. An approved CONFIRMED_SUSPICIOUS conclusion marks the case for an STR draft, immediate when one of its
 * alerts is a sanctions hit disposed TRUE_MATCH.
 */
export class CasesUseCase {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async open(
    input: { alertIds: string[]; title: string },
    actor: Actor,
    requestId?: string,
  ): Promise<CaseDetail> {
    const title = input.title.trim();
    if (!title)
      throw new ValidationError('A title is mandatory', [
        { path: 'title', message: 'title must not be blank' },
      ]);
    const id = await this.dataSource.transaction(async (manager) => {
      const alertIds = await this.existingAlerts(manager, input.alertIds);
      const rows: Array<{ id: string }> = await manager.query(
        'INSERT INTO cases (title, created_by, created_by_id) VALUES ($1, $2, $3) RETURNING id',
        [title, actorLabel(actor), actor.id],
      );
      const caseId = rows[0].id;
      await this.attachAlerts(manager, caseId, alertIds, actor);
      await this.record(manager, caseId, 'case.opened', actor, { title, alertIds }, requestId);
      return caseId;
    });
    return this.detail(id, actor, requestId);
  }

  async list(
    query: CaseQuery,
    actor: Actor,
    requestId?: string,
  ): Promise<{ cases: CaseSummary[]; total: number }> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.status) conditions.push(`c.status = $${parameters.push(query.status)}`);
    if (query.strRequired !== undefined)
      conditions.push(`c.str_required = $${parameters.push(query.strRequired)}`);
    if (query.alertId) {
      if (!UUID.test(query.alertId)) return { cases: [], total: 0 };
      conditions.push(
        `EXISTS (SELECT 1 FROM case_alerts f WHERE f.case_id = c.id AND f.alert_id = $${parameters.push(query.alertId)})`,
      );
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const offset = Math.max(query.offset ?? 0, 0);
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT c.*, (SELECT count(*)::int FROM case_alerts ca WHERE ca.case_id = c.id) AS alert_count FROM cases c ${where}
        ORDER BY c.updated_at DESC, c.id LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
      [...parameters, limit, offset],
    );
    const count: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c ${where}`,
      parameters,
    );
    const cases = rows.map((row) => this.summary(row));
    await this.audit.append({
      actor,
      action: 'case.read',
      entityType: 'case',
      entityId: '*',
      after: {
        operation: 'list',
        filters: {
          status: query.status ?? null,
          strRequired: query.strRequired ?? null,
          alertId: query.alertId ?? null,
          limit,
          offset,
        },
        caseIds: cases.map((item) => item.id),
      },
      requestId,
    });
    return { cases, total: count[0].n };
  }

  /** The case with its alerts, payments (both currency legs), parties, hits, notes, attachments and timeline. */
  async detail(caseId: string, actor: Actor, requestId?: string): Promise<CaseDetail> {
    const row = await this.find(this.dataSource.manager, caseId);
    const alerts: CaseAlertRow[] = await this.dataSource.query(
      `SELECT a.id, a.type, a.priority, a.rule_id AS "ruleId", a.status, a.risk_score AS "riskScore", a.party_key AS "partyKey", a.merchant_id AS "merchantId",
              to_jsonb(a) ->> 'disposition' AS disposition, a.source, a.occurrences, a.evidence, a.created_at AS "createdAt", ca.added_by AS "addedBy", ca.added_at AS "addedAt"
         FROM case_alerts ca JOIN alerts a ON a.id = ca.alert_id WHERE ca.case_id = $1 ORDER BY ca.added_at, a.created_at`,
      [caseId],
    );
    const payments: CasePaymentRow[] = await this.dataSource.query(
      `SELECT p.transaction_id, p.occurred_at, p.status, p.decision, p.payer_key, p.merchant_id, p.qr_type, p.payer, p.merchant,
              round(p.amount_value, 2)::text AS amount_value, p.amount_currency, round(p.payer_amount_value, 2)::text AS payer_amount_value, p.payer_amount_currency,
              (p.amount_usd_cents / 100.0)::numeric(19, 2)::text AS usd, (p.amount_cny_fen / 100.0)::numeric(19, 2)::text AS cny,
              d.screening -> 'hits' AS hits, d.rule_set_version, d.list_snapshot_ids, d.reasons
         FROM payments p JOIN decisions d USING (transaction_id)
        WHERE p.transaction_id IN (
          SELECT a.evidence ->> 'transactionId' FROM case_alerts ca JOIN alerts a ON a.id = ca.alert_id WHERE ca.case_id = $1
          UNION SELECT o.ref FROM case_alerts ca JOIN alert_occurrences o ON o.alert_id = ca.alert_id WHERE ca.case_id = $1)
        ORDER BY p.occurred_at, p.transaction_id LIMIT 5000`,
      [caseId],
    );
    const notes: Array<{ id: string; body: string; author: string; created_at: Date }> =
      await this.dataSource.query(
        'SELECT id, body, author, created_at FROM case_notes WHERE case_id = $1 ORDER BY id',
        [caseId],
      );
    const attachments = await this.attachments(caseId);
    const timeline = await this.timeline(
      caseId,
      alerts.map((alert) => alert.id),
      payments.map((payment) => payment.transaction_id),
    );
    await this.audit.append({
      actor,
      action: 'case.read',
      entityType: 'case',
      entityId: caseId,
      after: { operation: 'detail', alerts: alerts.length, payments: payments.length },
      requestId,
    });
    return {
      ...this.summary({ ...row, alert_count: alerts.length }),
      narrative: row.narrative,
      proposedBy: row.proposed_by,
      proposedAt: iso(row.proposed_at),
      approvedBy: row.approved_by,
      approvedAt: iso(row.approved_at),
      closedAt: iso(row.closed_at),
      alerts: alerts.map((alert) => ({
        ...alert,
        createdAt: alert.createdAt.toISOString(),
        addedAt: alert.addedAt.toISOString(),
      })),
      payments: payments.map((payment) => ({
        transactionId: payment.transaction_id,
        occurredAt: payment.occurred_at.toISOString(),
        status: payment.status,
        decision: payment.decision,
        qrType: payment.qr_type,
        amount: { value: payment.amount_value, currency: payment.amount_currency.trim() },
        payerAmount: payment.payer_amount_value
          ? { value: payment.payer_amount_value, currency: (payment.payer_amount_currency ?? '').trim() }
          : null,
        equivalents: { USD: payment.usd, CNY: payment.cny },
        payerKey: payment.payer_key,
        merchantId: payment.merchant_id,
        ruleSetVersion: payment.rule_set_version,
        listSnapshotIds: payment.list_snapshot_ids,
        reasons: payment.reasons,
      })),
      parties: partiesOf(payments, alerts),
      hits: hitsOf(payments, alerts),
      notes: notes.map((note) => ({
        id: Number(note.id),
        body: note.body,
        author: note.author,
        createdAt: note.created_at.toISOString(),
      })),
      attachments,
      timeline,
    };
  }

  async addAlerts(caseId: string, alertIds: string[], actor: Actor, requestId?: string): Promise<CaseDetail> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, caseId);
      enforce(nextStatus(row.status, 'amend'));
      const ids = await this.existingAlerts(manager, alertIds);
      const added = await this.attachAlerts(manager, caseId, ids, actor);
      await this.record(manager, caseId, 'case.alerts-added', actor, { alertIds: added }, requestId);
    });
    return this.detail(caseId, actor, requestId);
  }

  async addNote(
    caseId: string,
    body: string,
    actor: Actor,
    requestId?: string,
  ): Promise<{ id: number; body: string; author: string; createdAt: string }> {
    const text = body.trim();
    if (!text)
      throw new ValidationError('A note needs text', [{ path: 'body', message: 'body must not be blank' }]);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, caseId);
      enforce(nextStatus(row.status, 'amend'));
      const notes: Array<{ id: string; created_at: Date }> = await manager.query(
        'INSERT INTO case_notes (case_id, body, author) VALUES ($1, $2, $3) RETURNING id, created_at',
        [caseId, text, actorLabel(actor)],
      );
      await this.record(
        manager,
        caseId,
        'case.note-added',
        actor,
        { noteId: Number(notes[0].id), length: text.length },
        requestId,
      );
      return {
        id: Number(notes[0].id),
        body: text,
        author: actorLabel(actor),
        createdAt: notes[0].created_at.toISOString(),
      };
    });
  }

  async addAttachment(
    caseId: string,
    input: { filename: string; contentType: string; contentBase64: string },
    actor: Actor,
    requestId?: string,
  ): Promise<AttachmentView> {
    const bytes = decodeBase64(input.contentBase64);
    if (!bytes)
      throw new ValidationError('contentBase64 is not valid base64', [
        { path: 'contentBase64', message: 'contentBase64 must be standard, padded base64' },
      ]);
    const verdict = checkAttachment(input.contentType, bytes);
    if (!verdict.allowed)
      throw new DomainError(verdict.code, verdict.reason, [
        {
          path: verdict.code === 'PAYLOAD_TOO_LARGE' ? 'contentBase64' : 'contentType',
          message: verdict.reason,
        },
      ]);
    const filename = safeFilename(input.filename);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, caseId);
      enforce(nextStatus(row.status, 'amend'));
      const inserted: Array<{ id: string; uploaded_at: Date }> = await manager.query(
        'INSERT INTO case_attachments (case_id, filename, content_type, size_bytes, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, uploaded_at',
        [caseId, filename, verdict.contentType, bytes.length, sha256, Buffer.from(bytes), actorLabel(actor)],
      );
      const view: AttachmentView = {
        id: inserted[0].id,
        filename,
        contentType: verdict.contentType,
        sizeBytes: bytes.length,
        sha256,
        uploadedBy: actorLabel(actor),
        uploadedAt: inserted[0].uploaded_at.toISOString(),
      };
      await this.record(
        manager,
        caseId,
        'case.attachment-added',
        actor,
        { attachmentId: view.id, filename, contentType: view.contentType, sizeBytes: view.sizeBytes, sha256 },
        requestId,
      );
      return view;
    });
  }

  async download(
    caseId: string,
    attachmentId: string,
    actor: Actor,
    requestId?: string,
  ): Promise<AttachmentView & { content: Buffer }> {
    await this.find(this.dataSource.manager, caseId);
    if (!UUID.test(attachmentId)) throw new NotFoundError(`No attachment ${attachmentId} on case ${caseId}`);
    const rows: Array<{
      id: string;
      filename: string;
      content_type: string;
      size_bytes: number;
      sha256: string;
      content: Buffer;
      uploaded_by: string;
      uploaded_at: Date;
    }> = await this.dataSource.query('SELECT * FROM case_attachments WHERE case_id = $1 AND id = $2', [
      caseId,
      attachmentId,
    ]);
    const row = rows[0];
    if (!row) throw new NotFoundError(`No attachment ${attachmentId} on case ${caseId}`);
    await this.audit.append({
      actor,
      action: 'case.read',
      entityType: 'case',
      entityId: caseId,
      after: { operation: 'download', attachmentId, sha256: row.sha256 },
      requestId,
    });
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at.toISOString(),
      content: row.content,
    };
  }

  /** POST /status: only OPEN → INVESTIGATING is a plain status change; the rest goes through conclusion and approval. */
  async changeStatus(
    caseId: string,
    status: CaseStatus,
    actor: Actor,
    requestId?: string,
  ): Promise<CaseDetail> {
    if (status !== 'INVESTIGATING') {
      throw new DomainError(
        'CONFLICT',
        `Status ${status} is not set directly: propose a conclusion (POST /conclusion), then a SUPERVISOR approves it`,
      );
    }
    return this.transition(caseId, 'investigate', actor, requestId, async (manager, row, next) => {
      await manager.query('UPDATE cases SET status = $2, updated_at = now() WHERE id = $1', [caseId, next]);
      return { from: row.status, to: next };
    });
  }

  async propose(
    caseId: string,
    conclusion: CaseConclusion,
    narrative: string,
    actor: Actor,
    requestId?: string,
  ): Promise<CaseDetail> {
    const text = narrative.trim();
    if (!text)
      throw new ValidationError('A narrative is mandatory', [
        { path: 'narrative', message: 'narrative must not be blank' },
      ]);
    return this.transition(caseId, 'propose', actor, requestId, async (manager, row, next) => {
      await manager.query(
        'UPDATE cases SET status = $2, conclusion = $3, narrative = $4, proposed_by = $5, proposed_by_id = $6, proposed_at = now(), updated_at = now() WHERE id = $1',
        [caseId, next, conclusion, text, actorLabel(actor), actor.id],
      );
      return { from: row.status, to: next, conclusion, narrative: text };
    });
  }

  async approve(
    caseId: string,
    rationale: string | undefined,
    actor: Actor,
    requestId?: string,
  ): Promise<CaseDetail> {
    const detail = await this.transition(caseId, 'approve', actor, requestId, async (manager, row, next) => {
      enforce(fourEyes(row.proposed_by_id, actor.id));
      const strRequired = row.conclusion === 'CONFIRMED_SUSPICIOUS';
      // a terrorist or sanctions list confirmation is reported immediately (DOMAIN.md, STR)
      const immediate: Array<{ immediate: boolean }> = strRequired
        ? await manager.query(
            `SELECT EXISTS (SELECT 1 FROM case_alerts ca JOIN alerts a ON a.id = ca.alert_id
               WHERE ca.case_id = $1 AND a.type = 'SANCTIONS' AND to_jsonb(a) ->> 'disposition' = 'TRUE_MATCH') AS immediate`,
            [caseId],
          )
        : [{ immediate: false }];
      await manager.query(
        'UPDATE cases SET status = $2, approved_by = $3, approved_at = now(), closed_at = now(), updated_at = now(), str_required = $4, str_immediate = $5 WHERE id = $1',
        [caseId, next, actorLabel(actor), strRequired, immediate[0].immediate],
      );
      return {
        from: row.status,
        to: next,
        conclusion: row.conclusion,
        proposedBy: row.proposed_by,
        rationale: rationale?.trim() || null,
        strRequired,
        strImmediate: immediate[0].immediate,
      };
    });
    // after the approval committed: the STR draft (idempotent; POST /v1/cases/{id}/str redoes a failed draft)
    if (detail.strRequired) await draftStrAfterApproval(this.dataSource, caseId, actor, requestId);
    return detail;
  }

  async reject(caseId: string, rationale: string, actor: Actor, requestId?: string): Promise<CaseDetail> {
    const text = rationale.trim();
    if (!text)
      throw new ValidationError('A rationale is mandatory', [
        { path: 'rationale', message: 'rationale must not be blank' },
      ]);
    return this.transition(caseId, 'reject', actor, requestId, async (manager, row, next) => {
      enforce(fourEyes(row.proposed_by_id, actor.id));
      await manager.query(
        'UPDATE cases SET status = $2, conclusion = NULL, narrative = NULL, proposed_by = NULL, proposed_by_id = NULL, proposed_at = NULL, updated_at = now() WHERE id = $1',
        [caseId, next],
      );
      return {
        from: row.status,
        to: next,
        rejectedConclusion: row.conclusion,
        rejectedNarrative: row.narrative,
        proposedBy: row.proposed_by,
        rationale: text,
      };
    });
  }

  private async transition(
    caseId: string,
    action: CaseAction,
    actor: Actor,
    requestId: string | undefined,
    apply: (manager: EntityManager, row: CaseRow, next: CaseStatus) => Promise<Record<string, unknown>>,
  ): Promise<CaseDetail> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, caseId);
      const next = enforce(nextStatus(row.status, action, row.conclusion));
      const details = await apply(manager, row, next);
      const names: Record<CaseAction, string> = {
        investigate: 'case.status-changed',
        propose: 'case.conclusion-proposed',
        approve: 'case.approved',
        reject: 'case.rejected',
        amend: 'case.amended',
      };
      await this.record(
        manager,
        caseId,
        names[action],
        actor,
        details,
        requestId,
        { status: row.status },
        { status: next },
      );
    });
    return this.detail(caseId, actor, requestId);
  }

  private async find(manager: EntityManager, caseId: string, lock = false): Promise<CaseRow> {
    if (!UUID.test(caseId)) throw new NotFoundError(`No case ${caseId}`);
    const rows: CaseRow[] = await manager.query(
      `SELECT * FROM cases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [caseId],
    );
    if (!rows[0]) throw new NotFoundError(`No case ${caseId}`);
    return rows[0];
  }

  private lock(manager: EntityManager, caseId: string): Promise<CaseRow> {
    return this.find(manager, caseId, true);
  }

  private async existingAlerts(manager: EntityManager, alertIds: string[]): Promise<string[]> {
    const unique = [...new Set(alertIds.map((id) => id.toLowerCase()))];
    const malformed = unique.filter((id) => !UUID.test(id));
    const found: Array<{ id: string }> = malformed.length
      ? []
      : await manager.query('SELECT id FROM alerts WHERE id = ANY($1::uuid[])', [unique]);
    const known = new Set(found.map((row) => row.id));
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length)
      throw new DomainError(
        'NOT_FOUND',
        `No alert ${missing.join(', ')}`,
        missing.map((id) => ({ path: 'alertIds', message: `no alert ${id}` })),
      );
    return unique;
  }

  private async attachAlerts(
    manager: EntityManager,
    caseId: string,
    alertIds: string[],
    actor: Actor,
  ): Promise<string[]> {
    const rows: Array<{ alert_id: string }> = await manager.query(
      'INSERT INTO case_alerts (case_id, alert_id, added_by) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING RETURNING alert_id',
      [caseId, alertIds, actorLabel(actor)],
    );
    return rows.map((row) => row.alert_id);
  }

  /** One case event and one audit event for every change, in the change's transaction. */
  private async record(
    manager: EntityManager,
    caseId: string,
    action: string,
    actor: Actor,
    details: Record<string, unknown>,
    requestId?: string,
    before?: unknown,
    after?: unknown,
  ): Promise<void> {
    await manager.query('INSERT INTO case_events (case_id, action, actor, details) VALUES ($1, $2, $3, $4)', [
      caseId,
      action,
      actorLabel(actor),
      JSON.stringify(details),
    ]);
    await manager.query('UPDATE cases SET updated_at = now() WHERE id = $1', [caseId]);
    await this.audit.append(
      {
        actor,
        action,
        entityType: 'case',
        entityId: caseId,
        before,
        after: after === undefined ? details : { ...(after as object), ...details },
        requestId,
      },
      manager,
    );
  }

  private async attachments(caseId: string): Promise<AttachmentView[]> {
    const rows: Array<{
      id: string;
      filename: string;
      content_type: string;
      size_bytes: number;
      sha256: string;
      uploaded_by: string;
      uploaded_at: Date;
    }> = await this.dataSource.query(
      'SELECT id, filename, content_type, size_bytes, sha256, uploaded_by, uploaded_at FROM case_attachments WHERE case_id = $1 ORDER BY uploaded_at, id',
      [caseId],
    );
    return rows.map((row) => ({
      id: row.id,
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at.toISOString(),
    }));
  }

  /** The case's own events, with the audit trail of its alerts and payments, oldest first. */
  private async timeline(
    caseId: string,
    alertIds: string[],
    transactionIds: string[],
  ): Promise<TimelineEntry[]> {
    const rows: Array<{
      at: Date;
      source: 'case' | 'audit';
      action: string;
      actor: string;
      entity_type: string;
      entity_id: string;
      details: unknown;
    }> = await this.dataSource.query(
      `SELECT at, 'case' AS source, action, actor, 'case' AS entity_type, case_id::text AS entity_id, details FROM case_events WHERE case_id = $1
       UNION ALL
       SELECT occurred_at, 'audit', action, actor, entity_type, entity_id, after FROM audit_events
        WHERE (entity_type = 'alert' AND entity_id = ANY($2::text[])) OR (entity_type = 'payment' AND entity_id = ANY($3::text[]))
       ORDER BY 1, 3 LIMIT 2000`,
      [caseId, alertIds, transactionIds],
    );
    return rows.map((row) => ({
      at: row.at.toISOString(),
      source: row.source,
      action: row.action,
      actor: row.actor,
      entityType: row.entity_type,
      entityId: row.entity_id,
      details: row.details,
    }));
  }

  private summary(row: CaseRow): CaseSummary {
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      alertCount: row.alert_count ?? 0,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      conclusion: row.conclusion,
      strRequired: row.str_required,
      strImmediate: row.str_immediate,
    };
  }
}

/** A file name without paths or control characters, at most 200 characters. */
function safeFilename(name: string): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter(
      (character) => character.charCodeAt(0) > 0x1f && character.charCodeAt(0) !== 0x7f && character !== '"',
    )
    .join('')
    .trim();
  if (!base || base === '.' || base === '..')
    throw new ValidationError('A file name is needed', [
      { path: 'filename', message: 'filename must name a file' },
    ]);
  return base.slice(0, 200);
}

interface Party {
  key: string;
  role: 'payer' | 'merchant' | 'legalRepresentative';
  name: string | null;
  details: Record<string, unknown>;
}

function partiesOf(payments: CasePaymentRow[], alerts: CaseAlertRow[]): Party[] {
  const parties = new Map<string, Party>();
  // newest payment last, so each party shows its latest details
  for (const payment of payments) {
    const { payer, merchant } = payment;
    parties.set(`payer:${payment.payer_key}`, {
      key: `payer:${payment.payer_key}`,
      role: 'payer',
      name: typeof payer.name === 'string' ? payer.name : null,
      details: payer,
    });
    parties.set(`merchant:${payment.merchant_id}`, {
      key: `merchant:${payment.merchant_id}`,
      role: 'merchant',
      name: typeof merchant.name === 'string' ? merchant.name : null,
      details: merchant,
    });
    if (typeof merchant.legalRepresentative === 'string') {
      const key = `merchant:${payment.merchant_id}:legal-representative`;
      parties.set(key, {
        key,
        role: 'legalRepresentative',
        name: merchant.legalRepresentative,
        details: { merchantId: payment.merchant_id },
      });
    }
  }
  for (const alert of alerts) {
    if (alert.partyKey && !parties.has(`payer:${alert.partyKey}`)) {
      parties.set(`payer:${alert.partyKey}`, {
        key: `payer:${alert.partyKey}`,
        role: 'payer',
        name: null,
        details: {},
      });
    }
    if (alert.merchantId && !parties.has(`merchant:${alert.merchantId}`)) {
      parties.set(`merchant:${alert.merchantId}`, {
        key: `merchant:${alert.merchantId}`,
        role: 'merchant',
        name: null,
        details: {},
      });
    }
  }
  return [...parties.values()];
}

function hitsOf(payments: CasePaymentRow[], alerts: CaseAlertRow[]): unknown[] {
  const hits: unknown[] = [];
  for (const payment of payments) {
    for (const hit of payment.hits ?? []) {
      hits.push({
        ...hit,
        transactionId: payment.transaction_id,
        listSnapshotIds: payment.list_snapshot_ids,
      });
    }
  }
  // rescreening alerts carry their hit as evidence (no payment)
  for (const alert of alerts) {
    if (alert.source === 'rescreen' && alert.evidence.sourceId)
      hits.push({ ...alert.evidence, alertId: alert.id });
  }
  return hits;
}
