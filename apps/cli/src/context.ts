import { createServices, type Services } from '@vigil/core';
import { connect, createRepositories, resolveDatabaseConfig } from '@vigil/db';
import { type Format } from './output.js';

export interface GlobalOptions {
  format: Format;
  data?: string;
}

/** Opens the database named by --data or DATABASE_URL, migrates it, and hands services to `fn`. */
export async function withServices<T>(options: GlobalOptions, fn: (services: Services) => Promise<T>, migrate = true): Promise<T> {
  const repos = createRepositories(await connect(resolveDatabaseConfig({ dataDir: options.data })));
  try {
    if (migrate) await repos.schema.migrate();
    return await fn(createServices(repos));
  } finally {
    await repos.close();
  }
}

/** The CLI's actor in record history: the operating-system user. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}
