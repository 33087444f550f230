import { ROLES, type Role } from '@vigil/core';

/** Server settings from the environment, with the defaults the README promises. */
export interface ServerConfig {
  host: string;
  port: number;
  demo: boolean;
  disappearanceHours: number | undefined;
  boardHorizonDays: number | undefined;
  /** Roles that must use two-factor authentication (VIGIL_MFA_ROLES=admin,coordinator). */
  mfaRoles: Role[];
  /** Serve only published reports and aggregate statistics (VIGIL_PUBLIC=1, `vigil serve --public`). */
  publicMode: boolean;
}

export function serverConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? env.VIGIL_PORT ?? 4100);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT ?? env.VIGIL_PORT}")`);
  const hours = env.VIGIL_DISAPPEARANCE_HOURS === undefined ? undefined : Number(env.VIGIL_DISAPPEARANCE_HOURS);
  if (hours !== undefined && !(hours > 0)) throw new Error('VIGIL_DISAPPEARANCE_HOURS must be a positive number of hours');
  const horizon = env.VIGIL_BOARD_HORIZON_DAYS === undefined ? undefined : Number(env.VIGIL_BOARD_HORIZON_DAYS);
  if (horizon !== undefined && !(horizon > 0)) throw new Error('VIGIL_BOARD_HORIZON_DAYS must be a positive number of days');
  const mfaRoles = (env.VIGIL_MFA_ROLES ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = mfaRoles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`VIGIL_MFA_ROLES has unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  return { host: env.VIGIL_HOST ?? '127.0.0.1', port, demo: env.VIGIL_DEMO === '1', disappearanceHours: hours, boardHorizonDays: horizon, mfaRoles: mfaRoles as Role[], publicMode: env.VIGIL_PUBLIC === '1' };
}
