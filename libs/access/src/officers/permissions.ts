import { SetMetadata } from '@nestjs/common';

/**
 * The officers' permission matrix, as data. Routes for officers declare one permission with
 * `@RequirePermission(...)`; the AuthGuard grants it to the roles listed here and to nobody else (API keys never
 * hold a permission). docs/permissions.md shows the same table; permissions.spec.ts pins its invariants:
 * an AUDITOR reads everything and changes nothing, only a SUPERVISOR approves, an ADMIN manages users, rules and
 * lists but does not work or dispose of alerts (separation of duties).
 */
export type OfficerRole = 'ANALYST' | 'SUPERVISOR' | 'ADMIN' | 'AUDITOR';
export const OFFICER_ROLES: readonly OfficerRole[] = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'AUDITOR'];

export type Permission =
  | 'alerts:read'
  | 'alerts:work'
  | 'alerts:approve'
  | 'cases:read'
  | 'cases:write'
  | 'cases:approve'
  | 'payments:read'
  | 'payments:resolve'
  | 'lists:read'
  | 'lists:import'
  | 'reports:read'
  | 'reports:export'
  | 'rules:read'
  | 'rules:manage'
  | 'schedules:read'
  | 'schedules:manage'
  | 'users:read'
  | 'users:manage'
  | 'audit:read';

export const PERMISSIONS: Readonly<Record<Permission, readonly OfficerRole[]>> = {
  'alerts:read': ['ANALYST', 'SUPERVISOR', 'AUDITOR'],
  /** claim, assign, annotate and dispose of alerts */
  'alerts:work': ['ANALYST', 'SUPERVISOR'],
  /** four eyes: approve or reject another officer's disposition */
  'alerts:approve': ['SUPERVISOR'],
  'cases:read': ['ANALYST', 'SUPERVISOR', 'AUDITOR'],
  /** open cases, add alerts, notes and attachments, propose a conclusion */
  'cases:write': ['ANALYST', 'SUPERVISOR'],
  'cases:approve': ['SUPERVISOR'],
  'payments:read': ['ANALYST', 'SUPERVISOR', 'AUDITOR'],
  /** resolve a payment held for review (APPROVE / DECLINE) */
  'payments:resolve': ['ANALYST', 'SUPERVISOR'],
  'lists:read': ['ANALYST', 'SUPERVISOR', 'ADMIN', 'AUDITOR'],
  'lists:import': ['ADMIN'],
  'reports:read': ['ANALYST', 'SUPERVISOR', 'AUDITOR'],
  /** generate and export regulatory reports (STR / LTR) and case files */
  'reports:export': ['SUPERVISOR'],
  'rules:read': ['ANALYST', 'SUPERVISOR', 'ADMIN', 'AUDITOR'],
  'rules:manage': ['ADMIN'],
  /** when the scheduled reports run (not their content, which holds personal data) */
  'schedules:read': ['ANALYST', 'SUPERVISOR', 'ADMIN', 'AUDITOR'],
  /** enable / disable a report schedule or change its cron: configuration, like rules */
  'schedules:manage': ['ADMIN'],
  'users:read': ['ADMIN', 'AUDITOR'],
  'users:manage': ['ADMIN'],
  'audit:read': ['SUPERVISOR', 'ADMIN', 'AUDITOR'],
};

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isOfficerRole(value: string): value is OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(value);
}

export function permissionsOf(role: OfficerRole): Permission[] {
  return ALL_PERMISSIONS.filter((permission) => PERMISSIONS[permission].includes(role));
}

export const PERMISSION_KEY = 'cpg:permission';

/** The permission an officer needs on this route. API keys are refused unless the route also has a matching @Roles. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(PERMISSION_KEY, permission);

/** What a route asks for: its @Roles (API keys, or officer roles for "any officer") and its @RequirePermission. */
export interface RouteRequirement {
  roles: readonly string[];
  permission?: Permission;
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * The guard's decision for an authenticated principal, as a pure function. A route with neither @Roles nor
 * @RequirePermission is denied to everybody. API keys pass only by @Roles; officers pass by their permission, or
 * by @Roles naming their role (routes open to every officer, such as /v1/auth/me).
 */
export function decideAccess(
  principal: { kind: 'api-key' | 'officer'; role: string },
  route: RouteRequirement,
): AccessDecision {
  if (route.roles.includes(principal.role)) return { allowed: true };
  if (
    principal.kind === 'officer' &&
    route.permission &&
    isOfficerRole(principal.role) &&
    PERMISSIONS[route.permission].includes(principal.role)
  ) {
    return { allowed: true };
  }
  if (route.permission && principal.kind === 'officer')
    return {
      allowed: false,
      reason: `The ${principal.role} role does not have the ${route.permission} permission`,
    };
  return { allowed: false, reason: `This route is not open to the ${principal.role} role` };
}
