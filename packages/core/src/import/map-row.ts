/**
 * One row of a partner's list → the record inputs it becomes, or the problems that keep it out.
 * Pure: vocabulary codes and references are checked later, by the record service, when the row
 * is written (their problems are turned back into columns with `origins`).
 *
 * Problems quote the cell for dates, numbers, codes and links (the value is the problem), never
 * for free text, so a report never repeats a name or a contact.
 */
import { parseDateTime } from '../dates/index.js';
import { isKnownZone } from '../dates/index.js';
import { detectScript } from '../names/index.js';
import { IMPORT_FIELDS, type ImportField } from './fields.js';
import { type CellSpec, type FieldSpec, fillTemplate, type ImportMapping, mappedColumns, type SingleSpec } from './mapping.schema.js';
import { type RowProblem, type TableRow } from './ports.js';

/** What one valid row becomes; references between its records are filled when it is written. */
export interface RowPlan {
  row: number;
  /** Identifies the row across imports (only a keyed hash of it is stored). */
  keyMaterial: string;
  /** The row's mapped content, to tell "already imported" from "changed since imported". */
  contentMaterial: string;
  event: Record<string, unknown> | null;
  person: Record<string, unknown> | null;
  detention: Record<string, unknown> | null;
  /** Links the row cites, each becoming (or reusing) a source. */
  urls: string[];
  /** Values of the source templates' row placeholders. */
  cells: Record<string, string>;
  /** Record path (`event.title`, `person.names.1`) → the column it came from. */
  origins: Record<string, string>;
}

export type MapResult = { plan: RowPlan; problems: [] } | { plan: null; problems: RowProblem[] };

type Value = string | number | null;
interface Evaluated {
  value: Value;
  column: string | null;
  problem?: string;
}

const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[\s\u00a0]+/g, ' ').trim();
const TERM = /^[a-z0-9_]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_URLS = 50;

function mapIndex(map: Record<string, string | null>): Map<string, string | null> {
  return new Map(Object.entries(map).map(([k, v]) => [norm(k), v]));
}

/** Map lookups are normalised once per mapping, not once per row. */
const mapCache = new WeakMap<object, Map<string, string | null>>();
function lookup(map: Record<string, string | null>): Map<string, string | null> {
  let index = mapCache.get(map);
  if (!index) {
    index = mapIndex(map);
    mapCache.set(map, index);
  }
  return index;
}

function evaluateOne(spec: SingleSpec, cells: Record<string, string>): Evaluated {
  if ('value' in spec) return { value: spec.value, column: null };
  if ('template' in spec) return { value: fillTemplate(spec.template, (c) => cells[c] ?? ''), column: null };
  const columns = Array.isArray(spec.column) ? spec.column : [spec.column];
  const column = columns[0] ?? null;
  const raw = columns.map((c) => (cells[c] ?? '').trim()).filter((v) => v !== '').join(spec.join ?? ' ');
  const fallback = spec.default === undefined ? null : spec.default;
  if (raw === '') return { value: fallback, column };
  if (!spec.map) return { value: raw, column };
  const index = lookup(spec.map);
  const key = norm(raw);
  if (index.has(key)) return { value: index.get(key) ?? null, column };
  if (spec.default !== undefined) return { value: fallback, column };
  const known = [...Object.keys(spec.map)].slice(0, 12).map((k) => `"${k}"`).join(', ');
  return { value: null, column, problem: `"${clip(raw)}" is not in the mapping's list for this column (${known}${Object.keys(spec.map).length > 12 ? ', …' : ''}); add it to "map" or give a "default"` };
}

/** A spec, or the first of a list that yields a value. */
function evaluate(spec: FieldSpec | undefined, cells: Record<string, string>): Evaluated {
  if (spec === undefined) return { value: null, column: null };
  const list = Array.isArray(spec) ? spec : [spec];
  let first: Evaluated | null = null;
  for (const s of list) {
    const e = evaluateOne(s, cells);
    first ??= e;
    if (e.problem || (e.value !== null && String(e.value).trim() !== '')) return e;
  }
  return { value: null, column: first?.column ?? null };
}

