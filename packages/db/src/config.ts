import path from 'node:path';

/** Where the data lives: an embedded SQLite file under the data directory, or a PostgreSQL URL. */
export type DatabaseConfig =
  | { engine: 'sqlite'; file: string; dataDir: string }
  | { engine: 'postgres'; url: string; dataDir: string };

export interface ConfigSource {
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
}

/** Resolves the storage config from options, then `DATABASE_URL`/`VIGIL_DATA_DIR`, then `./data`. */
export function resolveDatabaseConfig(source: ConfigSource = {}, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const dataDir = path.resolve(source.dataDir ?? env.VIGIL_DATA_DIR ?? 'data');
  const url = source.databaseUrl ?? env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url, dataDir };
  if (url && url.startsWith('sqlite:')) return { engine: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)), dataDir };
  if (url) throw new Error(`DATABASE_URL must start with postgres:// or sqlite: (got "${url.split(':')[0]}:")`);
  return { engine: 'sqlite', file: path.join(dataDir, 'vigil.db'), dataDir };
}

/** A URL safe to print: the password is masked. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.engine === 'sqlite') return `sqlite:${config.file}`;
  return config.url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
}
