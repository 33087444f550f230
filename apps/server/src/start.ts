import { createServices } from '@vigil/core';
import { connect, createRepositories, describeDatabase, type ConfigSource, resolveDatabaseConfig } from '@vigil/db';
import { type FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { serverConfig, type ServerConfig } from './config.js';

export interface StartOptions extends ConfigSource {
  server?: Partial<ServerConfig>;
  log?: (line: string) => void;
}

/** Connect, migrate, optionally load the demo into an empty database, then listen. */
export async function startServer(options: StartOptions = {}): Promise<FastifyInstance> {
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = { ...serverConfig(), ...options.server };
  const dbConfig = resolveDatabaseConfig(options);
  const connection = await connect(dbConfig);
  const repos = createRepositories(connection);
  const applied = await repos.schema.migrate();
  if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  const services = createServices(repos, { custody: { disappearanceHours: settings.disappearanceHours, boardHorizonDays: settings.boardHorizonDays }, accounts: { mfaRoles: settings.mfaRoles } });
  // Runs a stopped server (restart, crash) left "running" are marked interrupted (docs/IMPORT.md).
  const interrupted = await services.imports.recoverInterrupted();
  if (interrupted > 0) log(`Marked ${interrupted} import run${interrupted === 1 ? '' : 's'} left running by a stopped process as interrupted; import the same file again to finish (rows already imported are skipped).`);
  if (settings.publicMode) log('Public mode: serving only published reports and aggregate statistics, read-only.');
  else if (!(await services.accounts.hasUsers())) {
    log(`No accounts yet. Create the first admin with \`npx vigil users create --username YOU --role admin\`, or open http://${settings.host}:${settings.port}/ on this machine to set one up.`);
  }
  if (connection.keys.generated) log('Created a new encryption key file in the data directory. Back it up apart from the data; without it the protected fields cannot be read.');
  if (settings.demo && (await repos.dump.isEmpty())) {
    const counts = await services.demo.load();
    log(`Loaded the demo dataset (coalition report, 21 May 2016): ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  }
  const app = await buildApp({ services, publicMode: settings.publicMode, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  app.addHook('onClose', async () => repos.close());
  await app.listen({ host: settings.host, port: settings.port });
  log(`Vigil is serving http://${settings.host}:${settings.port} (database: ${describeDatabase(dbConfig)})`);
  return app;
}
