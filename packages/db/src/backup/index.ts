export { createBackup, defaultBackupName, keyringText, MIN_PASSPHRASE, type BackupSummary, type CreateBackupOptions } from './create.js';
export { restoreBackup, type RestoreBackupOptions, type RestoreSummary } from './restore.js';
