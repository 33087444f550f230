import fs from 'node:fs';
import { isVigilError, type ErrorCode } from '@vigil/core';
import { Command, CommanderError, Option } from 'commander';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { detentionNoun } from './commands/detention.js';
import { registerDataCommands } from './commands/data.js';
import { registerEvidenceCommands } from './commands/evidence.js';
import { registerFindingCommands } from './commands/findings.js';
import { registerImportCommands } from './commands/import.js';
import { eventNoun } from './commands/event.js';
import { personNoun } from './commands/person.js';
import { registerNoun } from './commands/records.js';
import { registerReportCommands } from './commands/report.js';
import { registerSystemCommands } from './commands/system.js';
import { registerUserCommands } from './commands/users.js';
import { registerKeyCommands } from './commands/keys.js';
import { type GlobalOptions } from './context.js';
import { type Io } from './io.js';

/** Exit codes: 2 bad input, 3 not found, 4 conflict, 1 anything else. */
export const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 2,
  MALFORMED_JSON: 2,
  PAYLOAD_TOO_LARGE: 2,
  RECORD_NOT_FOUND: 3,
  VERSION_CONFLICT: 4,
  CONFLICT: 4,
  DATABASE_NOT_EMPTY: 4,
};

const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  readInput: async (file) => (file === '-' ? fs.readFileSync(0, 'utf8') : fs.promises.readFile(file, 'utf8')),
};

export function buildProgram(io: Io): Command {
  const program = new Command('vigil')
    .description('Vigil: document detentions and police conduct at assemblies; track custody; publish safely.')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']).default('table'))
    .option('--data <dir>', 'data directory holding vigil.db (default ./data; DATABASE_URL overrides for PostgreSQL)')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
  const globals = () => program.opts<GlobalOptions>();
  registerSystemCommands(program, io, globals);
  // After system: `import` takes over system's `import json` and dispatches to it.
  registerImportCommands(program, io, globals);
  registerUserCommands(program, io, globals);
  registerKeyCommands(program, io, globals);
  for (const noun of [eventNoun, personNoun, detentionNoun]) registerNoun(program, noun, io, globals);
  registerEvidenceCommands(program, io, globals);
  registerFindingCommands(program, io, globals);
  registerReportCommands(program, io, globals);
  registerDataCommands(program, io, globals);
  registerAuditCommands(program, io, globals);
  registerBackupCommands(program, io, globals);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs one command line; returns the exit code instead of exiting (tests run it in-process). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  program.commands.forEach(function override(c: Command): void {
    c.exitOverride();
    c.commands.forEach(override);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isVigilError(error)) {
      if (error.fields.length === 0 || error.code !== 'VALIDATION_FAILED') io.err(`vigil: ${error.message}\n`);
      else io.err(`vigil: invalid input\n${error.fields.map((f) => `  ${f.path || '(input)'}: ${f.problem}\n`).join('')}`);
      return EXIT_CODES[error.code] ?? 1;
    }
    io.err(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2));
