import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { sha256Hex } from '@app/common';
import { AuditLog } from '@app/persistence';
import type { LoginThrottle } from './login-throttle.js';
import { officerActor, type LoginContext, type Officer, type OfficerService } from './officer.service.js';
import { isOfficerRole } from './permissions.js';
import { updatedRows } from './updated-rows.js';

export const SESSION_HOURS = 8;
/** Officer tokens never start with `cpg_` (that prefix means an API key). */
export const SESSION_TOKEN_PREFIX = 'cpo_';
const TOKEN_PATTERN = /^cpo_[A-Za-z0-9_-]{43}$/;
/** last_seen_at is refreshed at most this often, so reading a session is not a write on every request */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface OfficerSession {
  id: string;
  officer: Officer;
  expiresAt: Date;
}

export interface LoginResult {
  accessToken: string;
  expiresAt: string;
  officer: Officer;
}

/**
 * Officers' bearer sessions: an opaque 256-bit random token, of which only the SHA-256 is stored (a random
 * 256-bit secret needs no slow hash), valid 8 hours, revoked on logout.
 *
 * Sessions are NOT cached: every request reads its session row (one unique-index lookup), so a logout, a revoked
 * session or a disabled officer is refused at once on every replica.
 */
export class SessionService {
  private readonly audit: AuditLog;

  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerService,
    private readonly throttle: LoginThrottle,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  /** Username and password → a new session; throws UNAUTHENTICATED (one generic message) or RATE_LIMITED. */
  async login(
    credentials: { username: string; password: string },
    context: LoginContext,
    now = Date.now(),
  ): Promise<LoginResult> {
    this.throttle.check(context.ip ?? 'unknown', now);
    return this.officers.authenticate(credentials, context, async (officer, manager) => {
      const { token, session } = await this.open(officer, manager);
      return { accessToken: token, expiresAt: session.expiresAt.toISOString(), officer };
    });
  }

  private async open(
    officer: Officer,
    manager: EntityManager,
  ): Promise<{ token: string; session: OfficerSession }> {
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const rows: Array<{ id: string; expires_at: Date }> = await manager.query(
      `INSERT INTO officer_sessions (officer_id, token_hash, expires_at, last_seen_at)
       VALUES ($1, $2, now() + make_interval(hours => $3), now()) RETURNING id, expires_at`,
      [officer.id, sha256Hex(token), SESSION_HOURS],
    );
    return { token, session: { id: rows[0].id, officer, expiresAt: rows[0].expires_at } };
  }

  /** The live session of a bearer token, or null when it is unknown, expired, revoked or its officer disabled. */
  async resolve(token: string): Promise<OfficerSession | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const rows: Array<{
      id: string;
      officer_id: string;
      username: string;
      role: string;
      expires_at: Date;
      stale: boolean;
    }> = await this.dataSource.query(
      `SELECT s.id, s.officer_id, o.username, o.role, s.expires_at,
         (s.last_seen_at IS NULL OR s.last_seen_at < now() - make_interval(secs => $2)) AS stale
       FROM officer_sessions s JOIN officers o ON o.id = s.officer_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND o.disabled_at IS NULL`,
      [sha256Hex(token), LAST_SEEN_RESOLUTION_MS / 1000],
    );
    const row = rows[0];
    if (!row || !isOfficerRole(row.role)) return null;
    if (row.stale)
      await this.dataSource.query('UPDATE officer_sessions SET last_seen_at = now() WHERE id = $1', [row.id]);
    return {
      id: row.id,
      officer: { id: row.officer_id, username: row.username, role: row.role },
      expiresAt: row.expires_at,
    };
  }

  /** Ends a session (logout). Revoking an already revoked session changes nothing and is not audited twice. */
  async revoke(session: { id: string; officer: Officer }, context: LoginContext = {}): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = updatedRows<{ id: string }>(
        await manager.query(
          'UPDATE officer_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
          [session.id],
        ),
      );
      if (rows.length === 0) return;
      await this.audit.append(
        {
          actor: officerActor(session.officer),
          action: 'officer.logout',
          entityType: 'officer',
          entityId: session.officer.id,
          after: { sessionId: session.id },
          requestId: context.requestId,
        },
        manager,
      );
    });
  }
}
