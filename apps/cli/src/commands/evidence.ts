import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isVigilError, mediaTypeFromName, type EvidenceActor, sunTimes, SunTimesQuery, parseInput, VigilError } from '@vigil/core';
import { type Command } from 'commander';
import { cliActor, type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const who = (): EvidenceActor => ({ actor: cliActor(), origin: `cli@${os.hostname()}` });

interface AddOptions {
  url?: string;
  platform?: string;
  account?: string;
  postedAt?: string;
  capturedAt?: string;
  capturedBy?: string;
  tool?: string;
  notes?: string;
  title?: string;
  type?: string;
  source?: string;
  event?: string[];
  act?: string[];
  sensitivity?: string[];
  confidentiality?: string;
}

/** Regular files under the given paths, in a stable order; hidden files and symlinks are skipped. */
function filesOf(targets: string[]): string[] {
  const found: string[] = [];
  for (const target of targets) {
    const stat = fs.lstatSync(target, { throwIfNoEntry: false });
    if (!stat) throw new VigilError('VALIDATION_FAILED', `${target} does not exist`, [{ path: 'file', problem: `${target}: no such file or directory` }]);
    if (stat.isFile()) found.push(target);
    else if (stat.isDirectory()) {
      const entries = fs.readdirSync(target, { withFileTypes: true }).filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
      found.push(...filesOf(entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => path.join(target, e.name))));
    }
  }
  return found;
}

function metaFor(file: string, o: AddOptions): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    filename: path.basename(file), mediaType: o.type ?? mediaTypeFromName(file) ?? undefined, originalUrl: o.url, platform: o.platform,
    postingAccount: o.account, postedAt: o.postedAt, capturedAt: o.capturedAt, capturedBy: o.capturedBy, captureTool: o.tool, notes: o.notes,
    title: o.title, sourceId: o.source, eventIds: o.event, actIds: o.act, sensitivity: o.sensitivity, confidentiality: o.confidentiality,
  };
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
}

