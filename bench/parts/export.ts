/** CSV export of every detention: time and the exporting process's peak resident memory. */
import fs from 'node:fs';
import path from 'node:path';
import { type DatabaseConfig } from '@vigil/db';
import { runChild } from '../lib/children.js';

export interface ExportResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  megabytes: number;
  /** Peak RSS of the process that exported (getrusage), including Node itself. */
  peakRssMB: number;
  /** RSS of that process once connected, before the export began. */
  baseRssMB: number;
}

const MB = 1024 * 1024;

export async function measureExport(config: DatabaseConfig, workDir: string): Promise<ExportResult> {
  const out = path.join(workDir, `export-${config.engine}.csv`);
  const script = path.join(import.meta.dirname, 'export.child.ts');
  try {
    const stdout = await runChild(['--import', 'tsx', script, JSON.stringify(config), out]);
    const r = JSON.parse(stdout) as { rows: number; seconds: number; bytes: number; peakRssBytes: number; baseRssBytes: number };
    return {
      rows: r.rows, seconds: Math.round(r.seconds * 100) / 100, rowsPerSecond: Math.round(r.rows / r.seconds), megabytes: Math.round(r.bytes / MB),
      peakRssMB: Math.round(r.peakRssBytes / MB), baseRssMB: Math.round(r.baseRssBytes / MB),
    };
  } finally {
    fs.rmSync(out, { force: true });
  }
}
