export * from './audit.schema.js';
export {
  GENESIS_HASH, canonicalJson, canonicalEntry, sealEntry, prepareAuditEntry, AuditChainVerifier,
  type AuditSealer, type StoredAuditRow, type UnsealedAuditRow, type PreparedAuditEntry,
} from './chain.js';
export { type AuditStore } from './ports.js';
export { AuditService, auditActor } from './audit.service.js';
