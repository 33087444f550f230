export { KyselyEvidenceStore } from './evidence.store.js';
export { LocalBlobStore, hashFile } from './local-blob.store.js';
export { ToolMediaAnalyzer, DEFAULT_TOOLS, type MediaTools } from './media.analyzer.js';
export { resolveEvidenceConfig, DEFAULT_MAX_BYTES, type EvidenceConfig } from './config.js';
export { S3BlobStore, type S3Config } from './s3-blob.store.js';
