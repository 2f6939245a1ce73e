import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Actor } from '@app/common';
import { ApiKeyService } from './api-keys.js';

const ROLES_KEY = 'cpg:roles';
const PUBLIC_KEY = 'cpg:public';

/** Roles allowed on a route. API keys carry `gateway` or `admin`. */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
/** Liveness/readiness probes and the API description: no data, reachable by load balancers. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  id?: string;
}

/** Every route is authenticated unless marked @Public, and authorised by its @Roles (none = deny). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = apiKeyOf(request);
    if (!key) throw new DomainError('UNAUTHENTICATED', 'Missing credentials: send X-Api-Key');
    const principal = await this.apiKeys.verify(key);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'Invalid or revoked API key');
    request.actor = { kind: 'api-key', id: principal.id, name: principal.name, role: principal.role };
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new DomainError('FORBIDDEN', `This route is not open to the ${principal.role} role`);
    }
    return true;
  }
}

/** The API key from X-Api-Key, or from `Authorization: Bearer cpg_…` (for scrapers that only send bearer tokens). */
function apiKeyOf(request: AuthenticatedRequest): string | undefined {
  const header = request.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key) return key;
  const authorization = request.headers.authorization;
  const bearer = (Array.isArray(authorization) ? authorization[0] : authorization)?.match(/^Bearer (cpg_\S+)$/i);
  return bearer?.[1];
}