function clip(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const specColumn = (spec: FieldSpec | undefined): string | null => {
  for (const s of spec === undefined ? [] : Array.isArray(spec) ? spec : [spec]) {
    if ('column' in s) return (Array.isArray(s.column) ? s.column[0] : s.column) ?? null;
  }
  return null;
};

/** Collects one row's values and problems. */
class RowReader {
  readonly problems: RowProblem[] = [];
  readonly origins: Record<string, string> = {};

  constructor(
    readonly m: ImportMapping,
    readonly row: TableRow,
  ) {}

  fail(column: string | null, problem: string): void {
    this.problems.push({ row: this.row.row, column, problem });
  }

  /** Evaluates a spec to trimmed text (null when empty), recording where it came from. */
  text(spec: FieldSpec | undefined, origin: string, label: string, max: number): string | null {
    const e = evaluate(spec, this.row.cells);
    if (e.column) this.origins[origin] = e.column;
    if (e.problem) {
      this.fail(e.column, e.problem);
      return null;
    }
    const value = e.value === null ? '' : String(e.value).trim();
    if (value === '') return null;
    if (value.length > max) {
      this.fail(e.column, `${label} is ${value.length} characters long; at most ${max} fit`);
      return null;
    }
    return value;
  }

  /** A mapped field of the catalogue, parsed by its kind. */
  field(path: string, def: ImportField): { value: unknown; precision?: string; original?: string } | null {
    const spec = this.m.fields[path];
    if (spec === undefined) return null;
    const e = evaluate(spec, this.row.cells);
    const origin = path;
    if (e.column) this.origins[origin] = e.column;
    const column = e.column ?? specColumn(spec);
    if (e.problem) {
      this.fail(column, e.problem);
      return null;
    }
    const raw = e.value === null ? '' : String(e.value).trim();
    const name = path.split('.')[1] ?? path;
    if (raw === '') {
      if (def.required) this.fail(column, `is empty, and ${name} is required`);
      return null;
    }
    switch (def.kind) {
      case 'text':
        if (def.max !== undefined && raw.length > def.max) {
          this.fail(column, `${name} is ${raw.length} characters long; at most ${def.max} fit`);
          return null;
        }
        return { value: raw };
      case 'date': {
        const zone = (Array.isArray(spec) ? undefined : 'zone' in spec ? spec.zone : undefined) ?? this.m.defaultZone;
        const parsed = cachedDate(raw, zone, this.m.dayFirst);
        if ('error' in parsed) {
          this.fail(column, `"${clip(raw)}" is not a date (${name}): ${parsed.error}`);
          return null;
        }
        return { value: parsed.at, precision: parsed.precision, original: parsed.original.trim() };
      }
      case 'integer': {
        const n = integer(raw);
        if (n === null) this.fail(column, `"${clip(raw)}" is not a whole number (${name})`);
        return n === null ? null : { value: n };
      }
      case 'code':
        if (!TERM.test(raw) || raw.length > 64) {
          this.fail(column, `"${clip(raw)}" is not a vocabulary code (${def.vocabulary ?? name}); translate the list's wording with "map"`);
          return null;
        }
        return { value: raw };
      case 'country':
        if (!/^[A-Za-z]{2}$/.test(raw)) {
          this.fail(column, `"${clip(raw)}" is not an ISO 3166 alpha-2 country code such as KZ`);
          return null;
        }
        return { value: raw.toUpperCase() };
      case 'zone':
        if (!isKnownZone(raw)) {
          this.fail(column, `"${clip(raw)}" is not a time zone (use an IANA name such as Asia/Almaty)`);
          return null;
        }
        return { value: raw };
      case 'id':
        if (!UUID.test(raw)) {
          this.fail(column, `"${clip(raw)}" is not a Vigil record id (a UUID)`);
          return null;
        }
        return { value: raw.toLowerCase() };
      case 'confidentiality':
        if (!['public', 'restricted', 'confidential'].includes(raw)) {
          this.fail(column, `"${clip(raw)}" is not public, restricted or confidential`);
          return null;
        }
        return { value: raw };
    }
  }

  integerOf(spec: FieldSpec | undefined, origin: string, label: string): number | null {
    const e = evaluate(spec, this.row.cells);
    if (e.column) this.origins[origin] = e.column;
    if (e.problem) {
      this.fail(e.column, e.problem);
      return null;
    }
    const raw = e.value === null ? '' : String(e.value).trim();
    if (raw === '') return null;
    const n = integer(raw);
    if (n === null) this.fail(e.column ?? specColumn(spec), `"${clip(raw)}" is not a whole number (${label})`);
    return n;
  }
}

/** Lists repeat the same dates row after row; reading one is costly (zone rules), so keep a few thousand. */
const DATE_CACHE = new Map<string, ReturnType<typeof parseDateTime>>();
function cachedDate(raw: string, zone: string, dayFirst: boolean): ReturnType<typeof parseDateTime> {
  const key = `${zone}\u0000${dayFirst ? 1 : 0}\u0000${raw}`;
  let hit = DATE_CACHE.get(key);
  if (hit === undefined) {
    hit = parseDateTime(raw, { defaultZone: zone, dayFirst });
    if (DATE_CACHE.size >= 5000) DATE_CACHE.clear();
    DATE_CACHE.set(key, hit);
  }
  return hit;
}

/** "1 234", "12", "12.0" (a spreadsheet number) → 1234, 12, 12; anything else → null. */
export function integer(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/\.0+$/, '');
  if (!/^\+?\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Splits a cell of links; adds http:// to bare "site.org/page"; returns links and bad fragments. */
export function splitUrls(text: string): { urls: string[]; bad: string[] } {
  const urls: string[] = [];
  const bad: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    const frag = piece.replace(/^["'«<([]+/, '').replace(/["'»>)\].]+$/, '');
    if (frag === '') continue;
    const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(frag) ? frag : /^[\p{L}\d-]+(\.[\p{L}\d-]+)+(\/|$|\?)/u.test(frag) ? `http://${frag}` : null;
    let ok = false;
    if (candidate !== null && candidate.length <= 2000) {
      try {
        const u = new URL(candidate);
        ok = u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        ok = false;
      }
    }
    if (ok && candidate !== null) {
      if (!urls.includes(candidate)) urls.push(candidate);
    } else bad.push(frag);
  }
  return { urls, bad };
}

/** Key material: the dataset, the target and the id columns (or, without them, the mapped content). */
function keysOf(m: ImportMapping, row: TableRow, reader: RowReader): { keyMaterial: string; contentMaterial: string } | null {
  const scope = `${m.dataset ?? ''}\u001e${m.target}`;
  const columns = [...columnsOf(m)].sort();
  const contentMaterial = `row\u001e${scope}\u001e${JSON.stringify(columns.map((c) => [c, norm(row.cells[c] ?? '')]))}`;
  if (!m.idColumns) return { keyMaterial: contentMaterial, contentMaterial };
  const ids = m.idColumns.map((c) => (row.cells[c] ?? '').trim());
  if (ids.every((v) => v === '')) {
    reader.fail(m.idColumns[0] ?? null, 'the id column is empty, so the row cannot be told apart from others on a re-import');
    return null;
  }
  return { keyMaterial: `id\u001e${scope}\u001e${ids.join('\u001f')}`, contentMaterial };
}

/** Sets only the values present, so the record schema's defaults apply to the rest. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value;
}

function entityFields(reader: RowReader, entity: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, def] of Object.entries(IMPORT_FIELDS[reader.m.target])) {
    if (!path.startsWith(`${entity}.`)) continue;
    const name = path.slice(entity.length + 1);
    const got = reader.field(path, def);
    if (!got) continue;
    if (def.kind === 'date') {
      const base = name.replace(/At$/, '');
      if (entity === 'event') {
        put(out, name, got.value);
        put(out, `${base}Precision`, got.precision);
        if (name === 'startAt') put(out, 'timeOriginal', got.original);
      } else if (name === 'apprehendedAt') {
        put(out, 'apprehendedAt', got.value);
        put(out, 'apprehendedPrecision', got.precision);
        put(out, 'apprehendedTimeOriginal', got.original);
      } else if (name === 'releasedAt') {
        out.steps = [{ type: 'released', at: got.value, precision: got.precision, timeOriginal: got.original }];
      }
    } else {
      put(out, name, got.value);
    }
  }
  return out;
}

function personOf(reader: RowReader, eventId: unknown): Record<string, unknown> {
  const m = reader.m;
  const person = entityFields(reader, 'person');
  const names: Record<string, unknown>[] = [];
  const before = reader.problems.length;
  (m.names ?? []).forEach((spec) => {
    const origin = `person.names.${names.length}`;
    const value = reader.text(spec.value, origin, 'the name', 300);
    if (value === null) return;
    const script = spec.script ?? detectScript(value);
    names.push({ value, script, language: spec.language ?? m.language ?? null, kind: spec.kind ?? 'full' });
  });
  if (names.length === 0 && reader.problems.length === before) {
    reader.fail(specColumn(m.names?.[0]?.value), 'no name: every person needs at least one (or a description such as "unidentified journalist")');
  }
  person.names = names;
  const roles: Record<string, unknown>[] = [];
  (m.roles ?? []).forEach((spec, i) => {
    const origin = `person.roles.${roles.length}`;
    // Split roles are mapped one by one ("журналист; правозащитник" → journalist, human_rights_defender).
    const withMap = (Array.isArray(spec.role) ? spec.role : [spec.role]).find((x): x is CellSpec => 'column' in x && x.map !== undefined);
    const raw = reader.text(spec.split && withMap ? { ...withMap, map: undefined, default: undefined } : spec.role, origin, 'the role', 500);
    if (raw === null) return;
    const organisationName = reader.text(spec.organisation, `person.roles.${i}.organisationName`, 'the organisation', 300);
    const note = reader.text(spec.note, `person.roles.${i}.note`, 'the note', 1000);
    const pieces = spec.split ? raw.split(/[,;/\n]+/).map((r) => r.trim()).filter(Boolean) : [raw];
    for (const piece of pieces) {
      let role = piece;
      if (spec.split && withMap?.map) {
        const mapped = evaluateOne({ ...withMap, column: '\u0000' }, { '\u0000': piece });
        if (mapped.problem) {
          reader.fail(specColumn(spec.role), mapped.problem);
          continue;
        }
        if (mapped.value === null || String(mapped.value).trim() === '') continue;
        role = String(mapped.value).trim();
      }
      if (!TERM.test(role)) {
        reader.fail(specColumn(spec.role), `"${clip(role)}" is not a role code; translate the list's wording with "map" (e.g. "журналист": "journalist")`);
        continue;
      }
      roles.push({ role, organisationName, note, eventId: typeof eventId === 'string' ? eventId : null });
    }
  });
  if (roles.length > 0) person.roles = roles;
  put(person, 'confidentiality', person.confidentiality ?? m.confidentiality);
  person.sourceIds = [...m.sourceIds];
  return person;
}

const columnCache = new WeakMap<ImportMapping, Set<string>>();
function columnsOf(m: ImportMapping): Set<string> {
  let set = columnCache.get(m);
  if (!set) {
    set = new Set(mappedColumns(m));
    columnCache.set(m, set);
  }
  return set;
}

/** Maps one row; see the module comment. */
export function mapRow(m: ImportMapping, row: TableRow): MapResult {
  const reader = new RowReader(m, row);
  const read = columnsOf(m);
  // A cell the mapping does not read (too long, a formula without a result) does not fail the row.
  for (const p of row.problems) if (p.column === null || read.has(p.column)) reader.fail(p.column, p.problem);
  const keys = keysOf(m, row, reader);
  let event: Record<string, unknown> | null = null;
  let person: Record<string, unknown> | null = null;
  let detention: Record<string, unknown> | null = null;
  if (m.target === 'event') {
    event = entityFields(reader, 'event');
    put(event, 'timezone', event.timezone ?? m.defaultZone);
    put(event, 'confidentiality', event.confidentiality ?? m.confidentiality);
    const estimates: Record<string, unknown>[] = [];
    for (const spec of m.estimates ?? []) {
      const origin = `event.estimates.${estimates.length}`;
      const min = reader.integerOf(spec.min, origin, `${spec.measure} (min)`);
      const max = reader.integerOf(spec.max, origin, `${spec.measure} (max)`);
      if (min === null && max === null) continue;
      if (min !== null && max !== null && max < min) reader.fail(specColumn(spec.max), `${spec.measure}: the maximum ${max} is below the minimum ${min}`);
      estimates.push({
        measure: spec.measure, min, max,
        claimedBy: reader.text(spec.claimedBy, origin, 'claimed by', 300),
        note: reader.text(spec.note, origin, 'the note', 1000),
      });
    }
    if (estimates.length > 0) event.estimates = estimates;
    event.sourceIds = [...m.sourceIds];
  } else {
    if (m.target === 'detention') {
      detention = entityFields(reader, 'detention');
      put(detention, 'confidentiality', detention.confidentiality ?? m.confidentiality);
      detention.sourceIds = [...m.sourceIds];
    }
    person = personOf(reader, detention?.eventId);
  }
  let urls: string[] = [];
  if (m.sources) {
    const e = evaluate(m.sources.urls, row.cells);
    if (e.column) reader.origins['sources'] = e.column;
    if (e.problem) reader.fail(e.column, e.problem);
    else if (e.value !== null) {
      const split = splitUrls(String(e.value));
      for (const frag of split.bad) reader.fail(e.column ?? specColumn(m.sources.urls), `"${clip(frag)}" is not a link (http or https)`);
      if (split.urls.length > MAX_URLS) reader.fail(e.column, `${split.urls.length} links; at most ${MAX_URLS} a row`);
      urls = split.urls.slice(0, MAX_URLS);
    }
  }
  if (reader.problems.length > 0 || keys === null) return { plan: null, problems: reader.problems };
  return {
    plan: { row: row.row, ...keys, event, person, detention, urls, cells: row.cells, origins: reader.origins },
    problems: [],
  };
}

/** The column a record problem (`event.estimates.0.min`, `person.names.1.value`) came from, if known. */
export function columnOf(plan: RowPlan, path: string): string | null {
  let best: string | null = null;
  let bestLength = -1;
  for (const [origin, column] of Object.entries(plan.origins)) {
    if ((path === origin || path.startsWith(`${origin}.`)) && origin.length > bestLength) {
      best = column;
      bestLength = origin.length;
    }
  }
  return best;
}
