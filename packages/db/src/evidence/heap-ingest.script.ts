// Run by heap.test.ts in a child process with a small heap: ingests one file through the real
// services on SQLite and prints what was stored, to prove ingest never holds a file in memory.
import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '@vigil/core';
import { connect } from '../connect.js';
import { createRepositories } from '../repositories/index.js';

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) throw new Error('usage: heap-ingest.script.ts DATA_DIR FILE');
const repos = createRepositories(await connect({ engine: 'sqlite', file: path.join(dataDir, 'vigil.db'), dataDir }));
await repos.schema.migrate();
const baseRss = process.memoryUsage().rss;
let peak = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const timer = setInterval(sample, 10);
const { item } = await createServices(repos).evidence.ingest(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { filename: path.basename(file) }, { actor: 'heap-test', origin: 'child' });
clearInterval(timer);
sample();
await repos.close();
process.stdout.write(JSON.stringify({ sha256: item.sha256, size: item.size, peakHeap: peak, peakRss, baseRss }));