/** `vigil evidence add|list|show|verify|export|status|sun`: the vault from the terminal. */
export function registerEvidenceCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const cmd = program.command('evidence').description('the evidence vault: preserved files, provenance, chain of custody');

  cmd.command('add')
    .description('preserve files (a directory is walked); each is hashed while streamed and stored once by its SHA-256')
    .argument('<paths...>', 'files or directories')
    .option('--url <url>', 'original URL where it was posted')
    .option('--platform <name>', 'platform (telegram, twitter, youtube, facebook…)')
    .option('--account <name>', 'posting account')
    .option('--posted-at <instant>', 'when it was posted (ISO 8601 with offset)')
    .option('--captured-at <instant>', 'when it was collected (ISO 8601 with offset)')
    .option('--captured-by <name>', 'who collected it')
    .option('--tool <name>', 'tool used to collect it')
    .option('--notes <text>', 'collection notes')
    .option('--title <text>', 'title')
    .option('--type <mediaType>', 'declared media type (default: from the file extension)')
    .option('--source <id>', 'source record this came from')
    .option('--event <id>', 'link to an event (repeatable)', collect)
    .option('--act <id>', 'link to an act (repeatable)', collect)
    .option('--sensitivity <label>', 'graphic_violence|personal_data_visible|deleted_by_source|minor_visible|sexual_violence (repeatable)', collect)
    .option('--confidentiality <level>', 'public|restricted|confidential')
    .action(async (targets: string[], o: AddOptions) => {
      const g = globals();
      const files = filesOf(targets);
      if (files.length === 0) throw new VigilError('VALIDATION_FAILED', 'no files found to add', [{ path: 'file', problem: 'no regular files under the given paths' }]);
      const rows: Record<string, unknown>[] = [];
      const failures: Error[] = [];
      await withServices(g, async (s) => {
        for (const file of files) {
          try {
            const { item, duplicate } = await s.evidence.ingest(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), metaFor(file, o), who());
            rows.push({ file, id: item.id, sha256: item.sha256, size: item.size, mediaType: item.mediaType, duplicate });
          } catch (e) {
            failures.push(e instanceof Error ? e : new Error(String(e)));
            const detail = isVigilError(e) && e.fields.length > 0 ? e.fields.map((f) => `${f.path || '(input)'}: ${f.problem}`).join('; ') : (e as Error).message;
            io.err(`vigil: ${file}: not added — ${detail}\n`);
          }
        }
      });
      if (rows.length > 0) io.out(render(g.format, rows, ['file', 'id', 'sha256', 'size', 'mediaType', 'duplicate']));
      const [first] = failures;
      if (first) {
        if (files.length === 1) throw first;
        throw new VigilError(isVigilError(first) ? first.code : 'INTERNAL', `${failures.length} of ${files.length} files were not added (see above)`);
      }
    });

  cmd.command('list')
    .description('list evidence items, newest first')
    .option('--status <status>', 'verification status')
    .option('--event <id>', 'linked to this event')
    .option('--sha256 <digest>', 'with this hash')
    .option('--limit <n>', 'page size (1-500)', '50')
    .option('--cursor <cursor>', 'continue after a previous page')
    .action(async (o: { status?: string; event?: string; sha256?: string; limit: string; cursor?: string }) => {
      const g = globals();
      const page = await withServices(g, (s) => s.evidence.list({ status: o.status, eventId: o.event, sha256: o.sha256, limit: o.limit, cursor: o.cursor }));
      if (g.format === 'json') return io.out(render('json', page, []));
      io.out(render(g.format, page.items.map((i) => ({ id: i.id, filename: i.filename, mediaType: i.mediaType, size: i.size, status: i.status, sha256: i.sha256 })), ['id', 'filename', 'mediaType', 'size', 'status', 'sha256']));
      if (page.nextCursor && g.format === 'table') io.err(`more: --cursor ${page.nextCursor}\n`);
    });

  cmd.command('show <id>')
    .description('one item with provenance, chain of custody, metadata and claims (logged as a view)')
    .action(async (id: string) => {
      const item = await withServices(globals(), (s) => s.evidence.get(id, who()));
      io.out(render('json', item, []));
    });

  cmd.command('verify')
    .description('re-hash every stored original; report each mismatch or missing file (non-zero exit if any)')
    .action(async () => {
      const g = globals();
      const report = await withServices(g, (s) => s.evidence.verify(who()));
      if (g.format === 'json') io.out(render('json', report, []));
      else if (report.problems.length > 0) io.out(render(g.format, report.problems, ['itemId', 'problem', 'sha256', 'observed']));
      io.err(`Checked ${report.checked} stored files: ${report.ok} intact, ${report.problems.length} with problems\n`);
      if (report.problems.length > 0) {
        for (const p of report.problems) io.err(`  ${p.problem === 'missing' ? 'MISSING ' : 'MISMATCH'} ${p.itemId} expected ${p.sha256}${p.observed ? ` found ${p.observed}` : ''}\n`);
        throw new Error(`integrity check failed: ${report.problems.length} problem(s)`);
      }
    });

  cmd.command('export <id>')
    .description('copy the original out, bit for bit (logged in the chain of custody); the copy is re-hashed')
    .requiredOption('--out <path>', 'a directory (the original file name is used) or a file path')
    .option('--note <text>', 'why, for whom')
    .action(async (id: string, o: { out: string; note?: string }) => {
      await withServices(globals(), async (s) => {
        const { item, content } = await s.evidence.open(id, 'export', who(), o.note ?? null);
        const target = fs.existsSync(o.out) && fs.statSync(o.out).isDirectory() ? path.join(o.out, item.filename) : o.out;
        if (fs.existsSync(target)) throw new VigilError('CONFLICT', `${target} already exists; not overwritten`);
        const tmp = `${target}.partial`;
        const hash = createHash('sha256');
        const stream = fs.createWriteStream(tmp, { flags: 'wx' });
        try {
          for await (const chunk of content) {
            hash.update(chunk);
            if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
          }
          await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
        } catch (e) {
          stream.destroy();
          fs.rmSync(tmp, { force: true });
          throw e;
        }
        const got = hash.digest('hex');
        if (got !== item.sha256) {
          fs.rmSync(tmp, { force: true });
          throw new Error(`the stored file no longer matches its hash (expected ${item.sha256}, read ${got}); run vigil evidence verify`);
        }
        fs.renameSync(tmp, target);
        io.err(`Exported ${item.filename} (sha256 ${item.sha256}) to ${target}\n`);
      });
    });

  cmd.command('status <id>')
    .description('move an item along the verification workflow')
    .requiredOption('--to <status>', 'in_progress|needs_help|ready_for_review|verified|disputed|unverifiable|unreviewed')
    .requiredOption('--version <n>', 'the version you last read')
    .option('--assignee <name>', 'who works on it')
    .option('--comment <text>', 'why')
    .action(async (id: string, o: { to: string; version: string; assignee?: string; comment?: string }) => {
      const g = globals();
      const body = { status: o.to, version: Number(o.version), ...(o.assignee ? { assignee: o.assignee } : {}), ...(o.comment ? { comment: o.comment } : {}) };
      const item = await withServices(g, (s) => s.evidence.setStatus(id, body, cliActor()));
      io.out(render(g.format, { id: item.id, status: item.status, assignee: item.assignee, version: item.version }, ['id', 'status', 'assignee', 'version']));
    });

  cmd.command('chronology <eventId>')
    .description('evidence and acts of an event in order of best-known time, with precision and verification')
    .action(async (eventId: string) => {
      const g = globals();
      const chronology = await withServices(g, (s) => s.evidence.chronology(eventId));
      if (g.format === 'json') return io.out(render('json', chronology, []));
      io.out(render(g.format, chronology.entries.map((e) => ({ ...e, verified: e.verified ? 'verified' : '' })), ['from', 'to', 'precision', 'kind', 'label', 'verified', 'basis', 'id']));
    });

  const incident = cmd.command('incident').description('named groups of an event\'s items, with counts of dead and injured');
  incident.command('add')
    .description('group items into an incident ("the residence, 15:00–17:31")')
    .requiredOption('--event <id>', 'the event')
    .requiredOption('--title <text>', 'name of the incident')
    .option('--from <instant>', 'start (ISO 8601 with offset)')
    .option('--to <instant>', 'end (ISO 8601 with offset)')
    .option('--item <id>', 'an evidence item (repeatable)', collect)
    .option('--killed <n>', 'people who appear to have been killed')
    .option('--injured <n>', 'people injured')
    .option('--source <id>', 'source of the counts (repeatable)', collect)
    .option('--note <text>', 'how the counts were made')
    .action(async (o: { event: string; title: string; from?: string; to?: string; item?: string[]; killed?: string; injured?: string; source?: string[]; note?: string }) => {
      const g = globals();
      const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      const body = Object.fromEntries(Object.entries({
        eventId: o.event, title: o.title, from: o.from, to: o.to, itemIds: o.item, killed: num(o.killed), injured: num(o.injured), sourceIds: o.source, countNote: o.note,
      }).filter(([, v]) => v !== undefined));
      const created = await withServices(g, (s) => s.evidence.createIncident(body, cliActor()));
      io.out(render(g.format, g.format === 'json' ? created : { id: created.id, label: created.label, killed: created.killed, injured: created.injured }, ['id', 'label', 'killed', 'injured']));
    });
  incident.command('list')
    .description('incidents of an event')
    .requiredOption('--event <id>', 'the event')
    .action(async (o: { event: string }) => {
      const g = globals();
      const list = await withServices(g, (s) => s.evidence.incidents({ eventId: o.event }));
      io.out(render(g.format, g.format === 'json' ? (list) : list.map((i) => ({ id: i.id, label: i.label, killed: i.killed, injured: i.injured, verified: i.items.verified })), ['id', 'label', 'killed', 'injured', 'verified']));
    });

  cmd.command('sun')
    .description('sunrise, sunset and civil dusk at a place on a local date (for chronolocation)')
    .requiredOption('--lat <deg>', 'latitude')
    .requiredOption('--lon <deg>', 'longitude')
    .requiredOption('--date <YYYY-MM-DD>', 'local date')
    .option('--tz <zone>', 'IANA time zone', 'Asia/Almaty')
    .action((o: { lat: string; lon: string; date: string; tz: string }) => {
      const q = parseInput(SunTimesQuery, { lat: o.lat, lon: o.lon, date: o.date, timeZone: o.tz });
      const day = sunTimes(q.lat, q.lon, q.date, q.timeZone);
      const rows = (['civilDawn', 'sunrise', 'solarNoon', 'sunset', 'civilDusk'] as const).map((k) => ({ moment: k, local: day[k]?.local ?? '', utc: day[k]?.utc ?? '' }));
      io.out(render(globals().format, globals().format === 'json' ? (day as unknown as Record<string, unknown>) : rows, ['moment', 'local', 'utc']));
    });
}
