import fs from 'node:fs';
import path from 'node:path';
import { createServices, VigilError } from '@vigil/core';
import { connect, createBackup, createRepositories, defaultBackupName, describeDatabase, MIN_PASSPHRASE, resolveDatabaseConfig, restoreBackup } from '@vigil/db';
import { type Command } from 'commander';
import { cliActor, type GlobalOptions } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

/** The passphrase from --passphrase-file (one trailing newline dropped) or VIGIL_BACKUP_PASSPHRASE; null: use the master key. */
async function passphraseFrom(io: Io, file: string | undefined): Promise<string | null> {
  if (file !== undefined) {
    let text: string;
    try {
      text = await io.readInput(file);
    } catch (e) {
      throw new VigilError('VALIDATION_FAILED', `cannot read the passphrase file ${file}: ${(e as Error).message}`, [{ path: 'passphrase-file', problem: 'cannot be read' }]);
    }
    return text.replace(/\r?\n$/, '');
  }
  return process.env.VIGIL_BACKUP_PASSPHRASE || null;
}

/** `vigil backup create | restore`: encrypted, consistent online snapshots of database and evidence. */
export function registerBackupCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const backup = program.command('backup').description('encrypted backups of the database and evidence files (docs/BACKUP.md)');

  backup
    .command('create')
    .description('a consistent online snapshot of the database and evidence, encrypted (AES-256-GCM)')
    .option('--out <file>', 'the backup file (default ./vigil-backup-<UTC time>.vbk); never overwritten')
    .option('--passphrase-file <file>', 'encrypt with this passphrase (or set VIGIL_BACKUP_PASSPHRASE); default: the master key')
    .option('--without-keys', 'do not carry the encryption keys inside the backup (restoring then also needs the key file)')
    .action(async (opts: { out?: string; passphraseFile?: string; withoutKeys?: boolean }) => {
      const g = globals();
      const out = path.resolve(opts.out ?? defaultBackupName());
      const passphrase = await passphraseFrom(io, opts.passphraseFile);
      if (fs.existsSync(out)) throw new VigilError('CONFLICT', `${out} already exists; choose another --out (a backup never overwrites a file)`);
      if (passphrase !== null && passphrase.length < MIN_PASSPHRASE) {
        throw new VigilError('VALIDATION_FAILED', `the passphrase must be at least ${MIN_PASSPHRASE} characters (a few random words)`, [{ path: 'passphrase', problem: `must be at least ${MIN_PASSPHRASE} characters (a few random words)` }]);
      }
      const includeKeys = !opts.withoutKeys;
      const connection = await connect(resolveDatabaseConfig({ dataDir: g.data }));
      try {
        const repos = createRepositories(connection);
        await repos.schema.migrate();
        // Recorded before the snapshot, so the backup holds the entry of its own making.
        await createServices(repos).audit.record({ actor: cliActor(), action: 'backup', details: { file: path.basename(out), secret: passphrase === null ? 'master-key' : 'passphrase', keysIncluded: includeKeys } });
        const summary = await createBackup(connection, { out, passphrase, includeKeys, onWarning: (m) => io.err(`warning: ${m}\n`) });
        const needs = summary.secret.kind === 'passphrase'
          ? (includeKeys ? 'this file and the passphrase' : 'this file, the passphrase and the key file')
          : `this file and master key "${summary.secret.keyId}" (${connection.keys.origin}); keep a copy of that key apart from the backup`;
        io.out(render(g.format, { file: summary.file, bytes: summary.bytes, createdAt: summary.createdAt, secret: summary.secret.kind, keysIncluded: summary.keysIncluded, evidenceFiles: summary.evidenceFiles, evidenceBytes: summary.evidenceBytes, missing: summary.missing.length }, ['file', 'bytes', 'secret', 'keysIncluded', 'evidenceFiles']));
        io.err(`Backed up to ${summary.file}. Restoring needs ${needs}.\n`);
      } finally {
        await connection.close();
      }
    });

  backup
    .command('restore')
    .description('restore a backup into an EMPTY data directory (--data) and database (DATABASE_URL for PostgreSQL)')
    .argument('<file>', 'the backup file')
    .option('--passphrase-file <file>', 'the passphrase, if the backup was made with one (or set VIGIL_BACKUP_PASSPHRASE)')
    .action(async (file: string, opts: { passphraseFile?: string }) => {
      const g = globals();
      const config = resolveDatabaseConfig({ dataDir: g.data });
      const passphrase = await passphraseFrom(io, opts.passphraseFile);
      const summary = await restoreBackup({ file, config, passphrase, onWarning: (m) => io.err(`warning: ${m}\n`) });
      const records = Object.entries(summary.tables).filter(([t, n]) => n > 0 && t !== 'vocabulary_terms').reduce((sum, [, n]) => sum + n, 0);
      io.out(render(g.format, { createdAt: summary.createdAt, sourceEngine: summary.sourceEngine, rows: records, evidenceFiles: summary.evidenceFiles, evidenceBytes: summary.evidenceBytes, keyFile: summary.keyFile, auditOk: summary.audit.ok, auditEntries: summary.audit.entries }, ['createdAt', 'rows', 'evidenceFiles', 'keyFile', 'auditOk']));
      io.err(`Restored the backup of ${summary.createdAt} into ${describeDatabase(config)} and ${config.dataDir}${summary.keyFile ? `; keys written to ${summary.keyFile} (back it up apart from the data)` : ''}. Audit trail: ${summary.audit.ok ? `intact (${summary.audit.entries} entries)` : `DOES NOT VERIFY: ${summary.audit.firstProblem?.message ?? ''}`}.\n`);
    });
}
