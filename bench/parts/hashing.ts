/**
 * Evidence hashing: Vigil's streaming SHA-256 (the one that verifies stored originals) against
 * coreutils' `sha256sum`, on the same file, both from the page cache (a first read warms it).
 * The best of three runs each, so a neighbour's burst of CPU does not decide the result.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seededRng } from '../../packages/core/src/matching/index.js';
import { hashFile } from '../../packages/db/src/evidence/local-blob.store.js';

export interface HashingResult {
  megabytes: number;
  vigilMBps: number;
  sha256sumMBps: number | null;
  /** Vigil's speed as a share of sha256sum's (1 = as fast). */
  ratio: number | null;
  sameDigest: boolean | null;
}

/** A file of pseudo-random bytes (incompressible, like photos and video), written in 8 MB pieces. */
function writeFile(file: string, megabytes: number): void {
  const rng = seededRng(99);
  const piece = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < piece.length; i += 4) piece.writeUInt32LE(Math.floor(rng() * 0x1_0000_0000), i);
  const fd = fs.openSync(file, 'w');
  for (let written = 0; written < megabytes; written += 8) {
    piece.writeUInt32LE(written, 0); // no two pieces alike
    fs.writeSync(fd, piece);
  }
  fs.closeSync(fd);
}

function sha256sum(file: string): { digest: string; seconds: number } | null {
  const started = performance.now();
  const out = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  if (out.status !== 0) return null;
  return { digest: out.stdout.split(/\s/)[0] ?? '', seconds: (performance.now() - started) / 1000 };
}

export async function measureHashing(workDir: string, megabytes: number): Promise<HashingResult> {
  const file = path.join(workDir, 'evidence.bin');
  writeFile(file, megabytes);
  try {
    const size = fs.statSync(file).size;
    const mb = size / (1024 * 1024);
    sha256sum(file); // warm the page cache
    let vigil = Infinity;
    let coreutils: number | null = null;
    let digests: [string, string] | null = null;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const ours = await hashFile(file);
      vigil = Math.min(vigil, (performance.now() - started) / 1000);
      const theirs = sha256sum(file);
      if (theirs) coreutils = Math.min(coreutils ?? Infinity, theirs.seconds);
      if (ours && theirs) digests = [ours.sha256, theirs.digest];
    }
    const vigilMBps = Math.round(mb / vigil);
    const sha256sumMBps = coreutils === null ? null : Math.round(mb / coreutils);
    return {
      megabytes: Math.round(mb), vigilMBps, sha256sumMBps, ratio: sha256sumMBps ? Math.round((vigilMBps / sha256sumMBps) * 100) / 100 : null,
      sameDigest: digests ? digests[0] === digests[1] : null,
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
