import { type AccountStore, type StoredSession, type StoredUser } from '@vigil/core';
import { type Db } from '../connect.js';
import { type FieldCipher } from '../crypto/field-cipher.js';
import { type DialectHelpers } from '../dialect.js';
import { SessionCache } from './session-cache.js';

type Row = Record<string, unknown>;
const FLAGS = ['totpEnabled', 'mfaRequired', 'mustChangePassword', 'disabled'] as const;

export class KyselyAccountStore implements AccountStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectHelpers,
    private readonly cipher: FieldCipher,
    /** Shared by the connection's stores; see session-cache.ts. */
    private readonly sessions: SessionCache = new SessionCache(),
  ) {}

  /** A read behind request authentication, kept briefly; inside a transaction always read afresh. */
  private kept<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.db.isTransaction ? compute() : this.sessions.read(key, compute);
  }

  /** Every write to users, sessions, client assignments and grants forgets the kept reads. */
  private write(run: () => Promise<unknown>): Promise<void> {
    return this.sessions.write(run).then(() => undefined);
  }

  private toRow(changes: Partial<StoredUser>): Row {
    const row: Row = { ...changes };
    for (const flag of FLAGS) if (flag in changes) row[flag] = changes[flag] ? 1 : 0;
    // The TOTP secret would let a seizer pass the second factor, so it is encrypted.
    if (typeof changes.totpSecret === 'string') row.totpSecret = this.cipher.encrypt(changes.totpSecret);
    return row;
  }

  private fromRow(row: Row): StoredUser {
    const user: Row = { ...row };
    for (const flag of FLAGS) user[flag] = Number(row[flag]) === 1;
    user.failedLogins = Number(row.failedLogins);
    user.totpSecret = typeof row.totpSecret === 'string' ? this.cipher.decrypt(row.totpSecret) : null;
    return user as unknown as StoredUser;
  }

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom('users').select(this.dialect.countAll().as('n')).executeTakeFirstOrThrow();
    return this.dialect.toNumber(row.n);
  }

  async insertUser(user: StoredUser): Promise<void> {
    await this.write(() => this.db.insertInto('users').values(this.toRow(user)).execute());
  }

  async updateUser(id: string, changes: Partial<StoredUser>): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.write(() => this.db.updateTable('users').set(this.toRow(changes)).where('id', '=', id).execute());
  }

  async userById(id: string): Promise<StoredUser | null> {
    const row = await this.kept(`user:${id}`, async () => (await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null);
    return row ? this.fromRow(row) : null;
  }

  async userByUsername(username: string): Promise<StoredUser | null> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? this.fromRow(row) : null;
  }

  async listUsers(): Promise<StoredUser[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map((r) => this.fromRow(r));
  }

  async insertSession(session: StoredSession): Promise<void> {
    await this.write(() => this.db.insertInto('sessions').values({ ...session }).execute());
  }

  async sessionByHash(tokenHash: string): Promise<StoredSession | null> {
    const row = await this.kept(`session:${tokenHash}`, async () => (await this.db.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()) ?? null);
    return (row as unknown as StoredSession | null) ?? null;
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.write(() => this.db.updateTable('sessions').set({ lastSeenAt: at }).where('tokenHash', '=', tokenHash).execute());
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.write(() => this.db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute());
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.write(() => this.db.deleteFrom('sessions').where('userId', '=', userId).execute());
  }

  async clientsOf(userId: string): Promise<string[]> {
    // Not kept: merges move assignments outside this store, and only lawyers' requests ask.
    const rows = await this.db.selectFrom('client_assignments').select('personId').where('userId', '=', userId).execute();
    return rows.map((r) => String(r.personId));
  }

  async assignClient(userId: string, personId: string, by: string, at: string): Promise<void> {
    const exists = await this.db.selectFrom('client_assignments').select('personId').where('userId', '=', userId).where('personId', '=', personId).executeTakeFirst();
    if (!exists) await this.write(() => this.db.insertInto('client_assignments').values({ userId, personId, assignedBy: by, assignedAt: at }).execute());
  }

  async hasGrant(entity: string, recordId: string, userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('record_grants').select('userId').where('entity', '=', entity).where('recordId', '=', recordId).where('userId', '=', userId).executeTakeFirst();
    return !!row;
  }

  async grant(entity: string, recordId: string, userId: string, by: string, at: string): Promise<void> {
    if (!(await this.hasGrant(entity, recordId, userId))) await this.write(() => this.db.insertInto('record_grants').values({ entity, recordId, userId, grantedBy: by, grantedAt: at }).execute());
  }

  async revoke(entity: string, recordId: string, userId: string): Promise<void> {
    await this.write(() => this.db.deleteFrom('record_grants').where('entity', '=', entity).where('recordId', '=', recordId).where('userId', '=', userId).execute());
  }

  async grantsOn(entity: string, recordId: string): Promise<{ userId: string; grantedBy: string; grantedAt: string }[]> {
    const rows = await this.db.selectFrom('record_grants').select(['userId', 'grantedBy', 'grantedAt']).where('entity', '=', entity).where('recordId', '=', recordId).orderBy('grantedAt').execute();
    return rows.map((r) => ({ userId: String(r.userId), grantedBy: String(r.grantedBy), grantedAt: String(r.grantedAt) }));
  }

  async unassignClient(userId: string, personId: string): Promise<void> {
    await this.write(() => this.db.deleteFrom('client_assignments').where('userId', '=', userId).where('personId', '=', personId).execute());
  }
}
