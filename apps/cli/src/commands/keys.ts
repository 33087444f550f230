import { connect, createRepositories, resolveDatabaseConfig, rotateKeys } from '@vigil/db';
import { VigilError } from '@vigil/core';
import { type Command } from 'commander';
import { type GlobalOptions } from '../context.js';
import { type Io } from '../io.js';

/** `vigil keys rotate`: a new encryption key, every protected field re-encrypted, old key retired. */
export function registerKeyCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  program
    .command('keys')
    .description('encryption keys')
    .argument('<action>', 'rotate (stop the server first; back up the key file and data before)')
    .action(async (action: string) => {
      if (action !== 'rotate') throw new Error(`unknown keys action "${action}" (supported: rotate)`);
      const config = resolveDatabaseConfig({ dataDir: globals().data });
      const connection = await connect(config);
      let result: Awaited<ReturnType<typeof rotateKeys>>;
      try {
        const repos = createRepositories(connection);
        await repos.schema.migrate();
        // New seals vouch for everything before them: never seal over a chain that was tampered with.
        const check = await repos.audit.verify();
        if (!check.ok) throw new VigilError('CONFLICT', `The audit trail does not verify (${check.problems[0]?.kind ?? 'problem'} at entry ${String(check.problems[0]?.seq ?? '?')}); investigate before rotating keys`);
        result = await rotateKeys(connection);
      } finally {
        await connection.close();
      }
      // The old connection holds the retired keyring: record the rotation through a new one.
      const fresh = await connect(config);
      try {
        await createRepositories(fresh).audit.append({ actor: `cli:${process.env.USER ?? 'unknown'}`, action: 'key-rotate', details: { newKeyId: result.newKeyId, resealedRows: result.resealedRows, retired: result.retiredKeys } });
      } finally {
        await fresh.close();
      }
      io.err(`Rotated to key ${result.newKeyId}: ${result.resealedRows} rows re-encrypted, name indexes rebuilt, retired ${result.retiredKeys.join(', ') || 'no keys'}.\n`);
    });
}
