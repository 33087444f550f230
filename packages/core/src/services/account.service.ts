import * as OTPAuth from 'otpauth';
import { AssignClientInput, ChangePasswordInput, CreateUserInput, GrantInput, GrantQuery, LoginInput, ResetPasswordInput, TotpConfirmInput, UpdateUserInput, type UserRecord } from '../auth/account.schema.js';
import { type Actor, type Role } from '../auth/roles.js';
import { csrfTokenFor, hashToken, newSessionToken } from '../auth/tokens.js';
import { notFound, VigilError } from '../errors.js';
import { newId } from '../ids.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredSession, type StoredUser } from '../repositories.js';
import { addHours } from '../time.js';

export interface AccountOptions {
  /** Roles that must use TOTP (VIGIL_MFA_ROLES); users can also be flagged one by one. */
  mfaRoles?: Role[];
  sessionHours?: number;
  maxFailedLogins?: number;
  lockoutMinutes?: number;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: UserRecord;
  expiresAt: string;
}

export interface SessionContext {
  actor: Actor;
  user: UserRecord;
  session: StoredSession;
  /** The user must enrol TOTP before doing anything else. */
  mfaSetupRequired: boolean;
}

const WRONG = 'Wrong username or password';

/** Accounts, login with lockout and TOTP, sessions, lawyers' client assignments. */
export class AccountService {
  private readonly sessionHours: number;
  private readonly maxFailed: number;
  private readonly lockoutMinutes: number;

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => string,
    private readonly options: AccountOptions = {},
  ) {
    this.sessionHours = options.sessionHours ?? 12;
    this.maxFailed = options.maxFailedLogins ?? 5;
    this.lockoutMinutes = options.lockoutMinutes ?? 15;
  }

  present(u: StoredUser): UserRecord {
    const { passwordHash: _p, totpSecret: _t, failedLogins: _f, ...rest } = u;
    return { ...rest, mfaRequired: this.needsMfa(u) };
  }

  private needsMfa(u: StoredUser): boolean {
    return u.mfaRequired || (this.options.mfaRoles ?? []).includes(u.role);
  }

  async hasUsers(): Promise<boolean> {
    return (await this.repos.accounts.countUsers()) > 0;
  }

  async createUser(raw: unknown): Promise<UserRecord> {
    const input = parseInput(CreateUserInput, raw);
    if (await this.repos.accounts.userByUsername(input.username)) {
      throw new VigilError('CONFLICT', `The username ${input.username} is taken`, [{ path: 'username', problem: 'already exists' }]);
    }
    const user: StoredUser = {
      id: newId(), username: input.username, displayName: input.displayName ?? null, role: input.role,
      passwordHash: await this.repos.passwords.hash(input.password), totpSecret: null, totpEnabled: false, mfaRequired: false,
      mustChangePassword: false, failedLogins: 0, lockedUntil: null, disabled: false, createdAt: this.now(), lastLoginAt: null,
    };
    await this.repos.accounts.insertUser(user);
    return this.present(user);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.repos.accounts.listUsers()).map((u) => this.present(u));
  }

  async updateUser(id: string, raw: unknown): Promise<UserRecord> {
    const changes = parseInput(UpdateUserInput, raw);
    const user = await this.user(id);
    await this.repos.accounts.updateUser(id, changes);
    if (changes.disabled || changes.role) await this.repos.accounts.deleteSessionsOf(id);
    return this.present({ ...user, ...changes });
  }

  /** Checks password, lockout and TOTP; on success opens a session. One message for every wrong credential. */
  async login(raw: unknown, meta: { address?: string | undefined; userAgent?: string | undefined } = {}): Promise<LoginResult> {
    const input = parseInput(LoginInput, raw);
    const now = this.now();
    const user = await this.repos.accounts.userByUsername(input.username);
    if (!user || user.disabled) {
      await this.repos.passwords.verify('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZmFrZWhhc2hmYWtlaGFzaGZha2VoYXNoZmFrZWhhc2g', input.password).catch(() => false);
      throw new VigilError('UNAUTHENTICATED', WRONG);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new VigilError('ACCOUNT_LOCKED', `Too many failed logins; this account is locked until ${user.lockedUntil}. An admin can unlock it by resetting the password.`);
    }
    if (!(await this.repos.passwords.verify(user.passwordHash, input.password))) {
      const failed = user.failedLogins + 1;
      const lock = failed >= this.maxFailed ? addHours(now, this.lockoutMinutes / 60) : null;
      await this.repos.accounts.updateUser(user.id, { failedLogins: lock ? 0 : failed, lockedUntil: lock });
      throw new VigilError('UNAUTHENTICATED', WRONG);
    }
    if (user.totpEnabled) {
      if (!input.totp) throw new VigilError('MFA_REQUIRED', 'Enter the 6-digit code from your authenticator app', [{ path: 'totp', problem: 'is required' }]);
      if (!this.totpValid(user, input.totp)) {
        await this.repos.accounts.updateUser(user.id, { failedLogins: user.failedLogins + 1 });
        throw new VigilError('UNAUTHENTICATED', 'Wrong authenticator code', [{ path: 'totp', problem: 'wrong code' }]);
      }
    }
    const { token, hash } = newSessionToken();
    const expiresAt = addHours(now, this.sessionHours);
    await this.repos.accounts.insertSession({ tokenHash: hash, userId: user.id, createdAt: now, expiresAt, lastSeenAt: now, address: meta.address ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null });
    await this.repos.accounts.updateUser(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    return { token, csrfToken: csrfTokenFor(token), user: this.present({ ...user, lastLoginAt: now }), expiresAt };
  }

  /** The actor behind a session token, or null when it is unknown, expired or its user disabled. */
  async resolve(token: string, address?: string): Promise<SessionContext | null> {
    const hash = hashToken(token);
    const session = await this.repos.accounts.sessionByHash(hash);
    const now = this.now();
    if (!session || session.expiresAt <= now) return null;
    const user = await this.repos.accounts.userById(session.userId);
    if (!user || user.disabled) return null;
    // Sliding activity, written at most every few minutes to keep reads cheap.
    if (Date.parse(now) - Date.parse(session.lastSeenAt) > 5 * 60_000) await this.repos.accounts.touchSession(hash, now);
    const clientPersonIds = user.role === 'lawyer' ? await this.repos.accounts.clientsOf(user.id) : undefined;
    return {
      actor: { id: user.id, name: user.username, role: user.role, clientPersonIds, address },
      user: this.present(user),
      session,
      mfaSetupRequired: this.needsMfa(user) && !user.totpEnabled,
    };
  }

  async logout(token: string): Promise<void> {
    await this.repos.accounts.deleteSession(hashToken(token));
  }

  /** An admin sets a temporary password; the user must change it, and every session ends. */
  async resetPassword(userId: string, raw: unknown): Promise<UserRecord> {
    const { password } = parseInput(ResetPasswordInput, raw);
    const user = await this.user(userId);
    const changes = { passwordHash: await this.repos.passwords.hash(password), mustChangePassword: true, failedLogins: 0, lockedUntil: null };
    await this.repos.accounts.updateUser(userId, changes);
    await this.repos.accounts.deleteSessionsOf(userId);
    return this.present({ ...user, ...changes });
  }

  async changePassword(userId: string, raw: unknown): Promise<void> {
    const input = parseInput(ChangePasswordInput, raw);
    const user = await this.user(userId);
    if (!(await this.repos.passwords.verify(user.passwordHash, input.currentPassword))) {
      throw new VigilError('VALIDATION_FAILED', 'The current password is wrong', [{ path: 'currentPassword', problem: 'wrong password' }]);
    }
    await this.repos.accounts.updateUser(userId, { passwordHash: await this.repos.passwords.hash(input.newPassword), mustChangePassword: false });
  }

  /** Starts TOTP enrolment: a new secret and the otpauth:// URI for an authenticator app. */
  async beginTotp(userId: string): Promise<{ secret: string; uri: string }> {
    const user = await this.user(userId);
    const totp = new OTPAuth.TOTP({ issuer: 'Vigil', label: user.username, secret: new OTPAuth.Secret({ size: 20 }) });
    await this.repos.accounts.updateUser(userId, { totpSecret: totp.secret.base32, totpEnabled: false });
    return { secret: totp.secret.base32, uri: totp.toString() };
  }

  async confirmTotp(userId: string, raw: unknown): Promise<UserRecord> {
    const { code } = parseInput(TotpConfirmInput, raw);
    const user = await this.user(userId);
    if (!user.totpSecret || !this.totpValid(user, code)) throw new VigilError('VALIDATION_FAILED', 'That code does not match; check the clock of your device', [{ path: 'code', problem: 'wrong code' }]);
    await this.repos.accounts.updateUser(userId, { totpEnabled: true });
    return this.present({ ...user, totpEnabled: true });
  }

  async assignClient(lawyerId: string, raw: unknown, by: Actor): Promise<string[]> {
    const { personId } = parseInput(AssignClientInput, raw);
    const lawyer = await this.user(lawyerId);
    if (lawyer.role !== 'lawyer') throw new VigilError('VALIDATION_FAILED', 'Only lawyers have clients', [{ path: 'userId', problem: 'not a lawyer' }]);
    if (!(await this.repos.records.existingIds('person', [personId])).has(personId)) throw notFound('person', personId);
    await this.repos.accounts.assignClient(lawyerId, personId, by.name, this.now());
    return this.repos.accounts.clientsOf(lawyerId);
  }

  /** Opens a confidential record to one account; the grant itself is access data, audited by the caller. */
  async grant(raw: unknown, by: Actor): Promise<{ userId: string; grantedBy: string; grantedAt: string }[]> {
    const input = parseInput(GrantInput, raw);
    await this.user(input.userId);
    if (!(await this.repos.records.get(input.entity, input.recordId))) throw notFound(input.entity, input.recordId);
    await this.repos.accounts.grant(input.entity, input.recordId, input.userId, by.name, this.now());
    return this.repos.accounts.grantsOn(input.entity, input.recordId);
  }

  async revoke(raw: unknown): Promise<{ userId: string; grantedBy: string; grantedAt: string }[]> {
    const input = parseInput(GrantInput, raw);
    await this.repos.accounts.revoke(input.entity, input.recordId, input.userId);
    return this.repos.accounts.grantsOn(input.entity, input.recordId);
  }

  async grantsOn(raw: unknown): Promise<{ userId: string; grantedBy: string; grantedAt: string }[]> {
    const input = parseInput(GrantQuery, raw);
    return this.repos.accounts.grantsOn(input.entity, input.recordId);
  }

  private totpValid(user: StoredUser, code: string): boolean {
    if (!user.totpSecret) return false;
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(user.totpSecret) });
    return totp.validate({ token: code, timestamp: Date.parse(this.now()), window: 1 }) !== null;
  }

  private async user(id: string): Promise<StoredUser> {
    const user = await this.repos.accounts.userById(id);
    if (!user) throw notFound('user', id);
    return user;
  }
}
