import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ValidationError, type Actor, type ErrorDetail } from '@app/common';
import { AuditLog } from '@app/persistence';
import { hashPassword, passwordProblems, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { isOfficerRole, OFFICER_ROLES, type OfficerRole } from './permissions.js';
import { updatedRows } from './updated-rows.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
export const LOCK_OUT_AFTER_FAILURES = 5;
export const LOCK_OUT_MINUTES = 15;
/** The one answer to every refused login, whatever the real reason (which only the audit trail records). */
export const INVALID_CREDENTIALS = 'Invalid username or password';

export interface Officer {
  id: string;
  username: string;
  role: OfficerRole;
}

export interface LoginContext {
  requestId?: string;
  ip?: string;
}

export type LoginFailureReason = 'unknown-username' | 'bad-password' | 'locked' | 'disabled';

interface OfficerRow {
  id: string;
  username: string;
  role: OfficerRole;
  password_hash: string;
  locked: boolean;
  disabled: boolean;
  locked_until: Date | null;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Officers: creation and password authentication with lock-out. Five failed passwords in a row lock the account
 * for 15 minutes; the counter moves in one conditional UPDATE, so concurrent guesses on any number of replicas
 * cannot exceed it. Unknown, locked and disabled accounts get the same error as a wrong password, after the same
 * scrypt work; the audit trail records the real reason.
 */
export class OfficerService {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async create(
    input: { username: string; role: string; password: string },
    actor: Actor,
    requestId?: string,
  ): Promise<Officer> {
    const username = normaliseUsername(input.username);
    const problems: ErrorDetail[] = [];
    if (!USERNAME_PATTERN.test(username)) {
      problems.push({
        path: 'username',
        message: 'username must be 3-64 letters, digits or ._@- and start with a letter or digit',
      });
    }
    if (!isOfficerRole(input.role))
      problems.push({ path: 'role', message: `role must be one of ${OFFICER_ROLES.join(', ')}` });
    problems.push(...passwordProblems(input.password, username));
    if (problems.length) throw new ValidationError('Invalid officer', problems);
    const role = input.role as OfficerRole;
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ id: string }> = await manager.query(
          'INSERT INTO officers (username, role, password_hash, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
          [username, role, passwordHash, `${actor.kind}:${actor.name}`],
        );
        const officer = { id: rows[0].id, username, role };
        await this.audit.append(
          {
            actor,
            action: 'officer.created',
            entityType: 'officer',
            entityId: officer.id,
            after: { username, role },
            requestId,
          },
          manager,
        );
        return officer;
      });
    } catch (error) {
      if (
        (error as { code?: string }).code === '23505' ||
        /officers_username_key/.test(String((error as Error).message))
      ) {
        throw new DomainError(
          'CONFLICT',
          `An officer named ${username} already exists`,
          [{ path: 'username', message: 'username is taken' }],
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Checks a username and password. On success resets the failure counter and runs `onSuccess` (opening the
   * session) in the same transaction as the audit event; on failure throws UNAUTHENTICATED with one generic message.
   */
  async authenticate<T>(
    credentials: { username: string; password: string },
    context: LoginContext,
    onSuccess: (officer: Officer, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const username = normaliseUsername(credentials.username).slice(0, 64);
    const rows: OfficerRow[] = await this.dataSource.query(
      `SELECT id, username, role, password_hash, locked_until,
         coalesce(locked_until > now(), false) AS locked, disabled_at IS NOT NULL AS disabled
       FROM officers WHERE username = $1`,
      [username],
    );
    const row = rows[0];
    if (!row) {
      await verifyAgainstDummy(credentials.password);
      return this.refuse({ id: 'unknown', username, role: 'ANALYST' }, 'unknown-username', context);
    }
    const officer: Officer = { id: row.id, username: row.username, role: row.role };
    const passwordMatches = await verifyPassword(credentials.password, row.password_hash);
    if (row.disabled) return this.refuse(officer, 'disabled', context);
    if (row.locked)
      return this.refuse(officer, 'locked', context, { lockedUntil: row.locked_until?.toISOString() });
    if (!passwordMatches) return this.recordBadPassword(officer, context);

    const outcome = await this.dataSource.transaction(async (manager) => {
      // the account may have been locked or disabled while scrypt ran: the reset only applies to an open account
      const reset = updatedRows<{ id: string }>(
        await manager.query(
          `UPDATE officers SET failed_attempts = 0
         WHERE id = $1 AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= now()) RETURNING id`,
          [officer.id],
        ),
      );
      if (reset.length === 0) return { ok: false as const };
      const result = await onSuccess(officer, manager);
      await this.audit.append(
        {
          actor: officerActor(officer),
          action: 'officer.login',
          entityType: 'officer',
          entityId: officer.id,
          after: { outcome: 'succeeded', ip: context.ip ?? null },
          requestId: context.requestId,
        },
        manager,
      );
      return { ok: true as const, result };
    });
    if (!outcome.ok) return this.refuse(officer, 'locked', context);
    return outcome.result;
  }

  private async recordBadPassword(officer: Officer, context: LoginContext): Promise<never> {
    // One statement counts the failure and, at the fifth, locks the account and restarts the count. The WHERE
    // clause is re-checked on the locked row, so two concurrent fifth failures lock once.
    const updated = updatedRows<{ failed_attempts: number; locked_until: Date | null; locked_now: boolean }>(
      await this.dataSource.query(
        `UPDATE officers SET
         failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
       RETURNING failed_attempts, locked_until, coalesce(locked_until > now(), false) AS locked_now`,
        [officer.id, LOCK_OUT_AFTER_FAILURES, LOCK_OUT_MINUTES],
      ),
    );
    const state = updated[0];
    if (!state) return this.refuse(officer, 'locked', context);
    const failedAttempts = state.locked_now ? LOCK_OUT_AFTER_FAILURES : state.failed_attempts;
    await this.audit.append({
      actor: officerActor(officer),
      action: 'officer.login-failed',
      entityType: 'officer',
      entityId: officer.id,
      after: { reason: 'bad-password', failedAttempts, ip: context.ip ?? null },
      requestId: context.requestId,
    });
    if (state.locked_now) {
      await this.audit.append({
        actor: officerActor(officer),
        action: 'officer.locked',
        entityType: 'officer',
        entityId: officer.id,
        after: { failedAttempts, lockedUntil: state.locked_until?.toISOString(), minutes: LOCK_OUT_MINUTES },
        requestId: context.requestId,
      });
    }
    throw new DomainError('UNAUTHENTICATED', INVALID_CREDENTIALS);
  }

  private async refuse(
    officer: Officer,
    reason: LoginFailureReason,
    context: LoginContext,
    extra: Record<string, unknown> = {},
  ): Promise<never> {
    await this.audit.append({
      actor:
        reason === 'unknown-username'
          ? { kind: 'officer', id: 'unknown', name: officer.username, role: 'none' }
          : officerActor(officer),
      action: 'officer.login-failed',
      entityType: 'officer',
      entityId: officer.id === 'unknown' ? `username:${officer.username}` : officer.id,
      after: { reason, ip: context.ip ?? null, ...extra },
      requestId: context.requestId,
    });
    throw new DomainError('UNAUTHENTICATED', INVALID_CREDENTIALS);
  }
}

export function officerActor(officer: Officer): Actor {
  return { kind: 'officer', id: officer.id, name: officer.username, role: officer.role };
}
