import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type AuditVerification, type BlobStore, type StagedBlob, validationError, VigilError } from '@vigil/core';
import { auditStoreOf } from '../audit/index.js';
import { type DatabaseConfig } from '../config.js';
import { connect, type Connection } from '../connect.js';
import { newKeyLine, parseKeys, type Keyring } from '../crypto/keyring.js';
import { resolveEvidenceConfig } from '../evidence/config.js';
import { createRepositories } from '../repositories/index.js';
import { ArchiveReader, type PartHeader } from './archive.js';
import { blobStoreFor, parseVaultPath } from './blobs.js';
import { ByteReader } from './bytes.js';
import { type BackupHeader, type BackupSecret, damaged, openSegments, readHeader, unlock } from './sealed.js';

export interface RestoreBackupOptions {
  file: string;
  /** The target: must hold no records and no evidence files. */
  config: DatabaseConfig;
  passphrase?: string | null | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  onWarning?: ((message: string) => void) | undefined;
}

export interface RestoreSummary {
  createdAt: string;
  sourceEngine: string;
  tables: Record<string, number>;
  evidenceFiles: number;
  evidenceBytes: number;
  /** The key file written from the keys inside the backup, or null when the target already had keys. */
  keyFile: string | null;
  audit: Pick<AuditVerification, 'ok' | 'entries' | 'firstProblem'>;
}

type Meta = Extract<PartHeader, { kind: 'meta' }>;
type StagedFile = { sha256: string; kind: null; blob: StagedBlob } | { sha256: string; kind: string; bytes: Buffer };

interface TargetKeys {
  /** Where a key file would be written (VIGIL_KEY_FILE or `<dataDir>/vigil.key`). */
  file: string;
  origin: string;
  keyring: Keyring | null;
}

/** The target's keys, if it has any — read without creating a key file, as connect() would. */
function targetKeys(config: DatabaseConfig, env: NodeJS.ProcessEnv): TargetKeys {
  const file = path.resolve(env.VIGIL_KEY_FILE ?? path.join(config.dataDir, 'vigil.key'));
  if (env.VIGIL_KEY) return { file, origin: 'VIGIL_KEY', keyring: parseKeys(env.VIGIL_KEY, 'VIGIL_KEY') };
  return { file, origin: file, keyring: fs.existsSync(file) ? parseKeys(fs.readFileSync(file, 'utf8'), file) : null };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true, recursive: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
}

function notEmpty(what: string): VigilError {
  return new VigilError('DATABASE_NOT_EMPTY', `backup restore loads into an empty data directory and database only; ${what}. Nothing was written. Restore into a new --data directory (and a new, empty PostgreSQL database).`);
}

/** Refuses a target that holds anything: local evidence files, or rows in any table but the vocabularies. */
async function assertEmptyTarget(config: DatabaseConfig, env: NodeJS.ProcessEnv, evidenceRoot: string): Promise<void> {
  const files = await filesUnder(evidenceRoot);
  if (files.length > 0) throw notEmpty(`${evidenceRoot} already holds ${files.length} file(s)`);
  if (config.engine === 'sqlite' && !fs.existsSync(config.file)) return;
  // Counting rows needs no keys; an ephemeral one keeps connect() from creating a key file.
  const connection = await connect(config, { ...env, VIGIL_KEY: newKeyLine('probe') });
  try {
    for (const table of await connection.db.introspection.getTables()) {
      if (table.isView || table.name === 'vocabulary_terms') continue;
      const name = table.schema && table.schema !== 'public' ? `${table.schema}.${table.name}` : table.name;
      const row = await connection.db.selectFrom(name).select(connection.dialect.countAll().as('n')).executeTakeFirstOrThrow();
      if (connection.dialect.toNumber(row.n) > 0) throw notEmpty(`the database (${table.name}) already holds data`);
    }
  } finally {
    await connection.close();
  }
}

