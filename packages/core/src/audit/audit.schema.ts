import { z } from 'zod';

/**
 * Actions the code base records. Others are allowed (lowercase words joined by `-`), so a new
 * feature can audit without editing this list; these are the ones with an agreed meaning.
 */
export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'restore', 'read-protected',
  'login', 'login-failed', 'logout', 'lockout', 'password-reset', 'totp-enabled', 'totp-disabled',
  'user-create', 'user-update', 'role-change', 'grant', 'revoke',
  'export', 'import', 'publish', 'backup', 'key-rotate',
] as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];
// `string & {}` keeps editor completion for the known actions while allowing new ones.
export type AuditAction = KnownAuditAction | (string & {});

const JsonObject = z.record(z.string(), z.unknown());

/** What a caller hands to `audit.append` / `services.audit.record`. */
export const AuditEntryInput = z.strictObject({
  /** When it happened (ISO-8601); defaults to now. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** The user id (or `cli:<os user>`, `system`): who did it. */
  actor: z.string().trim().min(1).max(200),
  /** Display name or login of the actor at the time, for readers of the log. */
  actorName: z.string().max(200).nullish(),
  /** Source address (IP) of the request; null for local CLI use. */
  address: z.string().max(100).nullish(),
  action: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-" (e.g. read-protected)').max(64),
  /** Entity name (`person`, `detention`, `user`…) and record id, when the action is about one record. */
  entity: z.string().max(64).nullish(),
  recordId: z.string().max(100).nullish(),
  /**
   * Clear-text details: ids, field names, counts — never protected values (names, contacts,
   * addresses, ID numbers). Keys that look like protected fields are refused.
   */
  details: JsonObject.optional(),
  /** Details that must hold protected data: stored encrypted with the field cipher. */
  protectedDetails: JsonObject.nullish(),
});
export type AuditEntryInput = z.input<typeof AuditEntryInput>;

/** One entry as read back. `hash` chains it to `prevHash`, the hash of the entry before. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorName: string | null;
  address: string | null;
  action: AuditAction;
  entity: string | null;
  recordId: string | null;
  details: Record<string, unknown>;
  /** Decrypted only when listed with `reveal`; otherwise null (see `hasProtectedDetails`). */
  protectedDetails: Record<string, unknown> | null;
  hasProtectedDetails: boolean;
  prevHash: string;
  hash: string;
}

export const AuditListFilter = z.strictObject({
  actor: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  recordId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Keyset cursor: entries after this sequence number (or before it, newest first). */
  after: z.coerce.number().int().min(0).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Decrypt protected details (the caller must be allowed to read them, and should audit it). */
  reveal: z.boolean().default(false),
});
export type AuditListFilter = z.infer<typeof AuditListFilter>;

export interface AuditListPage {
  items: AuditEntry[];
  /** Pass as `after` for the next page; null at the end. */
  nextCursor: number | null;
}

/** Where the log stands: the last entry's number and hash (record it off the server as an anchor). */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditProblemKind =
  | 'missing' // a sequence number is absent: the entry was deleted
  | 'altered' // the content no longer matches the entry's hash
  | 'reordered' // the entry is not where it was written (moved, or sequence numbers swapped)
  | 'unlinked' // the entry does not follow the one before it (an entry before it was removed or replaced)
  | 'forged' // content and hash agree but the keyed seal does not: the chain was recomputed without the key
  | 'unverifiable' // sealed with a key that is not in the keyring, and no later seal vouches for it
  | 'truncated' // the head or an anchor records more entries than the log holds
  | 'head'; // the head row disagrees with the last entry

export interface AuditProblem {
  /** The first entry affected, by sequence number. */
  seq: number;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries walked. */
  entries: number;
  head: AuditHead | null;
  /** Seals that could not be checked (their key is not in the keyring) but are vouched for by a later one. */
  sealsVouched: number;
  problems: AuditProblem[];
  /** The first problem (the earliest entry affected), or null when the chain is intact. */
  firstProblem: AuditProblem | null;
}

export interface AuditVerifyOptions {
  /** A head recorded earlier, off the server: the entry with this number must still have this hash. */
  anchor?: AuditHead | undefined;
}
