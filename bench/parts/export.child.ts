// Run by export.ts in a process of its own, so its peak memory is the export's alone: streams
// every detention to CSV through the open-data service, as `vigil export` and the API do.
import fs from 'node:fs';
import { createServices } from '@vigil/core';
import { connect, createRepositories, type DatabaseConfig } from '@vigil/db';
import { BENCH_ENV } from '../lib/databases.js';

const [configJson, out] = process.argv.slice(2);
if (!configJson || !out) throw new Error('usage: export.child.ts CONFIG_JSON OUT_FILE');
const repos = createRepositories(await connect(JSON.parse(configJson) as DatabaseConfig, BENCH_ENV));
const services = createServices(repos);
const baseRss = process.memoryUsage().rss;
const stream = fs.createWriteStream(out);
const write = (chunk: string) => new Promise<void>((resolve) => (stream.write(chunk) ? resolve() : stream.once('drain', resolve)));
const started = performance.now();
const rows = await services.openData.export(services.openData.parse('detentions', 'csv', {}), { write });
await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
const seconds = (performance.now() - started) / 1000;
await repos.close();
process.stdout.write(JSON.stringify({ rows, seconds, bytes: fs.statSync(out).size, peakRssBytes: process.resourceUsage().maxRSS * 1024, baseRssBytes: baseRss }));
