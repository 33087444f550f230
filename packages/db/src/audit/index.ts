import { type AuditSealer, type AuditStore } from '@vigil/core';
import { type Connection, type Db } from '../connect.js';
import { translated } from '../errors.js';
import { KyselyAuditStore } from './audit.store.js';
import { keyringSealer } from './sealer.js';

export { KyselyAuditStore } from './audit.store.js';
export { keyringSealer } from './sealer.js';
export { inReadSnapshot } from './snapshot.js';

const sealers = new WeakMap<Connection, AuditSealer>();

/** The audit store on `db` (the connection or one of its transactions); seal keys derived once per connection. */
export function auditStoreOf(connection: Connection, db: Db): AuditStore {
  let sealer = sealers.get(connection);
  if (!sealer) {
    sealer = keyringSealer(connection.keys.keyring);
    sealers.set(connection, sealer);
  }
  return translated(new KyselyAuditStore(db, connection.cipher, sealer));
}
