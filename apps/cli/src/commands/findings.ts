import { type FindingActor, type FindingDetail, type FindingView } from '@vigil/core';
import { type Command } from 'commander';
import { cliActor, type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

const COLUMNS = ['id', 'status', 'severity', 'rule', 'standards', 'subject', 'reviewer', 'explanation'];
const who = (): FindingActor => ({ id: cliActor(), name: cliActor(), address: null });

function row(f: FindingView): Record<string, unknown> {
  return {
    id: f.id, status: f.status === 'needs_review' && f.reviewReason ? `needs_review (${f.reviewReason})` : f.status, severity: f.severity, rule: f.rule.id,
    standards: f.standardIds.join(' '), subject: `${f.subject.entity}:${f.subject.id}`, reviewer: f.reviewer ?? '', explanation: f.explanation.en,
  };
}

const value = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** A finding for a person at a terminal: what, why, against which standard and how firm, and what changed. */
function describe(f: FindingDetail): string {
  const lines = [
    `${f.id}  ${f.status}${f.reviewReason ? ` (${f.reviewReason})` : ''}  ${f.severity}  ${f.rule.id}`,
    `subject     ${f.subject.entity} ${f.subject.id}`,
    `explanation ${f.explanation.en}`,
    '',
    'standards',
    ...f.standards.map((s) => ('missing' in s ? `  ${s.id} (not in the catalogue)` : `  ${s.id}  ${s.citation}  ${s.verification.label.en}\n    ${s.paraphrase.en}`)),
  ];
  if (f.thresholds.length) lines.push('', 'thresholds', ...f.thresholds.map((t) => `  ${t.value} ${t.unit} (${t.code}, ${t.standardId}): ${t.originLabel.en}`));
  lines.push('', 'facts', ...f.facts.map((x) => `  ${x.entity} ${x.id} ${x.field} = ${value(x.value)}`));
  if (f.changes) {
    lines.push('', 'changed since the review');
    lines.push(...f.changes.removed.map((x) => `  - ${x.entity} ${x.id} ${x.field} = ${value(x.value)}`), ...f.changes.added.map((x) => `  + ${x.entity} ${x.id} ${x.field} = ${value(x.value)}`));
  }
  if (f.decision) lines.push('', `decision    ${f.decision} by ${f.reviewer ?? '?'} at ${f.reviewedAt ?? '?'}${f.reviewNote ? `: ${f.reviewNote}` : ''}`);
  lines.push('', 'history', ...f.history.map((h) => `  ${h.at}  ${h.action.padEnd(18)} ${h.fromStatus ?? '-'} → ${h.toStatus}  ${h.actor}${h.note ? `: ${h.note}` : ''}`));
  return `${lines.join('\n')}\n`;
}

interface ListOptions {
  status?: string;
  queue?: boolean;
  event?: string;
  subject?: string;
  person?: string;
  standard?: string;
  rule?: string;
  limit?: string;
  cursor?: string;
}

/** `vigil findings list|show|review|recompute|standards`: the standards engine's suggestions and their review. */
export function registerFindingCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const cmd = program.command('findings').description('suggested breaches of standards, for analysts to confirm or reject');

  cmd.command('list')
    .description('findings, most severe first (recomputes groups whose facts changed first)')
    .option('--status <list>', 'suggested,confirmed,rejected,needs_review,obsolete (comma-separated)')
    .option('--queue', 'the review queue: suggested and needs_review')
    .option('--event <id>', 'one event')
    .option('--subject <id>', 'one subject record (detention, act, charge)')
    .option('--person <id>', 'findings about one person')
    .option('--standard <id>', 'citing one standard, e.g. GC37-84')
    .option('--rule <id>', 'one rule, e.g. custody-protocol-overdue')
    .option('--limit <n>', 'page size (1-200, default 50)')
    .option('--cursor <cursor>', 'next page (printed on stderr)')
    .action(async (o: ListOptions) => {
      const g = globals();
      const raw = Object.fromEntries(Object.entries({
        status: o.queue ? 'queue' : o.status, eventId: o.event, subjectId: o.subject, personId: o.person, standardId: o.standard, ruleId: o.rule, limit: o.limit, cursor: o.cursor,
      }).filter(([, v]) => v !== undefined));
      const page = await withServices(g, (s) => s.findings.list(raw));
      io.out(g.format === 'json' ? render('json', page, []) : render(g.format, page.items.map(row), COLUMNS));
      if (page.nextCursor && g.format !== 'json') io.err(`more: --cursor ${page.nextCursor}\n`);
    });

  cmd.command('show <id>').description('one finding: citations and how firm, thresholds and origins, facts, changes, history').action(async (id: string) => {
    const g = globals();
    const f = await withServices(g, (s) => s.findings.get(id));
    io.out(g.format === 'table' ? describe(f) : render(g.format, g.format === 'json' ? f : row(f), COLUMNS));
  });

  cmd.command('review <id> <decision>')
    .description('confirm or reject a finding (decision: confirm | reject; a note is required to reject)')
    .option('--note <text>', 'why')
    .option('--version <n>', 'the version you read (refused if it changed since)')
    .action(async (id: string, decision: string, o: { note?: string; version?: string }) => {
      const g = globals();
      const body: Record<string, unknown> = { decision, ...(o.note !== undefined ? { note: o.note } : {}), ...(o.version !== undefined ? { version: Number(o.version) } : {}) };
      const f = await withServices(g, (s) => s.findings.review(id, body, who()));
      io.out(g.format === 'table' ? describe(f) : render(g.format, g.format === 'json' ? f : row(f), COLUMNS));
    });

  cmd.command('recompute')
    .description('recompute findings: one event, everything (--all), or by default the groups whose facts changed')
    .option('--event <id>', 'one event')
    .option('--all', 'every event and custody case (after upgrading the catalogue or the rules)')
    .action(async (o: { event?: string; all?: boolean }) => {
      const g = globals();
      const result = await withServices(g, (s) => s.findings.recompute({ ...(o.event ? { eventId: o.event } : {}), ...(o.all ? { all: true } : {}) }, who()));
      io.out(render(g.format, { ...result }, Object.keys(result)));
    });

  cmd.command('standards').description('the standards catalogue: citation, how firm, thresholds with their origin').action(async () => {
    const g = globals();
    const catalogue = await withServices(g, async (s) => s.findings.standards());
    if (g.format === 'json') {
      io.out(render('json', catalogue, []));
      return;
    }
    const rows = catalogue.standards.map((s) => ({
      id: s.id, citation: s.citation, verification: s.verification.label.en, jurisdiction: s.jurisdiction,
      thresholds: s.thresholds.map((t) => `${t.code} ${t.value} ${t.unit} ${t.origin}`).join('; '),
    }));
    io.out(render(g.format, rows, ['id', 'citation', 'verification', 'jurisdiction', 'thresholds']));
  });
}
