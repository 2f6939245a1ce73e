import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import type { OfficerRole } from './permissions.js';
import { updatedRows } from './updated-rows.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An officer as the users page sees them: never the password hash. */
export interface OfficerView {
  id: string;
  username: string;
  role: OfficerRole;
  createdAt: string;
  createdBy: string;
  disabledAt: string | null;
  /** set while the account is locked out (5 wrong passwords in a row) */
  lockedUntil: string | null;
  failedAttempts: number;
  lastSeenAt: string | null;
}

export type OfficerChange = 'disable' | 'enable' | 'unlock';

interface OfficerRow {
  id: string;
  username: string;
  role: OfficerRole;
  created_at: Date;
  created_by: string;
  disabled_at: Date | null;
  locked_until: Date | null;
  failed_attempts: number;
  last_seen_at: Date | null;
}

const SELECT_OFFICERS = `
  SELECT o.id, o.username, o.role, o.created_at, o.created_by, o.disabled_at,
    CASE WHEN o.locked_until > now() THEN o.locked_until END AS locked_until, o.failed_attempts,
    (SELECT max(s.last_seen_at) FROM officer_sessions s WHERE s.officer_id = o.id) AS last_seen_at
  FROM officers o`;

function view(row: OfficerRow): OfficerView {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    failedAttempts: Number(row.failed_attempts),
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
  };
}

/**
 * The users page: every officer with their state, and the three changes an ADMIN makes to an account. Disabling
 * revokes the officer's open sessions in the same transaction (a disabled officer is refused at once anyway: the
 * guard reads the officer with every session); an officer cannot disable themselves, and the last enabled ADMIN
 * cannot be disabled (nobody could manage officers any more). A change that changes nothing is not audited.
 */
export class ManageOfficersUseCase {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async list(): Promise<OfficerView[]> {
    const rows: OfficerRow[] = await this.dataSource.query(`${SELECT_OFFICERS} ORDER BY o.username`);
    return rows.map(view);
  }

  async change(id: string, change: OfficerChange, actor: Actor, requestId?: string): Promise<OfficerView> {
    if (!UUID.test(id)) throw new NotFoundError(`No officer ${id}`);
    if (change === 'disable' && actor.kind === 'officer' && actor.id === id)
      throw new DomainError('FORBIDDEN', 'An officer cannot disable their own account', [
        { path: 'id', message: 'this is your own account' },
      ]);
    return this.dataSource.transaction(async (manager) => {
      // disabling ADMINs is serialised, so two admins disabling each other cannot leave nobody
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['officers:admins']);
      const before = await this.find(manager, id);
      if (!before) throw new NotFoundError(`No officer ${id}`);
      if (change === 'disable' && before.role === 'ADMIN' && !before.disabledAt) {
        const admins: Array<{ n: number }> = await manager.query(
          "SELECT count(*)::int AS n FROM officers WHERE role = 'ADMIN' AND disabled_at IS NULL",
        );
        if (admins[0].n <= 1)
          throw new DomainError('CONFLICT', 'The last enabled ADMIN cannot be disabled', [
            { path: 'id', message: 'the only enabled ADMIN' },
          ]);
      }
      const changed = updatedRows<{ id: string }>(await manager.query(STATEMENTS[change], [id]));
      if (changed.length === 0) return before;
      if (change === 'disable')
        await manager.query(
          'UPDATE officer_sessions SET revoked_at = now() WHERE officer_id = $1 AND revoked_at IS NULL',
          [id],
        );
      const after = (await this.find(manager, id))!;
      await this.audit.append(
        {
          actor,
          action: ACTIONS[change],
          entityType: 'officer',
          entityId: id,
          before: stateOf(before),
          after: stateOf(after),
          requestId,
        },
        manager,
      );
      return after;
    });
  }

  private async find(manager: EntityManager, id: string): Promise<OfficerView | null> {
    const rows: OfficerRow[] = await manager.query(`${SELECT_OFFICERS} WHERE o.id = $1`, [id]);
    return rows[0] ? view(rows[0]) : null;
  }
}

const STATEMENTS: Record<OfficerChange, string> = {
  disable: 'UPDATE officers SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING id',
  enable:
    'UPDATE officers SET disabled_at = NULL, failed_attempts = 0 WHERE id = $1 AND disabled_at IS NOT NULL RETURNING id',
  unlock:
    'UPDATE officers SET locked_until = NULL, failed_attempts = 0 WHERE id = $1 AND (locked_until > now() OR failed_attempts > 0) RETURNING id',
};

const ACTIONS: Record<OfficerChange, string> = {
  disable: 'officer.disabled',
  enable: 'officer.enabled',
  unlock: 'officer.unlocked',
};

function stateOf(officer: OfficerView): Record<string, unknown> {
  return {
    username: officer.username,
    role: officer.role,
    disabledAt: officer.disabledAt,
    lockedUntil: officer.lockedUntil,
    failedAttempts: officer.failedAttempts,
  };
}
