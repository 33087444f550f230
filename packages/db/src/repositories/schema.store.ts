import { type SchemaStore } from '@vigil/core';
import { describeDatabase } from '../config.js';
import { type Connection } from '../connect.js';
import { migrateToLatest, migrationStatus } from '../migrate.js';

export function schemaStore(connection: Connection): SchemaStore {
  return {
    engine: connection.dialect.engine,
    describe: describeDatabase(connection.config),
    migrate: () => migrateToLatest(connection.db),
    status: () => migrationStatus(connection.db),
  };
}
