import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { sha256Hex, ValidationError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';

export type ApiKeyRole = 'gateway' | 'admin';
export const API_KEY_ROLES: readonly ApiKeyRole[] = ['gateway', 'admin'];

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  role: ApiKeyRole;
}

const KEY_PATTERN = /^cpg_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const CACHE_TTL_MS = 30_000;

/**
 * API keys for the gateway and administrators. A key is `cpg_<prefix>_<secret>` with 256 random bits; only its
 * SHA-256 is stored (a memory-hard hash adds nothing for a random 256-bit secret and would cost every request).
 * Verified keys are cached for 30 s, so a revocation takes effect within 30 s on every replica.
 */
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: ApiKeyPrincipal | null; expiresAt: number }>();
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async create(name: string, role: string, actor: Actor): Promise<{ id: string; key: string }> {
    const problems = [];
    if (!/^[\w .@-]{1,80}$/.test(name)) problems.push({ path: 'name', message: 'name must be 1-80 letters, digits, spaces or ._@-' });
    if (!API_KEY_ROLES.includes(role as ApiKeyRole)) problems.push({ path: 'role', message: `role must be one of ${API_KEY_ROLES.join(', ')}` });
    if (problems.length) throw new ValidationError('Invalid API key request', problems);
    const prefix = randomBytes(8).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(10, '0').slice(0, 10);
    const key = `cpg_${prefix}_${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        'INSERT INTO api_keys (name, role, key_prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [name, role, prefix, sha256Hex(key), `${actor.kind}:${actor.name}`],
      );
      const id = rows[0].id;
      await this.audit.append({ actor, action: 'api-key.created', entityType: 'api-key', entityId: id, after: { name, role, prefix } }, manager);
      return { id, key };
    });
  }

  async verify(key: string, now = Date.now()): Promise<ApiKeyPrincipal | null> {
    const match = KEY_PATTERN.exec(key);
    if (!match) return null;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.principal;
    const rows: Array<{ id: string; name: string; role: ApiKeyRole; key_hash: string }> = await this.dataSource.query(
      'SELECT id, name, role, key_hash FROM api_keys WHERE key_prefix = $1 AND revoked_at IS NULL',
      [match[1]],
    );
    const row = rows[0];
    const expected = Buffer.from(row?.key_hash ?? '0'.repeat(64), 'hex');
    const actual = Buffer.from(sha256Hex(key), 'hex');
    const principal = row && timingSafeEqual(expected, actual) ? { id: row.id, name: row.name, role: row.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { principal, expiresAt: now + CACHE_TTL_MS });
    return principal;
  }
}
