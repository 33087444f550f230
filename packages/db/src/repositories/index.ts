import { type Repositories } from '@vigil/core';
import { auditStoreOf } from '../audit/index.js';
import { type Connection, type Db } from '../connect.js';
import { translated } from '../errors.js';
import { evidenceFilesOf, KyselyEvidenceStore } from '../evidence/wiring.js';
import { argon2Passwords } from '../crypto/passwords.js';
import { KyselyFindingStore } from '../findings/index.js';
import { importFilesOf, KyselyImportStore } from '../import/index.js';
import { KyselyAccountStore } from './account.store.js';
import { KyselyCustodyStore } from './custody.store.js';
import { KyselyDumpStore } from './dump.store.js';
import { KyselyRecordStore } from './record.store.js';
import { sessionCacheOf } from './session-cache.js';
import { KyselyPublishStore } from '../stats/publish.store.js';
import { KyselyOpenDataStore } from '../stats/export.store.js';
import { schemaStore } from './schema.store.js';
import { KyselyVocabularyStore } from './vocabulary.store.js';

function on(connection: Connection, db: Db): Repositories {
  const records = translated(new KyselyRecordStore(db, connection.dialect, connection.cipher));
  const repos: Repositories = {
    records,
    vocabularies: translated(new KyselyVocabularyStore(db)),
    custody: translated(new KyselyCustodyStore(db, records, connection.dialect)),
    dump: translated(new KyselyDumpStore(db, connection.dialect)),
    schema: schemaStore(connection),
    publish: translated(new KyselyPublishStore(db, connection.dialect, records)),
    openData: translated(new KyselyOpenDataStore(db, connection.dialect, connection.cipher, records)),
    accounts: translated(new KyselyAccountStore(db, connection.dialect, connection.cipher, sessionCacheOf(connection))),
    passwords: argon2Passwords,
    evidence: translated(new KyselyEvidenceStore(db)),
    ...evidenceFilesOf(connection),
    audit: auditStoreOf(connection, db),
    findings: translated(new KyselyFindingStore(db, records, connection.cipher)),
    imports: translated(new KyselyImportStore(db, connection.dialect, connection.cipher)),
    importFiles: importFilesOf(connection),
    transaction: async (fn) => {
      if (db.isTransaction) return fn(repos);
      return db.transaction().execute((trx) => fn(on(connection, trx)));
    },
    close: () => connection.close(),
  };
  return repos;
}

/** The repositories of a connection; services get these and never see SQL. */
export function createRepositories(connection: Connection): Repositories {
  return on(connection, connection.db);
}
