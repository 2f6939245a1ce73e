import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  decideAccess,
  OFFICER_ROLES,
  PERMISSIONS,
  permissionsOf,
  type Permission,
} from './permissions.js';

const isRead = (permission: Permission): boolean => permission.endsWith(':read');

describe('PERMISSIONS', () => {
  it('lets an AUDITOR read everything and change nothing', () => {
    expect(permissionsOf('AUDITOR').sort()).toEqual(ALL_PERMISSIONS.filter(isRead).sort());
  });

  it('gives approvals to SUPERVISOR only', () => {
    for (const permission of ALL_PERMISSIONS.filter((name) => name.endsWith(':approve'))) {
      expect(PERMISSIONS[permission]).toEqual(['SUPERVISOR']);
    }
    expect(ALL_PERMISSIONS.filter((name) => name.endsWith(':approve')).sort()).toEqual([
      'alerts:approve',
      'cases:approve',
    ]);
  });

  it('lets an ADMIN manage users, rules and lists but not work, dispose of or approve alerts and cases', () => {
    const admin = permissionsOf('ADMIN');
    expect(admin).toEqual(
      expect.arrayContaining(['users:manage', 'rules:manage', 'lists:import', 'audit:read']),
    );
    for (const permission of [
      'alerts:work',
      'alerts:approve',
      'cases:write',
      'cases:approve',
      'payments:resolve',
    ] as const) {
      expect(admin).not.toContain(permission);
    }
  });

  it('keeps user, rule, list and report schedule management with ADMIN alone', () => {
    expect(PERMISSIONS['users:manage']).toEqual(['ADMIN']);
    expect(PERMISSIONS['rules:manage']).toEqual(['ADMIN']);
    expect(PERMISSIONS['lists:import']).toEqual(['ADMIN']);
    expect(PERMISSIONS['schedules:manage']).toEqual(['ADMIN']);
  });

  it('opens the audit trail to AUDITOR, SUPERVISOR and ADMIN but not to ANALYST', () => {
    expect([...PERMISSIONS['audit:read']].sort()).toEqual(['ADMIN', 'AUDITOR', 'SUPERVISOR']);
  });

  it('lets analysts and supervisors work alerts and cases', () => {
    for (const permission of [
      'alerts:read',
      'alerts:work',
      'cases:read',
      'cases:write',
      'payments:resolve',
    ] as const) {
      expect(PERMISSIONS[permission]).toEqual(expect.arrayContaining(['ANALYST', 'SUPERVISOR']));
    }
  });

  it('names only known roles, each permission at least one', () => {
    for (const permission of ALL_PERMISSIONS) {
      expect(PERMISSIONS[permission].length).toBeGreaterThan(0);
      for (const role of PERMISSIONS[permission]) expect(OFFICER_ROLES).toContain(role);
    }
  });
});

describe(decideAccess.name, () => {
  it('refuses a route that declares neither roles nor a permission, to everybody', () => {
    expect(decideAccess({ kind: 'api-key', role: 'admin' }, { roles: [] }).allowed).toBe(false);
    expect(decideAccess({ kind: 'officer', role: 'SUPERVISOR' }, { roles: [] }).allowed).toBe(false);
  });

  it('refuses every API key on an officer route, even the admin key', () => {
    expect(
      decideAccess({ kind: 'api-key', role: 'gateway' }, { roles: [], permission: 'audit:read' }),
    ).toMatchObject({ allowed: false });
    expect(
      decideAccess({ kind: 'api-key', role: 'admin' }, { roles: [], permission: 'users:manage' }),
    ).toMatchObject({ allowed: false });
  });

  it('lets API keys through by @Roles as before, and keeps officers off API-key routes', () => {
    expect(decideAccess({ kind: 'api-key', role: 'gateway' }, { roles: ['gateway'] }).allowed).toBe(true);
    expect(decideAccess({ kind: 'api-key', role: 'gateway' }, { roles: ['admin'] }).allowed).toBe(false);
    expect(decideAccess({ kind: 'officer', role: 'ADMIN' }, { roles: ['admin'] }).allowed).toBe(false);
  });

  it('refuses an AUDITOR every write permission and grants every read permission', () => {
    for (const permission of ALL_PERMISSIONS) {
      const decision = decideAccess({ kind: 'officer', role: 'AUDITOR' }, { roles: [], permission });
      expect(decision.allowed, permission).toBe(isRead(permission));
    }
    expect(
      decideAccess({ kind: 'officer', role: 'AUDITOR' }, { roles: [], permission: 'alerts:work' }),
    ).toEqual({
      allowed: false,
      reason: 'The AUDITOR role does not have the alerts:work permission',
    });
  });

  it('grants an officer exactly the permissions of the matrix', () => {
    for (const role of OFFICER_ROLES) {
      for (const permission of ALL_PERMISSIONS) {
        expect(
          decideAccess({ kind: 'officer', role }, { roles: [], permission }).allowed,
          `${role} ${permission}`,
        ).toBe(PERMISSIONS[permission].includes(role));
      }
    }
  });

  it('lets any officer through a route open to every officer role', () => {
    for (const role of OFFICER_ROLES)
      expect(decideAccess({ kind: 'officer', role }, { roles: [...OFFICER_ROLES] }).allowed).toBe(true);
    expect(decideAccess({ kind: 'api-key', role: 'admin' }, { roles: [...OFFICER_ROLES] }).allowed).toBe(
      false,
    );
  });
});
