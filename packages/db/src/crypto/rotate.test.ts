import { createServices } from '@vigil/core';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../connect.js';
import { createRepositories } from '../repositories/index.js';
import { engines, freshConfig, type Engine } from '../testing/index.js';
import { rotateKeys } from './rotate.js';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function open(engine: Engine) {
  const { config, drop } = await freshConfig(engine);
  drops.push(drop);
  // A key file in the data directory (not VIGIL_KEY), as on a real install.
  const connection = await connect(config, {});
  const repos = createRepositories(connection);
  await repos.schema.migrate();
  return { connection, services: createServices(repos), config };
}

describe.each(engines())('key rotation on %s', (engine) => {
  it('re-encrypts every protected value with a new key, retires the old one, and keeps search working', async () => {
    const { connection, services, config } = await open(engine);
    const person = await services.records.create('person', { names: [{ value: 'Жанна Байтелова' }], contact: '+7 701 222 33 44' }, 't');
    await services.records.update('person', person.id, { version: 1, notes: 'met at the station' }, 't');
    await services.accounts.createUser({ username: 'admin', role: 'admin', password: 'long enough password' });
    await services.accounts.beginTotp((await services.accounts.listUsers())[0]?.id ?? '');

    const result = await rotateKeys(connection);
    expect(result.newKeyId).toBe('k2');
    expect(result.retiredKeys).toEqual(['k1']);
    expect(result.resealedRows).toBeGreaterThanOrEqual(5);
    await connection.close();

    const reopened = await connect(config, {});
    expect(reopened.keys.keyring.keys.has('k1')).toBe(false);
    const repos = createRepositories(reopened);
    const after = createServices(repos);
    expect((await after.records.get('person', person.id)).contact).toBe('+7 701 222 33 44');
    expect((await after.records.history('person', person.id)).map((h) => h.version)).toEqual([1, 2]);
    expect((await after.records.list('person', { q: 'Baytelova' })).items.map((p) => p.id)).toEqual([person.id]);
    expect((await after.accounts.listUsers())[0]?.username).toBe('admin');
    await reopened.close();
  });
});
