import { parseInput } from '../records/validate.js';
import { type Repositories } from '../repositories.js';
import {
  type AuditEntry, type AuditEntryInput, AuditListFilter, type AuditListPage, type AuditVerification, type AuditVerifyOptions,
} from './audit.schema.js';

/** Who did it, from an authenticated actor: `{ ...auditActor(actor), action: 'update', … }`. */
export function auditActor(who: { id: string; name?: string | undefined; address?: string | undefined }): Pick<AuditEntryInput, 'actor' | 'actorName' | 'address'> {
  return { actor: who.id, actorName: who.name ?? null, address: who.address ?? null };
}

/** Records and reads the tamper-evident audit trail. */
export class AuditService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => string,
  ) {}

  /** Appends one entry, in the transaction the services are bound to (if any). */
  async record(entry: AuditEntryInput): Promise<AuditEntry> {
    return this.repos.audit.append({ ...entry, at: entry.at ?? this.now() });
  }

  /** Entries matching the filter, oldest first by default; protected details only with `reveal`. */
  async list(rawFilter: unknown): Promise<AuditListPage> {
    return this.repos.audit.list(parseInput(AuditListFilter, rawFilter ?? {}));
  }

  verify(options: AuditVerifyOptions = {}): Promise<AuditVerification> {
    return this.repos.audit.verify(options);
  }
}
