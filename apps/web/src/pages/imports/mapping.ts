import { type FieldSpec, type ImportMappingInput, type ImportTarget } from '@vigil/core/contract';
import { type CatalogueField, type CatalogueTarget } from './api.js';

/**
 * The wizard edits the mapping itself (the JSON docs/IMPORT.md describes), not a copy in another
 * shape: what the form cannot show (templates, fallbacks) stays untouched and can be edited as JSON.
 */
export type MappingDraft = ImportMappingInput;
export type Spec = FieldSpec;

/** How the form shows one field: not mapped, one column, one value for every row, or something only JSON shows. */
export type SpecMode = 'none' | 'column' | 'value' | 'custom';

export function specMode(spec: Spec | undefined): SpecMode {
  if (spec === undefined) return 'none';
  if (Array.isArray(spec)) return 'custom';
  if ('column' in spec) return typeof spec.column === 'string' ? 'column' : 'custom';
  if ('value' in spec) return 'value';
  return 'custom';
}

/** The column of a one-column spec ('' otherwise). */
export const columnOf = (spec: Spec | undefined): string => (spec && !Array.isArray(spec) && 'column' in spec && typeof spec.column === 'string' ? spec.column : '');

/** The constant of a one-value spec ('' otherwise). */
export const valueOf = (spec: Spec | undefined): string => (spec && !Array.isArray(spec) && 'value' in spec && spec.value !== null ? String(spec.value) : '');

export function setField(m: MappingDraft, path: string, spec: Spec | undefined): MappingDraft {
  const fields = { ...(m.fields ?? {}) };
  if (spec === undefined) delete fields[path];
  else fields[path] = spec;
  return { ...m, fields };
}

/** A dataset name from the file name: stable across versions of the same list ("Partner list 2024.xlsx" → "partner-list-2024"). */
export function datasetName(fileName: string): string {
  const base = fileName.replace(/\.[a-z0-9]+$/i, '').toLowerCase();
  const slug = base.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return (slug || 'list').slice(0, 200);
}

/** Column names that usually mean a field, in the languages partners' lists are in. */
const SYNONYMS: Record<string, string[]> = {
  title: ['title', 'name of event', 'event', 'название', 'наименование', 'событие', 'атауы'],
  type: ['type', 'event type', 'тип', 'вид', 'түрі'],
  startAt: ['date', 'start', 'when', 'дата', 'начало', 'күні'],
  endAt: ['end', 'окончание', 'конец'],
  apprehendedAt: ['date', 'detained at', 'apprehended', 'when', 'дата', 'дата задержания', 'время задержания', 'күні'],
  releasedAt: ['released', 'released at', 'освобожден', 'освобождён', 'дата освобождения'],
  city: ['city', 'town', 'город', 'қала'],
  region: ['region', 'oblast', 'регион', 'область', 'облыс'],
  country: ['country', 'страна', 'ел'],
  summary: ['summary', 'description', 'описание'],
  notes: ['notes', 'note', 'comment', 'comments', 'примечание', 'примечания', 'комментарий'],
  organisers: ['organisers', 'organizers', 'организаторы'],
  claims: ['claims', 'demands', 'cause', 'требования'],
  pseudonym: ['pseudonym', 'псевдоним'],
  sex: ['sex', 'gender', 'пол', 'жынысы'],
  birthYear: ['birth year', 'year of birth', 'born', 'год рождения', 'туған жылы'],
  age: ['age', 'возраст', 'жасы'],
  legalArticle: ['article', 'статья', 'бап'],
  legalBasis: ['legal basis', 'basis', 'основание'],
  notificationStatus: ['agreement', 'notification', 'согласование', 'уведомление'],
};
export const NAME_SYNONYMS = ['name', 'full name', 'person', 'фио', 'имя', 'ф.и.о.', 'аты-жөні', 'аты'];
export const URL_SYNONYMS = ['url', 'urls', 'link', 'links', 'source', 'sources', 'ссылка', 'ссылки', 'источник', 'источники'];
export const ROLE_SYNONYMS = ['role', 'roles', 'роль', 'статус', 'рөлі'];

const fold = (s: string): string => s.toLowerCase().replace(/[\s_\-.]+/g, ' ').trim();

/** The column a field most likely comes from: the same name, or a usual synonym (never a column already taken). */
export function suggestColumn(names: string[], columns: string[], taken: Set<string> = new Set()): string | null {
  const wanted = names.map(fold);
  const free = columns.filter((c) => !taken.has(c));
  return free.find((c) => wanted.includes(fold(c))) ?? free.find((c) => wanted.some((w) => w.length > 3 && fold(c).includes(w))) ?? null;
}

const fieldNames = (f: CatalogueField): string[] => {
  const key = f.path.split('.')[1] ?? f.path;
  return [key, ...(SYNONYMS[key] ?? [])];
};

/** A first mapping for a kind of list: fields whose columns can be guessed are filled in; the rest is the user's. */
export function newMapping(target: ImportTarget, fileName: string, columns: string[], catalogue: CatalogueTarget | undefined): MappingDraft {
  const taken = new Set<string>();
  const take = (names: string[]): string | null => {
    const c = suggestColumn(names, columns, taken);
    if (c) taken.add(c);
    return c;
  };
  const m: MappingDraft = { target, dataset: datasetName(fileName), defaultZone: 'Asia/Almaty', dayFirst: true, confidentiality: 'restricted', fields: {} };
  if (target !== 'event') {
    const name = take(NAME_SYNONYMS);
    m.names = name ? [{ value: { column: name } }] : [];
  }
  for (const f of catalogue?.fields ?? []) {
    if (f.kind === 'id' || f.kind === 'confidentiality' || f.kind === 'zone') continue;
    const column = take(fieldNames(f));
    if (column) m.fields = { ...m.fields, [f.path]: { column } };
  }
  if (target !== 'event') {
    const role = take(ROLE_SYNONYMS);
    if (role) m.roles = [{ role: { column: role }, split: true }];
  }
  const urls = take(URL_SYNONYMS);
  if (urls) m.sources = { urls: { column: urls } };
  return m;
}

/** Another kind of list: fields the new kind lacks are dropped, and names/roles/estimates follow the kind. */
export function changeTarget(m: MappingDraft, target: ImportTarget, catalogue: CatalogueTarget | undefined): MappingDraft {
  const allowed = new Set(catalogue?.fields.map((f) => f.path) ?? []);
  const fields = Object.fromEntries(Object.entries(m.fields ?? {}).filter(([path]) => allowed.has(path)));
  const { names, roles, estimates, ...rest } = m;
  return {
    ...rest, target, fields,
    ...(target === 'event' ? (estimates ? { estimates } : {}) : { names: names ?? [], ...(roles ? { roles } : {}) }),
  };
}

/** Distinct non-empty values of a column in the sample rows (for mapping wordings onto codes). */
export function distinctValues(rows: { cells: Record<string, string> }[], column: string, max = 30): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    const v = (r.cells[column] ?? '').trim();
    if (v) seen.add(v);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** A problem path of the server ("mapping.fields.event.title") as the form names it ("fields.event.title"). */
export const formPath = (path: string): string => path.replace(/^mapping\./, '');

