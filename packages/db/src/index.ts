export { resolveDatabaseConfig, describeDatabase, type DatabaseConfig, type ConfigSource } from './config.js';
export { connect, type Connection, type Db } from './connect.js';
export { migrateToLatest, migrationStatus, latestSchemaVersion } from './migrate.js';
export { createRepositories } from './repositories/index.js';
export { translateDriverError } from './errors.js';
export { rotateKeys, type RotationResult } from './crypto/rotate.js';
export { createBackup, restoreBackup, defaultBackupName, MIN_PASSPHRASE, type BackupSummary, type CreateBackupOptions, type RestoreBackupOptions, type RestoreSummary } from './backup/index.js';
