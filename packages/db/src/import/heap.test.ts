import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROWS = 50_000;
/** Distinct rows: the others repeat them (skipped by their source key), so the test stays quick. */
const DISTINCT = 2_000;
const HEAP_MB = 64;

/**
 * A CSV of ROWS rows of about 1 KB each (≈ 50 MB), written in pieces. Returns its size and
 * what it would take as JavaScript text (Cyrillic makes V8 store two bytes a character).
 */
function writeList(file: string): { size: number; asText: number } {
  let chars = 0;
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'id,date,region,title,summary,detained\r\n');
  const filler = 'Демонстранты требовали отставки акима; police kettled the square. '.repeat(10);
  for (let i = 0; i < ROWS; i += 1000) {
    const lines: string[] = [];
    for (let j = i; j < i + 1000; j++) {
      const k = j % DISTINCT;
      lines.push(`${k},${String((k % 28) + 1).padStart(2, '0')}.0${(k % 9) + 1}.2022,Region ${k % 17},"Assembly ""${k}""","${filler}${k}",${k % 40}\r\n`);
    }
    const text = lines.join('');
    chars += text.length;
    fs.writeSync(fd, text);
  }
  fs.closeSync(fd);
  return { size: fs.statSync(file).size, asText: chars * 2 };
}

describe('import in bounded memory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-import-heap-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`imports a ${ROWS.toLocaleString('en-US')}-row, 50 MB CSV in a process whose heap is limited to ${HEAP_MB} MB`, async () => {
    const file = path.join(dir, 'big.csv');
    const { size, asText } = writeList(file);
    expect(size).toBeGreaterThan(45 * 1024 * 1024);
    // Held whole as text, the file alone would not fit in the heap.
    expect(asText).toBeGreaterThan(HEAP_MB * 1024 * 1024);
    const mapping = {
      target: 'event', dataset: 'heap', defaultZone: 'Asia/Almaty',
      fields: { 'event.title': { column: 'title' }, 'event.type': { value: 'peaceful_protest' }, 'event.startAt': { column: 'date' }, 'event.region': { column: 'region' }, 'event.summary': { column: 'summary' } },
      estimates: [{ measure: 'people detained', min: { column: 'detained' } }],
    };
    const script = path.join(import.meta.dirname, 'heap-import.script.ts');
    const { stdout } = await promisify(execFile)(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', script, path.join(dir, 'data'), file, JSON.stringify(mapping)], { maxBuffer: 1024 * 1024 });
    const result = JSON.parse(stdout) as { status: string; rows: Record<string, number>; events: number; problemCount: number; peakHeap: number };
    expect(result).toMatchObject({ status: 'done', events: DISTINCT, rows: { total: ROWS, done: ROWS, imported: DISTINCT, skipped: ROWS - DISTINCT, failed: 0 } });
    expect(result.problemCount).toBe(ROWS - DISTINCT);
    expect(result.peakHeap).toBeLessThan(HEAP_MB * 1024 * 1024);
  }, 180_000);
});
