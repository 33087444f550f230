/** What a route or action needs. Every API route declares one (or `public`). */
export const PERMISSIONS = [
  'records:read',
  'records:write',
  'records:delete',
  'identities:read',
  'custody:read',
  'custody:write',
  'intake:create',
  'vocabularies:read',
  'evidence:read',
  'evidence:write',
  'stats:read',
  'reports:read',
  'reports:publish',
  'data:export',
  'findings:review',
  'imports:write',
  'users:manage',
  'grants:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'coordinator', 'analyst', 'monitor', 'lawyer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const all = [...PERMISSIONS];
const without = (...excluded: Permission[]) => all.filter((p) => !excluded.includes(p));

/**
 * The role matrix, as data. Lawyers' reads are further limited to their assigned clients and
 * viewers' to public records with identities redacted (enforced in the services, not here).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: all,
  coordinator: without('users:manage'),
  analyst: without('users:manage', 'audit:read', 'reports:publish', 'grants:manage'),
  monitor: ['records:read', 'records:write', 'identities:read', 'custody:read', 'custody:write', 'intake:create', 'vocabularies:read', 'evidence:read', 'evidence:write', 'stats:read'],
  lawyer: ['records:read', 'identities:read', 'custody:read', 'custody:write', 'vocabularies:read', 'evidence:read'],
  viewer: ['records:read', 'vocabularies:read', 'stats:read', 'reports:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Who is acting: recorded in history and the audit trail, and used to scope reads. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** For lawyers: the persons they represent (their reads are limited to these). */
  clientPersonIds?: string[] | undefined;
  /** Where the request came from (IP), for the audit trail. */
  address?: string | undefined;
}

/** The system itself (migrations, demo load, CLI without a user). */
export function systemActor(name: string): Actor {
  return { id: name, name, role: 'admin' };
}
