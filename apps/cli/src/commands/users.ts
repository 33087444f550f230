import { generatePassword, VigilError } from '@vigil/core';
import { type Command } from 'commander';
import { type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

const COLUMNS = ['id', 'username', 'role', 'totpEnabled', 'disabled', 'lastLoginAt'];

/** Accounts from the terminal: the first admin is made here (there is no default password). */
export function registerUserCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const users = program.command('users').description('accounts');

  users
    .command('create')
    .description('create an account; without --password-stdin a strong password is generated and shown once')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <role>', 'admin|coordinator|analyst|monitor|lawyer|viewer')
    .option('--display-name <name>', 'name shown in the app')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: { username: string; role: string; displayName?: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? (await io.readInput('-')).replace(/\r?\n$/, '') : generatePassword();
      const g = globals();
      const user = await withServices(g, (s) => s.accounts.createUser({ username: opts.username, role: opts.role, password, ...(opts.displayName ? { displayName: opts.displayName } : {}) }));
      io.out(render(g.format, { ...user }, COLUMNS));
      if (!opts.passwordStdin) io.err(`Password for ${user.username} (shown once, store it safely): ${password}\n`);
    });

  users
    .command('list')
    .description('list accounts')
    .action(async () => {
      const g = globals();
      const list = await withServices(g, (s) => s.accounts.listUsers());
      io.out(render(g.format, list.map((u) => ({ ...u })), COLUMNS));
    });

  users
    .command('reset-password <username>')
    .description('set a new temporary password (generated, shown once); the user must change it')
    .action(async (username: string) => {
      const password = generatePassword();
      await withServices(globals(), async (s) => {
        const user = (await s.accounts.listUsers()).find((u) => u.username === username);
        if (!user) throw new VigilError('RECORD_NOT_FOUND', `No account named ${username}`, [{ path: 'username', problem: 'not found' }]);
        await s.accounts.resetPassword(user.id, { password });
      });
      io.err(`Temporary password for ${username} (shown once): ${password}\n`);
    });
}
