import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './testing.js';

const SIZE = 200 * 1024 * 1024;

/** Writes SIZE bytes in 1 MB blocks that differ from each other, hashing them on the way. */
function writeBigFile(file: string): string {
  const hash = createHash('sha256');
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff;
  const fd = fs.openSync(file, 'w');
  for (let n = 0; n < SIZE / block.length; n++) {
    block.writeUInt32LE(n, 0);
    fs.writeSync(fd, block);
    hash.update(block);
  }
  fs.closeSync(fd);
  return hash.digest('hex');
}

describe('ingest in constant memory', () => {
  const { dir, remove } = tempDir('vigil-heap-');
  afterAll(remove);

  it('ingests a 200 MB file in a node process whose heap is limited to 64 MB', async () => {
    const file = path.join(dir, 'long-video.bin');
    const expected = writeBigFile(file);
    const script = path.join(import.meta.dirname, 'heap-ingest.script.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', script, path.join(dir, 'data'), file], { maxBuffer: 1024 * 1024 });
    const result = JSON.parse(stdout) as { sha256: string; size: number; peakHeap: number; peakRss: number; baseRss: number };
    expect(result).toMatchObject({ sha256: expected, size: SIZE });
    expect(result.peakHeap).toBeLessThan(64 * 1024 * 1024);
    // Buffers live outside the V8 heap: the resident size proves the file was never held whole.
    expect(result.peakRss - result.baseRss).toBeLessThan(SIZE / 2);
    const stored = path.join(dir, 'data', 'evidence', expected.slice(0, 2), expected.slice(2, 4), expected);
    expect(fs.statSync(stored).size).toBe(SIZE);
  }, 120_000);
});
