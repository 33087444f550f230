import path from 'node:path';
import { type ImportFileStore } from '@vigil/core';
import { type Connection } from '../connect.js';
import { StagedImportFiles } from './staging.js';

export { KyselyImportStore } from './import.store.js';
export { openTable, fileTableSource, sniffFormat } from './table-source.js';
export { decideEncoding } from './bytes.js';
export { detectDelimiter } from './csv.reader.js';
export { resealImportTables, IMPORT_SEALED_COLUMNS } from './rotate.js';

const perConnection = new WeakMap<Connection, ImportFileStore>();

/** The upload staging area of a connection (`<data>/imports/`): created once, shared by its transactions. */
export function importFilesOf(connection: Connection): ImportFileStore {
  let files = perConnection.get(connection);
  if (!files) {
    files = new StagedImportFiles(path.join(connection.config.dataDir, 'imports'));
    perConnection.set(connection, files);
  }
  return files;
}
