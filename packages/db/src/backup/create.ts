import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type BlobStore, VigilError } from '@vigil/core';
import { inReadSnapshot } from '../audit/snapshot.js';
import { type Connection } from '../connect.js';
import { resolveEvidenceConfig } from '../evidence/config.js';
import { latestSchemaVersion } from '../migrate.js';
import { KyselyDumpStore } from '../repositories/dump.store.js';
import { ArchiveWriter } from './archive.js';
import { blobStoreFor, derivedPath, originalPath } from './blobs.js';
import { type BackupSecret, SealedWriter } from './sealed.js';

export interface CreateBackupOptions {
  /** The backup file; written as `<out>.partial`, then renamed. Refused if it exists. */
  out: string;
  /** Encrypt with a key stretched from this passphrase instead of one derived from the master key. */
  passphrase?: string | null | undefined;
  /** Carry the keyring inside the (encrypted) backup, so the backup's own secret restores it. Default true. */
  includeKeys?: boolean | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  onWarning?: ((message: string) => void) | undefined;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  createdAt: string;
  /** What a restore needs: the passphrase, or the master key `keyId`. */
  secret: { kind: 'passphrase' } | { kind: 'master-key'; keyId: string };
  keysIncluded: boolean;
  tables: Record<string, number>;
  evidenceFiles: number;
  evidenceBytes: number;
  /** Evidence files the database refers to that were not on disk (reported, not fatal). */
  missing: string[];
}

export const MIN_PASSPHRASE = 12;

/** The keyring as `id:base64` lines, current key first: what `VIGIL_KEY` / a key file hold. */
export function keyringText(connection: Connection): string {
  const { currentId, keys } = connection.keys.keyring;
  const ids = [currentId, ...[...keys.keys()].filter((id) => id !== currentId)];
  return ids.map((id) => `${id}:${(keys.get(id) as Buffer).toString('base64')}`).join('\n');
}

/**
 * A consistent online backup: the lossless export of every table read in one snapshot while the
 * server keeps writing, then the evidence originals (and viewing copies) that snapshot refers
 * to — they are content-addressed and never change, so copying them after the snapshot is
 * consistent. Streams everything (constant memory) through AES-256-GCM into `<out>.partial`,
 * then renames it to `out`.
 */
export async function createBackup(connection: Connection, options: CreateBackupOptions): Promise<BackupSummary> {
  const out = path.resolve(options.out);
  if (fs.existsSync(out)) throw new VigilError('CONFLICT', `${out} already exists; choose another --out (a backup never overwrites a file)`);
  if (!fs.existsSync(path.dirname(out))) throw new VigilError('VALIDATION_FAILED', `the directory ${path.dirname(out)} does not exist`, [{ path: 'out', problem: 'directory does not exist' }]);
  const passphrase = options.passphrase ?? null;
  if (passphrase !== null && passphrase.length < MIN_PASSPHRASE) {
    throw new VigilError('VALIDATION_FAILED', `the passphrase must be at least ${MIN_PASSPHRASE} characters`, [{ path: 'passphrase', problem: `must be at least ${MIN_PASSPHRASE} characters (a few random words)` }]);
  }
  const { currentId, keys } = connection.keys.keyring;
  const secret: BackupSecret = passphrase !== null ? { kind: 'passphrase', passphrase } : { kind: 'master-key', keyId: currentId, key: keys.get(currentId) as Buffer };
  const includeKeys = options.includeKeys ?? true;
  const store = blobStoreFor(resolveEvidenceConfig(connection.config.dataDir, options.env ?? process.env));
  const createdAt = new Date().toISOString();
  const partial = `${out}.partial`;
  const handle = await fsp.open(partial, 'w', 0o600);
  let bytes = 0;
  const sink = async (chunk: Buffer) => {
    let written = 0;
    while (written < chunk.length) written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
    bytes += chunk.length;
  };
  try {
    const sealed = await SealedWriter.open(secret, sink);
    const archive = new ArchiveWriter((chunk) => sealed.write(chunk));
    await archive.part({
      kind: 'meta', format: 'vigil-backup-archive', version: 1, createdAt, engine: connection.dialect.engine, schemaVersion: latestSchemaVersion(),
      keyIds: [...keys.keys()], keys: includeKeys ? keyringText(connection) : null,
    });
    const { tables, items } = await inReadSnapshot(connection.db, async (trx) => {
      const dump = new KyselyDumpStore(trx, connection.dialect);
      await archive.begin({ kind: 'database', format: 'vigil-export' });
      await dump.exportAll((chunk) => archive.data(Buffer.from(chunk, 'utf8')));
      await archive.end();
      const rows = await trx.selectFrom('evidence_items').select(['sha256', 'viewingCopies']).orderBy('sha256').execute();
      return { tables: await dump.tableCounts(), items: rows.map((r) => ({ sha256: String(r.sha256), copies: viewingKinds(r.viewingCopies) })) };
    });
    const missing: string[] = [];
    let evidenceFiles = 0;
    let evidenceBytes = 0;
    const count = (copied: { bytes: number }) => {
      evidenceFiles++;
      evidenceBytes += copied.bytes;
    };
    for (const { sha256, copies } of items) {
      const copied = await copyOriginal(archive, store, sha256);
      if (copied === null) {
        missing.push(originalPath(sha256));
        options.onWarning?.(`evidence file ${sha256} is referenced by the database but missing from the vault; the backup records it as missing`);
      } else {
        if (copied.sha256 !== sha256) options.onWarning?.(`evidence file ${sha256} no longer matches its SHA-256 (damaged in the vault); backed up as it is`);
        count(copied);
      }
      for (const kind of copies) {
        const bytes = await store.readDerived(sha256, kind);
        if (!bytes) continue; // a viewing copy is not the evidence itself: its absence is not data loss
        await archive.begin({ kind: 'file', path: derivedPath(sha256, kind) });
        await archive.data(Buffer.from(bytes));
        count(await archive.end());
      }
    }
    await archive.part({ kind: 'end', files: evidenceFiles, fileBytes: evidenceBytes, missing, tables });
    await sealed.close();
    await handle.sync();
    await handle.close();
    await fsp.rename(partial, out);
    return {
      file: out, bytes, createdAt, keysIncluded: includeKeys, tables, evidenceFiles, evidenceBytes, missing,
      secret: secret.kind === 'passphrase' ? { kind: 'passphrase' } : { kind: 'master-key', keyId: secret.keyId },
    };
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fsp.rm(partial, { force: true });
    throw e;
  }
}

/** Streams one original from the vault into the archive (constant memory); null when it is missing. */
async function copyOriginal(archive: ArchiveWriter, store: BlobStore, sha256: string): Promise<{ sha256: string; bytes: number } | null> {
  if (!(await store.has(sha256))) return null;
  await archive.begin({ kind: 'file', path: originalPath(sha256) });
  for await (const chunk of store.read(sha256)) await archive.data(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return archive.end();
}

/** The kinds of viewing copy an item lists (`[{kind:'thumbnail',…}]`, stored as JSON text). */
function viewingKinds(value: unknown): string[] {
  try {
    const list = (typeof value === 'string' ? JSON.parse(value) : value) as unknown;
    return Array.isArray(list) ? list.map((c) => (c as { kind?: unknown }).kind).filter((k): k is string => typeof k === 'string' && /^[a-z]+$/.test(k)) : [];
  } catch {
    return [];
  }
}

/** A default file name: `vigil-backup-<UTC time>.vbk`. */
export function defaultBackupName(now = new Date()): string {
  return `vigil-backup-${now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z')}.vbk`;
}
