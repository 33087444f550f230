// Decides once per run whether the PostgreSQL half of the dialect matrix runs.
//   VIGIL_TEST_PG=1 (CI): PostgreSQL is required; an unreachable server fails the run.
//   VIGIL_TEST_PG=0: SQLite only.   unset: PostgreSQL if a server answers, else SQLite only.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let notice = '';

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const mode = process.env.VIGIL_TEST_PG ?? (process.env.CI === 'true' ? '1' : 'auto');
  const url = process.env.VIGIL_TEST_PG_URL ?? DEFAULT_URL;
  let useUrl = '';
  if (mode === '0') {
    notice = 'PostgreSQL was SKIPPED (VIGIL_TEST_PG=0): repository and HTTP tests ran on SQLite only.';
  } else {
    const problem = await reachable(url);
    if (problem && mode === '1') {
      throw new Error(`VIGIL_TEST_PG=1 but PostgreSQL is not reachable at ${url}: ${problem}. Start it (see docs/OPERATIONS.md) or set VIGIL_TEST_PG=0.`);
    }
    if (problem) notice = `PostgreSQL was SKIPPED: no server at ${url} (${problem}). Repository and HTTP tests ran on SQLite only; set VIGIL_TEST_PG_URL or start PostgreSQL to run both engines.`;
    else {
      useUrl = url;
      notice = `Dialect matrix: SQLite and PostgreSQL (${url}).`;
    }
  }
  project.provide('pgAdminUrl', useUrl);
  console.log(`\n[vigil] ${notice}\n`);
  return () => console.log(`\n[vigil] ${notice}\n`);
}
