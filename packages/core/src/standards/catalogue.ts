import { z } from 'zod';
import { Origin } from '../custody/index.js';
import builtIn from './catalogue/standards.json' with { type: 'json' };

/**
 * The standards catalogue is DATA (catalogue/standards.json, from shared/product/STANDARDS.md), so a
 * new jurisdiction or a corrected citation is a data change. It is validated strictly at load: a
 * typo in a field name would otherwise silently drop a threshold or a translation from every report.
 */

const Code = z.string().regex(/^[a-z0-9_]+$/, 'must be a code (lowercase letters, digits, _)');
const Line = z.string().trim().min(1, 'must not be empty');

/** LAW = binding national law · STD = international standard · CONV = monitors' convention (a setting, not law). */
export { Origin };
export const ThresholdUnit = z.enum(['hours', 'working_days']);
export type ThresholdUnit = z.infer<typeof ThresholdUnit>;

export const Threshold = z.object({ code: Code, value: z.number().nonnegative(), unit: ThresholdUnit, origin: Origin, note: Line }).strict();
export type Threshold = z.infer<typeof Threshold>;

/** [V] checked against the text · [P] partly checked · [R] from secondary sources, check before publication. */
export const VerificationStatus = z.enum(['checked', 'partly', 'to_check']);
export type VerificationStatus = z.infer<typeof VerificationStatus>;

export const Standard = z
  .object({
    id: z.string().regex(/^[A-Z][A-Za-z0-9.-]*$/, 'must be a standard id such as GC37-84 or KZ-KoAP-488'),
    instrument: Line,
    citation: Line,
    status: VerificationStatus,
    /** Why a status is mixed (e.g. some principles checked, one not). */
    statusNote: Line.optional(),
    jurisdiction: z.union([z.literal('international'), z.string().regex(/^[A-Z]{2}$/, 'must be "international" or an ISO 3166 alpha-2 code')]),
    paraphrase: z.object({ en: Line, ru: Line }).strict(),
    breachIndicators: z.array(Line),
    thresholds: z.array(Threshold),
  })
  .strict();
export type Standard = z.infer<typeof Standard>;

const CatalogueFile = z
  .object({ version: Line, source: Line.optional(), standards: z.array(Standard).min(1, 'must list at least one standard') })
  .strict();

export interface Catalogue {
  version: string;
  standards: readonly Standard[];
  byId: ReadonlyMap<string, Standard>;
}

export interface CatalogueProblem {
  /** Index in `standards`, or null for a problem with the file itself. */
  index: number | null;
  id: string | null;
  field: string;
  problem: string;
}

/** Thrown by loadCatalogue; the message names each offending entry (index and id) and field. */
export class CatalogueError extends Error {
  readonly problems: CatalogueProblem[];
  constructor(problems: CatalogueProblem[]) {
    const where = (p: CatalogueProblem) => (p.index === null ? '' : `standards[${p.index}]${p.id ? ` (${p.id})` : ''}, `);
    super(`invalid standards catalogue: ${problems.map((p) => `${where(p)}field ${p.field}: ${p.problem}`).join('; ')}`);
    this.name = 'CatalogueError';
    this.problems = problems;
  }
}

/** The id of raw entry i, if it has a string id, so messages can name the entry even when it is invalid. */
function rawId(data: unknown, index: number): string | null {
  const list = (data as { standards?: unknown } | null)?.standards;
  const entry: unknown = Array.isArray(list) ? list[index] : undefined;
  const id = (entry as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

function problemsOf(error: z.ZodError, data: unknown): CatalogueProblem[] {
  return error.issues.flatMap((issue) => {
    const [head, index, ...rest] = issue.path;
    const inEntry = head === 'standards' && typeof index === 'number';
    const at = inEntry ? { index, id: rawId(data, index) } : { index: null, id: null };
    const base = (inEntry ? rest : issue.path).map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...at, field: base ? `${base}.${key}` : key, problem: 'is not a known field' }));
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return [{ ...at, field: base || '(root)', problem: missing ? 'is required' : issue.message }];
  });
}

/** Cross-entry checks zod cannot express per entry: unique ids, unique threshold codes per entry. */
function duplicates(standards: readonly Standard[]): CatalogueProblem[] {
  const firstAt = new Map<string, number>();
  const problems: CatalogueProblem[] = [];
  standards.forEach((s, index) => {
    const first = firstAt.get(s.id);
    if (first !== undefined) problems.push({ index, id: s.id, field: 'id', problem: `duplicates standards[${first}]` });
    else firstAt.set(s.id, index);
    const codes = s.thresholds.map((t) => t.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) problems.push({ index, id: s.id, field: `thresholds.${i}.code`, problem: `duplicate threshold code ${code}` });
    });
  });
  return problems;
}

/** Validates catalogue data (parsed JSON) or throws a CatalogueError naming every bad entry and field. */
export function loadCatalogue(data: unknown): Catalogue {
  const parsed = CatalogueFile.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new CatalogueError(problemsOf(parsed.error, data));
  const dupes = duplicates(parsed.data.standards);
  if (dupes.length) throw new CatalogueError(dupes);
  const { version, standards } = parsed.data;
  return { version, standards, byId: new Map(standards.map((s) => [s.id, s])) };
}

// Loaded at module load so a broken catalogue stops the process at start, not in the middle of a review.
export const CATALOGUE: Catalogue = loadCatalogue(builtIn);

/** The standard with this id, or undefined. */
export function standardById(id: string, catalogue: Catalogue = CATALOGUE): Standard | undefined {
  return catalogue.byId.get(id);
}

/** One threshold of one standard; throws when the catalogue lacks it, since a rule depends on it. */
export function thresholdOf(catalogue: Catalogue, standardId: string, code: string): Threshold & { standardId: string } {
  const found = catalogue.byId.get(standardId)?.thresholds.find((t) => t.code === code);
  if (!found) throw new Error(`standards catalogue ${catalogue.version} has no threshold ${code} on ${standardId}`);
  return { ...found, standardId };
}
