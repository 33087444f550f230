/**
 * Loads the dataset's events and sources, then the first `rows` detention rows, with the raw
 * driver. Building and encrypting the rows (Vigil's own mapper) is timed apart from the driver.
 */
import { type DatabaseConfig } from '@vigil/db';
import { type FieldCipher } from '../../packages/db/src/crypto/field-cipher.js';
import { type Dataset } from '../dataset/generate.js';
import { countRows, emptyTableRows, encodeRecord } from './encode.js';
import { openRawWriter } from './raw-writer.js';
import { detentionRecords, eventRecord, sourceRecord } from './records.js';

/** Detention rows encoded and sent to the driver together; a commit every COMMIT_EVERY rows. */
const CHUNK = 1000;
const COMMIT_EVERY = 20_000;

export interface BulkLoadResult {
  /** Detention rows loaded (each a person and a detention). */
  rows: number;
  /** Table rows written for them (persons, names, tokens, steps, citations, history…). */
  tableRows: number;
  /** Seconds in the driver for the detention rows. */
  driverSeconds: number;
  /** Seconds building and encoding (encryption, blind tokens) the detention rows. */
  encodeSeconds: number;
  events: number;
  sources: number;
  /** Event ref → id, for the rows imported through Vigil afterwards. */
  eventIds: Map<string, string>;
}

export async function bulkLoad(config: DatabaseConfig, dataset: Dataset, rows: number, cipher: FieldCipher, progress: (done: number) => void = () => undefined): Promise<BulkLoadResult> {
  const writer = await openRawWriter(config);
  const at = new Date().toISOString();
  try {
    // Events and their sources (one source per link, shared).
    const sourceIds = new Map<string, string>();
    const eventIds = new Map<string, string>();
    const eventSources = new Map<string, string[]>();
    let tables = emptyTableRows();
    for (const event of dataset.events) {
      const ids = event.urls.map((url) => {
        let id = sourceIds.get(url);
        if (!id) {
          const source = sourceRecord(url, at);
          encodeRecord(tables, 'source', source, cipher);
          id = source.id;
          sourceIds.set(url, id);
        }
        return id;
      });
      const record = eventRecord(event, ids, at);
      encodeRecord(tables, 'event', record, cipher);
      eventIds.set(event.ref, record.id);
      eventSources.set(event.ref, ids);
    }
    await writer.insert(tables);
    await writer.commit();
    const eventSeconds = writer.seconds;

    let encodeSeconds = 0;
    let tableRows = 0;
    let done = 0;
    tables = emptyTableRows();
    const flush = async (commit: boolean) => {
      tableRows += countRows(tables);
      await writer.insert(tables);
      tables = emptyTableRows();
      if (commit) await writer.commit();
      progress(done);
    };
    let started = performance.now();
    for (const row of dataset.detentions()) {
      if (done >= rows) break;
      const eventId = eventIds.get(row.eventRef) as string;
      const cited = eventSources.get(row.eventRef) ?? [];
      const { person, detention } = detentionRecords(row, eventId, cited, at);
      encodeRecord(tables, 'person', person, cipher);
      encodeRecord(tables, 'detention', detention, cipher);
      done++;
      if (done % CHUNK === 0) {
        encodeSeconds += (performance.now() - started) / 1000;
        await flush(done % COMMIT_EVERY === 0);
        started = performance.now();
      }
    }
    encodeSeconds += (performance.now() - started) / 1000;
    await flush(true);
    return { rows: done, tableRows, driverSeconds: writer.seconds - eventSeconds, encodeSeconds, events: eventIds.size, sources: sourceIds.size, eventIds };
  } finally {
    await writer.close();
  }
}
