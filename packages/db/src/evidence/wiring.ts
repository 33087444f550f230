import { type BlobStore, type MediaAnalyzer } from '@vigil/core';
import { type Connection } from '../connect.js';
import { resolveEvidenceConfig } from './config.js';
import { LocalBlobStore } from './local-blob.store.js';
import { S3BlobStore } from './s3-blob.store.js';
import { ToolMediaAnalyzer } from './media.analyzer.js';

export { KyselyEvidenceStore } from './evidence.store.js';

const perConnection = new WeakMap<Connection, { evidenceFiles: BlobStore; media: MediaAnalyzer }>();

/** The file side of the vault for a connection: created once, shared by its transactions. */
export function evidenceFilesOf(connection: Connection): { evidenceFiles: BlobStore; media: MediaAnalyzer } {
  let files = perConnection.get(connection);
  if (!files) {
    const config = resolveEvidenceConfig(connection.config.dataDir);
    const evidenceFiles = config.s3 ? new S3BlobStore(config.s3, config.root, config.maxBytes) : new LocalBlobStore(config.root, config.maxBytes);
    files = { evidenceFiles, media: new ToolMediaAnalyzer() };
    perConnection.set(connection, files);
  }
  return files;
}
