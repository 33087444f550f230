import path from 'node:path';
import { type S3Config } from './s3-blob.store.js';

/** 8 GiB: a long phone video fits; a runaway upload does not. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024 * 1024;

export interface EvidenceConfig {
  /** Root of the local content-addressed store (`<dataDir>/evidence`); also where S3 uploads are staged. */
  root: string;
  maxBytes: number;
  /** Set when originals go to S3-compatible storage instead of local disk. */
  s3: S3Config | null;
}

/**
 * Evidence storage settings: `VIGIL_EVIDENCE_DIR` (default `<dataDir>/evidence`),
 * `VIGIL_EVIDENCE_MAX_BYTES`, and for S3-compatible storage `VIGIL_EVIDENCE_S3_ENDPOINT`,
 * `…_S3_BUCKET`, `…_S3_REGION` (default us-east-1), `…_S3_PREFIX`, `…_S3_ACCESS_KEY_ID`,
 * `…_S3_SECRET_ACCESS_KEY`.
 */
export function resolveEvidenceConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): EvidenceConfig {
  const raw = env.VIGIL_EVIDENCE_MAX_BYTES;
  const maxBytes = raw === undefined || raw === '' ? DEFAULT_MAX_BYTES : Number(raw);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new Error(`VIGIL_EVIDENCE_MAX_BYTES must be a positive whole number of bytes (got "${raw}")`);
  return { root: path.resolve(env.VIGIL_EVIDENCE_DIR || path.join(dataDir, 'evidence')), maxBytes, s3: s3Config(env) };
}

function s3Config(env: NodeJS.ProcessEnv): S3Config | null {
  const endpoint = env.VIGIL_EVIDENCE_S3_ENDPOINT;
  if (!endpoint) return null;
  const missing = ['BUCKET', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY'].filter((k) => !env[`VIGIL_EVIDENCE_S3_${k}`]);
  if (missing.length > 0) throw new Error(`VIGIL_EVIDENCE_S3_ENDPOINT is set but ${missing.map((k) => `VIGIL_EVIDENCE_S3_${k}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not`);
  if (!/^https?:\/\//.test(endpoint)) throw new Error('VIGIL_EVIDENCE_S3_ENDPOINT must be an http(s) URL');
  return {
    endpoint,
    bucket: String(env.VIGIL_EVIDENCE_S3_BUCKET),
    region: env.VIGIL_EVIDENCE_S3_REGION || 'us-east-1',
    accessKeyId: String(env.VIGIL_EVIDENCE_S3_ACCESS_KEY_ID),
    secretAccessKey: String(env.VIGIL_EVIDENCE_S3_SECRET_ACCESS_KEY),
    prefix: env.VIGIL_EVIDENCE_S3_PREFIX ?? '',
  };
}
