import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { type Services } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDetention, buildPlace, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

const SECRETS = ['Зарина Секретова', 'Zarina Sekretova', '+7 777 123 45 67', 'Abylai Khan Avenue 101'];

/** Every byte the engine keeps for this database: the SQLite file and its WAL, or a pg_dump. */
async function rawBytes(tdb: TestDatabase): Promise<Buffer> {
  if (tdb.config.engine === 'sqlite') {
    const file = tdb.config.file;
    return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  }
  const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', tdb.config.url], { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
  return stdout;
}

describe.each(engines())('protected identities at rest on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
  });
  afterAll(() => tdb.destroy());

  it('keeps real names, contacts and addresses out of the stored bytes, yet finds the person by name', async () => {
    const home = await s.records.create('place', buildPlace({ name: 'Home of a witness', kind: 'home', address: SECRETS[3] }), 't');
    const person = await s.records.create('person', { names: [{ value: SECRETS[0] }, { value: SECRETS[1] }], pseudonym: 'Witness Z', contact: SECRETS[2], consent: 'withheld' }, 't');
    await s.records.create('detention', buildDetention(person.id, { apprehendedPlaceId: home.id, notes: `Taken from ${SECRETS[3]}` }), 't');
    await s.records.update('person', person.id, { version: 1, contact: `${SECRETS[2]} (mother)` }, 't');

    const bytes = await rawBytes(tdb);
    expect(bytes.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      expect(bytes.toString('utf8').toLowerCase().includes('sekretov'), 'folded name').toBe(false);
    }
    expect(bytes.includes(Buffer.from('Witness Z'))).toBe(true);

    expect((await s.records.list('person', { q: 'Секретова' })).items.map((p) => p.id)).toEqual([person.id]);
    expect((await s.records.list('person', { q: 'Sekre' })).items.map((p) => p.id)).toEqual([person.id]);
    const read = await s.records.get('person', person.id);
    expect(read.contact).toBe(`${SECRETS[2]} (mother)`);
    expect((await s.records.history('person', person.id))[1]?.changes.contact?.from).toBe(SECRETS[2]);
  });
});

