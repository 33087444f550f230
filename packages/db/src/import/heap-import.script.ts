// Run by heap.test.ts in a child process with a small heap: imports one CSV through the real
// services on SQLite and prints the run and the peak memory, to prove a list is never held whole.
import path from 'node:path';
import { createServices } from '@vigil/core';
import { connect } from '../connect.js';
import { createRepositories } from '../repositories/index.js';

const [dataDir, file, mappingJson] = process.argv.slice(2);
if (!dataDir || !file || !mappingJson) throw new Error('usage: heap-import.script.ts DATA_DIR FILE MAPPING_JSON');
const repos = createRepositories(await connect({ engine: 'sqlite', file: path.join(dataDir, 'vigil.db'), dataDir }));
await repos.schema.migrate();
const services = createServices(repos);
const baseRss = process.memoryUsage().rss;
let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const timer = setInterval(sample, 10);
const run = await services.imports.run(services.imports.localFile(file), services.imports.parseMapping(JSON.parse(mappingJson)), { id: 'heap-test', name: 'heap-test' });
clearInterval(timer);
sample();
const events = await repos.records.count('event');
await repos.close();
process.stdout.write(JSON.stringify({ status: run.status, rows: run.rows, created: run.created, problemCount: run.problemCount, events, peakHeap, peakRss, baseRss }));
