import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Repositories, type StoredRecord } from '@vigil/core';
import { engines, openTestDatabase, type TestDatabase } from '@vigil/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../packages/db/src/crypto/field-cipher.js';
import { loadKeyring } from '../../packages/db/src/crypto/keyring.js';
import { createDataset } from '../dataset/generate.js';
import { DETENTION_MAPPING, writeDetentionList } from '../dataset/lists.js';
import { bulkLoad } from '../load/bulk-load.js';

const ROWS = 120;

async function all(repos: Repositories, entity: 'detention' | 'person' | 'event' | 'source'): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await repos.records.list(entity, { limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Every detention with its person, ids replaced by what they stand for, so two databases compare. */
async function view(repos: Repositories): Promise<unknown[]> {
  const events = new Map((await all(repos, 'event')).map((e) => [e.id, e.title]));
  const sources = new Map((await all(repos, 'source')).map((s) => [s.id, s.url]));
  const persons = new Map((await all(repos, 'person')).map((p) => [p.id, p]));
  const strip = (r: StoredRecord) => {
    const { id: _id, createdAt: _c, updatedAt: _u, personId: _p, eventId, sourceIds, roles, ...rest } = r;
    return {
      ...rest, event: events.get(String(eventId)) ?? null, sources: (sourceIds as string[]).map((s) => sources.get(s)),
      ...(roles ? { roles: (roles as { eventId: string }[]).map((x) => ({ ...x, eventId: events.get(x.eventId) })) } : {}),
    };
  };
  return (await all(repos, 'detention'))
    .map((d) => ({ detention: strip(d), person: strip(persons.get(String(d.personId)) as StoredRecord) }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const WRITTEN = ['persons', 'person_names', 'person_roles', 'person_name_tokens', 'person_match_keys', 'person_match_state', 'detentions', 'custody_steps', 'citations', 'record_history'];

describe.each(engines())('the raw loader writes what the import writes (%s)', (engine) => {
  const opened: TestDatabase[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-test-'));
  afterAll(async () => {
    for (const db of opened) await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`loads ${ROWS} rows both ways to the same records, names, tokens, keys and history`, async () => {
    const dataset = createDataset(ROWS, 11);
    const open = async () => {
      const db = await openTestDatabase(engine);
      opened.push(db);
      return { db, cipher: new FieldCipher(loadKeyring(db.config.dataDir, process.env).keyring) };
    };
    const raw = await open();
    const loaded = await bulkLoad(raw.db.config, dataset, ROWS, raw.cipher);
    expect(loaded).toMatchObject({ rows: ROWS, events: dataset.events.length });

    const imported = await open();
    const { eventIds } = await bulkLoad(imported.db.config, dataset, 0, imported.cipher);
    const file = path.join(dir, `${engine}.csv`);
    writeDetentionList(file, dataset, eventIds);
    const services = imported.db.services();
    const run = await services.imports.run(services.imports.localFile(file), services.imports.parseMapping(DETENTION_MAPPING), { id: 'bench', name: 'bench' });
    expect(run).toMatchObject({ status: 'done', rows: { imported: ROWS, failed: 0 } });

    const rawView = await view(raw.db.repos);
    expect(rawView).toHaveLength(ROWS);
    expect(rawView).toEqual(await view(imported.db.repos));
    const counts = async (db: TestDatabase) => {
      const all = await db.services().transfer.tableCounts();
      return Object.fromEntries(WRITTEN.map((t) => [t, all[t]]));
    };
    // The import also writes the audit trail, row keys and merge candidates; the loader does not.
    expect(await counts(raw.db)).toEqual(await counts(imported.db));
    // A name is found by its blind tokens, in the loaded database as in the imported one.
    const word = (rawView[0] as { person: { names: { value: string }[] } }).person.names[0]?.value.split(' ').find((w) => w.length >= 4) ?? '';
    const hits = async (repos: Repositories) => (await repos.records.list('person', { q: word, limit: 50 })).items.length;
    expect(await hits(raw.db.repos)).toBeGreaterThan(0);
    expect(await hits(raw.db.repos)).toBe(await hits(imported.db.repos));
  });
});
