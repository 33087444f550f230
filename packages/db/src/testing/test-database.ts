import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Repositories, type ServiceOptions, type Services } from '@vigil/core';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseConfig } from '../config.js';
import { connect } from '../connect.js';
import { createRepositories } from '../repositories/index.js';

export type Engine = 'sqlite' | 'postgres';

/** The engines this run covers: SQLite always, PostgreSQL when the global setup found one. */
export function engines(): Engine[] {
  return inject('pgAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  engine: Engine;
  config: DatabaseConfig;
  repos: Repositories;
  services(options?: ServiceOptions): Services;
  /** Closes the connection and removes the database (file or PostgreSQL database). */
  destroy(): Promise<void>;
}

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** A fresh config: a new SQLite file in a temp dir, or a new PostgreSQL database. */
export async function freshConfig(engine: Engine): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'sqlite') return { config: { engine, file: path.join(dataDir, 'vigil.db'), dataDir }, drop: removeDir };
  const name = `vigil_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin(`create database ${name}`);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return {
    config: { engine, url: url.toString(), dataDir },
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      await removeDir();
    },
  };
}

/** A migrated, empty database on the given engine. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  const { config, drop } = await freshConfig(engine);
  const connection = await connect(config);
  const repos = createRepositories(connection);
  await repos.schema.migrate();
  return {
    engine,
    config,
    repos,
    services: (options) => createServices(repos, options),
    destroy: async () => {
      await repos.close();
      await drop();
    },
  };
}
