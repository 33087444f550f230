import { type SchemaStore } from '@vigil/core';
import { describeDatabase } from '../config.js';
import { type Connection } from '../connect.js';
import { migrateToLatest, migrationStatus } from '../migrate.js';

export function schemaStore(connection: Connection): SchemaStore {
  return {
    engine: connection.dialect.engine,
    describe: describeDatabase(connection.config),
    // The cipher seals values a migration finds in clear (review notes, 20261122T1720).
    migrate: () => migrateToLatest(connection.db, (plain) => connection.cipher.encrypt(plain)),
    status: () => migrationStatus(connection.db),
  };
}