/** The secret the header asks for, or a refusal saying what to provide. */
function secretFor(header: BackupHeader, passphrase: string | null, target: TargetKeys): BackupSecret {
  if (header.kdf.name === 'scrypt') {
    if (!passphrase) throw validationError([{ path: 'passphrase', problem: 'this backup is protected by a passphrase: give --passphrase-file FILE or set VIGIL_BACKUP_PASSPHRASE' }]);
    return { kind: 'passphrase', passphrase };
  }
  const key = target.keyring?.keys.get(header.kdf.keyId);
  if (!key) {
    throw validationError([{ path: 'key', problem: `this backup is encrypted with master key "${header.kdf.keyId}", which is not ${target.keyring ? `in ${target.origin}` : 'here'}: put the key file at ${target.file} or set VIGIL_KEY_FILE / VIGIL_KEY` }]);
  }
  return { kind: 'master-key', keyId: header.kdf.keyId, key };
}

/** The restored data must be readable: the target's keys must be the backup's, or the backup must carry them. */
function checkKeys(meta: Meta, target: TargetKeys): void {
  const carried = meta.keys ? parseKeys(meta.keys, 'the keys inside the backup') : null;
  if (target.keyring) {
    const ring = target.keyring;
    const wrong = meta.keyIds.filter((id) => !ring.keys.has(id) || (carried && ring.keys.get(id)?.equals(carried.keys.get(id) as Buffer) === false));
    if (wrong.length > 0) {
      throw validationError([{ path: 'key', problem: `the keys at ${target.origin} are not the ones this backup's data is encrypted with (${wrong.join(', ')}); restore into a data directory without vigil.key and without VIGIL_KEY/VIGIL_KEY_FILE, so the backup's keys are used` }]);
    }
  } else if (!carried) {
    throw validationError([{ path: 'key', problem: `this backup does not carry its encryption keys (made with --without-keys): put the key file (keys ${meta.keyIds.join(', ')}) at ${target.file} or set VIGIL_KEY_FILE / VIGIL_KEY` }]);
  }
}

interface Unpacked {
  meta: Meta;
  database: Buffer;
  files: StagedFile[];
}

/**
 * Decrypts and checks the whole backup before anything is imported: originals are staged in
 * the vault's temporary area (hashed on the way), viewing copies kept in memory. Every byte is
 * authenticated; on any failure the staged files are discarded.
 */
async function unpack(file: string, unlockWith: (header: BackupHeader) => BackupSecret, onMeta: (meta: Meta) => void, store: BlobStore, staged: StagedFile[]): Promise<Unpacked> {
  const handle = await fsp.open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT' ? validationError([{ path: 'file', problem: `${file} does not exist` }]) : e;
  });
  try {
    const raw = ByteReader.of(handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false }));
    const { header, digest } = await readHeader(raw);
    const key = await unlock(header, unlockWith(header));
    const archive = new ArchiveReader(ByteReader.of(openSegments(raw, key, header, digest)));
    const meta = await archive.next();
    if (meta?.kind !== 'meta' || meta.format !== 'vigil-backup-archive' || meta.version !== 1 || !Array.isArray(meta.keyIds)) throw damaged('no archive description');
    await archive.discardEntry();
    onMeta(meta);
    if ((await archive.next())?.kind !== 'database') throw damaged('no database part');
    const chunks: Buffer[] = [];
    for await (const chunk of archive.data(() => undefined)) chunks.push(chunk);
    for (;;) {
      const part = await archive.next();
      if (!part) throw damaged('no end part');
      if (part.kind === 'end') {
        await archive.discardEntry();
        if (part.files !== staged.length) throw damaged(`the end part records ${part.files} files, ${staged.length} were found`);
        if (await archive.next()) throw damaged('parts follow the end part');
        return { meta, database: Buffer.concat(chunks), files: staged };
      }
      if (part.kind !== 'file') throw damaged(`unexpected ${part.kind} part`);
      const where = parseVaultPath(part.path);
      if (!where) throw damaged(`an evidence path is not a vault path (${JSON.stringify(part.path).slice(0, 80)})`);
      if (where.kind === null) {
        staged.push({ ...where, kind: null, blob: await store.stage(archive.data(() => undefined), Number.MAX_SAFE_INTEGER) });
      } else {
        const parts: Buffer[] = [];
        for await (const chunk of archive.data(() => undefined)) parts.push(chunk);
        staged.push({ ...where, bytes: Buffer.concat(parts) });
      }
    }
  } finally {
    await handle.close();
  }
}

