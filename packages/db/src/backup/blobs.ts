import { type BlobStore } from '@vigil/core';
import { type EvidenceConfig } from '../evidence/config.js';
import { LocalBlobStore } from '../evidence/local-blob.store.js';
import { S3BlobStore } from '../evidence/s3-blob.store.js';

/** The vault's file store for a configuration (local disk or S3), as the repositories build it. */
export function blobStoreFor(config: EvidenceConfig): BlobStore {
  return config.s3 ? new S3BlobStore(config.s3, config.root, config.maxBytes) : new LocalBlobStore(config.root, config.maxBytes);
}

/** Vault paths inside a backup: originals `ab/cd/<sha256>`, viewing copies `derived/ab/cd/<sha256>.<kind>`. */
export const originalPath = (sha256: string): string => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
export const derivedPath = (sha256: string, kind: string): string => `derived/${originalPath(sha256)}.${kind}`;

const ORIGINAL = /^[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/;
const DERIVED = /^derived\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})\.([a-z]+)$/;

/** What a path in a backup names; null for anything else (never a path outside the vault). */
export function parseVaultPath(p: string): { sha256: string; kind: null } | { sha256: string; kind: string } | null {
  const original = ORIGINAL.exec(p);
  if (original && p.slice(0, 2) === original[1]?.slice(0, 2) && p.slice(3, 5) === original[1].slice(2, 4)) return { sha256: original[1], kind: null };
  const derived = DERIVED.exec(p);
  if (derived && p.slice(8, 10) === derived[1]?.slice(0, 2)) return { sha256: derived[1], kind: derived[2] as string };
  return null;
}
