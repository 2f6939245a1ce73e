import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Actor } from '@app/common';
import { ApiKeyService } from './api-keys.js';
import { decideAccess, PERMISSION_KEY, type Permission } from './officers/permissions.js';
import { SessionService } from './officers/session.service.js';

const ROLES_KEY = 'cpg:roles';
const PUBLIC_KEY = 'cpg:public';

/**
 * Roles allowed on a route. API keys carry `gateway` or `admin` (lower case); officers carry `ANALYST`,
 * `SUPERVISOR`, `ADMIN` or `AUDITOR` (upper case). Officer routes normally declare a permission instead
 * (`@RequirePermission`, see officers/permissions.ts).
 */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
/** Liveness/readiness probes and the API description: no data, reachable by load balancers. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  id?: string;
  ip?: string;
  /** the officer session behind the bearer token (officers only) */
  officerSession?: { id: string; expiresAt: Date };
}

/**
 * Every route is authenticated unless marked @Public, and authorised by its @Roles and @RequirePermission (neither
 * = deny). `X-Api-Key` or `Authorization: Bearer cpg_…` is an API key; any other bearer token is an officer
 * session, read from the database on every request (no cache: logout and revocation apply at once).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credentials = credentialsOf(request);
    if (!credentials) throw new DomainError('UNAUTHENTICATED', 'Missing credentials: send X-Api-Key or Authorization: Bearer <token>');
    if (credentials.kind === 'api-key') {
      const principal = await this.apiKeys.verify(credentials.value);
      if (!principal) throw new DomainError('UNAUTHENTICATED', 'Invalid or revoked API key');
      request.actor = { kind: 'api-key', id: principal.id, name: principal.name, role: principal.role };
    } else {
      const session = await this.sessions.resolve(credentials.value);
      if (!session) throw new DomainError('UNAUTHENTICATED', 'Invalid, expired or revoked session: log in again');
      request.actor = { kind: 'officer', id: session.officer.id, name: session.officer.username, role: session.officer.role };
      request.officerSession = { id: session.id, expiresAt: session.expiresAt };
    }
    const decision = decideAccess(
      { kind: credentials.kind, role: request.actor.role },
      {
        roles: this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets) ?? [],
        permission: this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets),
      },
    );
    if (!decision.allowed) throw new DomainError('FORBIDDEN', decision.reason);
    return true;
  }
}

/** An API key from X-Api-Key or `Authorization: Bearer cpg_…` (scrapers that only send bearer tokens); any other bearer token is an officer's. */
function credentialsOf(request: AuthenticatedRequest): { kind: 'api-key' | 'officer'; value: string } | undefined {
  const header = request.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key) return { kind: 'api-key', value: key };
  const authorization = request.headers.authorization;
  const bearer = (Array.isArray(authorization) ? authorization[0] : authorization)?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!bearer) return undefined;
  return { kind: bearer[1].startsWith('cpg_') ? 'api-key' : 'officer', value: bearer[1] };
}