/**
 * Restores a backup into an empty data directory and database: refuses a non-empty target
 * before writing anything; decrypts and authenticates the whole file while staging evidence
 * (a damaged or altered backup is refused with nothing imported); then writes the key file
 * (when the target has no keys and the backup carries them), imports every table in one
 * transaction, moves the originals into the vault (read-only) and verifies the audit trail.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreSummary> {
  const env = options.env ?? process.env;
  const { config } = options;
  const evidence = resolveEvidenceConfig(config.dataDir, env);
  const target = targetKeys(config, env);
  await assertEmptyTarget(config, env, evidence.root);

  const warn = (m: string) => options.onWarning?.(m);
  const store = blobStoreFor(evidence);
  const rootExisted = fs.existsSync(evidence.root);
  const staged: StagedFile[] = [];
  let keyFile: string | null = null;
  let imported = false;
  let connection: Connection | null = null;
  try {
    const unpacked = await unpack(path.resolve(options.file), (h) => secretFor(h, options.passphrase ?? null, target), (meta) => checkKeys(meta, target), store, staged);
    let dump: unknown;
    try {
      dump = JSON.parse(unpacked.database.toString('utf8'));
    } catch {
      throw damaged('the database part is not JSON');
    }
    if (!target.keyring && unpacked.meta.keys) {
      await fsp.mkdir(path.dirname(target.file), { recursive: true });
      await fsp.writeFile(target.file, `# Vigil encryption keys (restored from a backup made ${unpacked.meta.createdAt}): the first line encrypts. Back this up apart from the data.\n${unpacked.meta.keys}\n`, { mode: 0o600, flag: 'wx' });
      keyFile = target.file;
    }
    connection = await connect(config, env);
    const repos = createRepositories(connection);
    await repos.schema.migrate();
    const tables = await repos.dump.importAll(dump);
    imported = true;
    let evidenceBytes = 0;
    for (const f of staged) {
      if (f.kind !== null) {
        await store.putDerived(f.sha256, f.kind, f.bytes);
        evidenceBytes += f.bytes.length;
      } else if (f.blob.sha256 !== f.sha256) {
        warn(`evidence file ${f.sha256} did not match its SHA-256 when it was backed up (damaged in the source vault); it is not restored`);
        await f.blob.discard();
      } else {
        await f.blob.commit();
        evidenceBytes += f.blob.size;
      }
    }
    const audit = await auditStoreOf(connection, connection.db).verify();
    if (!audit.ok) warn(`the restored audit trail does not verify: ${audit.firstProblem?.message ?? ''}`);
    return {
      createdAt: unpacked.meta.createdAt, sourceEngine: unpacked.meta.engine, tables, evidenceFiles: staged.length, evidenceBytes, keyFile,
      audit: { ok: audit.ok, entries: audit.entries, firstProblem: audit.firstProblem },
    };
  } catch (e) {
    // Before the import the key file is ours to take back; after it, the data needs it.
    if (keyFile && !imported) await fsp.rm(keyFile, { force: true });
    throw e;
  } finally {
    await connection?.close();
    for (const f of staged) if (f.kind === null) await f.blob.discard();
    if (!rootExisted) await removeIfNoFiles(evidence.root);
  }
}

/** Removes a directory tree we created if it holds no file (a refused restore leaves nothing behind). */
async function removeIfNoFiles(dir: string): Promise<void> {
  if ((await filesUnder(dir)).length === 0) await fsp.rm(dir, { recursive: true, force: true });
}
