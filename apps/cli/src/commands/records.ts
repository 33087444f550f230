import { type EntityName, VigilError } from '@vigil/core';
import { type Command } from 'commander';
import { cliActor, type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

/** A convenience flag of `add` that fills one field of the JSON body. */
export interface FieldFlag {
  flags: string;
  description: string;
  /** Sets the value on the body; several flags may build one field (e.g. --name into names[]). */
  apply(body: Record<string, unknown>, value: string): void;
  repeatable?: boolean;
}

export interface NounSpec {
  noun: string;
  entity: EntityName;
  /** Columns of the table and csv formats. */
  columns: string[];
  addFlags: FieldFlag[];
  /** List filters: flag name → filter key of the entity's list schema. */
  listFilters: Record<string, string>;
  /** Turns a record into the flat row shown by table/csv. */
  row(record: Record<string, unknown>): Record<string, unknown>;
}

export const set = (field: string) => (body: Record<string, unknown>, value: string) => {
  body[field] = value;
};

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch (e) {
    throw new VigilError('MALFORMED_JSON', `${what} is not valid JSON: ${(e as Error).message}`, [{ path: '', problem: 'malformed JSON' }]);
  }
  throw new VigilError('VALIDATION_FAILED', `${what} must be a JSON object`, [{ path: '', problem: 'must be a JSON object' }]);
}

/** `NOUN add|list|show` over the same services the HTTP API uses. */
export function registerNoun(program: Command, spec: NounSpec, io: Io, globals: () => GlobalOptions): void {
  const cmd = program.command(spec.noun).description(`${spec.noun} records`);

  const add = cmd
    .command('add')
    .description(`create a ${spec.noun} (fields from --json/--file, overridden by flags)`)
    .option('--json <object>', 'the full record as a JSON object')
    .option('--file <path>', 'read the JSON object from a file ("-" for stdin)');
  for (const flag of spec.addFlags) {
    if (flag.repeatable) add.option(flag.flags, flag.description, (v: string, prev: string[] = []) => [...prev, v]);
    else add.option(flag.flags, flag.description);
  }
  add.action(async (opts: Record<string, unknown>) => {
    let body: Record<string, unknown> = {};
    if (typeof opts.json === 'string') body = parseJson(opts.json, '--json');
    if (typeof opts.file === 'string') body = { ...body, ...parseJson(await io.readInput(opts.file), String(opts.file)) };
    for (const flag of spec.addFlags) {
      const key = flag.flags.match(/--([a-z-]+)/)?.[1]?.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()) ?? '';
      const value = opts[key];
      if (Array.isArray(value)) value.forEach((v) => flag.apply(body, String(v)));
      else if (typeof value === 'string') flag.apply(body, value);
    }
    const g = globals();
    const record = await withServices(g, (s) => s.records.create(spec.entity, body, cliActor()));
    io.out(render(g.format, g.format === 'json' ? record : spec.row(record), spec.columns));
  });

  const list = cmd
    .command('list')
    .description(`list ${spec.noun} records, newest first`)
    .option('--limit <n>', 'page size (1-500)', '50')
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--include-deleted', 'also show soft-deleted records');
  for (const flag of Object.keys(spec.listFilters)) list.option(`--${flag} <value>`, `filter by ${flag}`);
  list.action(async (opts: Record<string, unknown>) => {
    const filter: Record<string, unknown> = { limit: opts.limit, cursor: opts.cursor, includeDeleted: opts.includeDeleted ? 'true' : 'false' };
    for (const [flag, key] of Object.entries(spec.listFilters)) {
      const value = opts[flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())];
      if (value !== undefined) filter[key] = value;
    }
    const g = globals();
    const page = await withServices(g, (s) => s.records.list(spec.entity, filter));
    if (g.format === 'json') io.out(render('json', page as unknown as Record<string, unknown>, []));
    else {
      io.out(render(g.format, page.items.map((r) => spec.row(r)), spec.columns));
      if (page.nextCursor && g.format === 'table') io.err(`more: --cursor ${page.nextCursor}\n`);
    }
  });

  cmd
    .command('show <id>')
    .description(`show one ${spec.noun} with every field`)
    .action(async (id: string) => {
      const g = globals();
      const record = await withServices(g, (s) => s.records.get(spec.entity, id));
      io.out(render(g.format === 'csv' ? 'csv' : 'json', g.format === 'csv' ? spec.row(record) : record, spec.columns));
    });
}
