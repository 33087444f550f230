import { type AuditEntry, type AuditVerification, VigilError } from '@vigil/core';
import { type Command } from 'commander';
import { cliActor, type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

const COLUMNS = ['seq', 'at', 'actor', 'actorName', 'address', 'action', 'entity', 'recordId', 'details'];

interface ListOptions {
  actor?: string;
  action?: string;
  entity?: string;
  record?: string;
  from?: string;
  to?: string;
  after?: string;
  limit: string;
  desc?: boolean;
  reveal?: boolean;
}

function parseAnchor(text: string | undefined): { seq: number; hash: string } | undefined {
  if (text === undefined) return undefined;
  const m = /^#?(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!m) throw new VigilError('VALIDATION_FAILED', '--anchor must be SEQ:HASH as printed by `vigil audit verify` (e.g. 1200:9f86d0…)', [{ path: 'anchor', problem: 'must be SEQ:HASH (64 hex digits)' }]);
  return { seq: Number(m[1]), hash: m[2] as string };
}

function describeResult(result: AuditVerification): string {
  if (!result.ok) return `The audit trail does NOT verify (${result.problems.length} problem(s) over ${result.entries} entries):\n${result.problems.map((p) => `  #${p.seq} ${p.kind}: ${p.message}\n`).join('')}`;
  const head = result.head ? `head ${result.head.seq}:${result.head.hash}` : 'no entries yet';
  const vouched = result.sealsVouched > 0 ? `; ${result.sealsVouched} entries sealed with retired keys are vouched for by later seals` : '';
  return `Audit trail intact: ${result.entries} entries, ${head}${vouched}.\nKeep the head off the server as an anchor: \`vigil audit verify --anchor ${result.head ? `${result.head.seq}:${result.head.hash}` : 'SEQ:HASH'}\` later proves nothing before it was rewritten or cut.\n`;
}

/** `vigil audit verify | list`: check the hash chain, read the trail. */
export function registerAuditCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');

  audit
    .command('verify')
    .description('walk the hash chain; exits non-zero naming the first altered, deleted or reordered entry')
    .option('--anchor <seq:hash>', 'a head recorded earlier (off the server): that entry must still have that hash')
    .action(async (opts: { anchor?: string }) => {
      const g = globals();
      const anchor = parseAnchor(opts.anchor);
      const result = await withServices(g, (s) => s.audit.verify({ anchor }));
      io.out(g.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : g.format === 'csv' ? render('csv', result.problems.map((p) => ({ ...p })), ['seq', 'kind', 'message']) : describeResult(result));
      if (!result.ok) throw new Error(`the audit trail does not verify: ${result.firstProblem?.message ?? 'see above'}`);
    });

  audit
    .command('list')
    .description('list audit entries (oldest first; --desc for newest first)')
    .option('--actor <id>', 'who')
    .option('--action <action>', 'e.g. update, read-protected, login-failed, backup')
    .option('--entity <entity>', 'e.g. person, detention, user')
    .option('--record <id>', 'record id')
    .option('--from <iso>', 'at or after this instant')
    .option('--to <iso>', 'before this instant')
    .option('--after <seq>', 'entries after this sequence number (before it with --desc): the next page')
    .option('--limit <n>', 'entries per page (max 1000)', '100')
    .option('--desc', 'newest first')
    .option('--reveal', 'decrypt protected details (this read is itself audited)')
    .action(async (opts: ListOptions) => {
      const g = globals();
      const filter = {
        actor: opts.actor, action: opts.action, entity: opts.entity, recordId: opts.record, from: opts.from, to: opts.to,
        after: opts.after, limit: opts.limit, order: opts.desc ? 'desc' : 'asc', reveal: Boolean(opts.reveal),
      };
      const page = await withServices(g, async (s) => {
        const listed = await s.audit.list(Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)));
        const revealed = listed.items.filter((e) => e.hasProtectedDetails).map((e) => e.seq);
        if (opts.reveal && revealed.length > 0) await s.audit.record({ actor: cliActor(), action: 'read-protected', entity: 'audit_log', details: { seqs: revealed } });
        return listed;
      });
      const rows = page.items.map((e: AuditEntry) => ({ ...e }));
      io.out(render(g.format, rows, opts.reveal ? [...COLUMNS, 'protectedDetails'] : COLUMNS));
      if (page.nextCursor !== null) io.err(`More entries: add --after ${page.nextCursor}\n`);
    });
}
