/**
 * A column mapping: how the rows of a partner's CSV, XLSX or JSON list become Vigil records.
 * Saved and reused (import_mappings); docs/IMPORT.md explains every key with examples, and
 * docs/mappings/ovdinfo-2013.json is a complete one.
 */
import { z } from 'zod';
import { Confidentiality, Id, Term } from '../records/common.schema.js';
import { IMPORT_FIELDS, IMPORT_TARGETS, hasPersons } from './fields.js';

const ColumnName = z.string().min(1).max(200);

/** One or more columns of the row (joined by `join`, default one space: "date" + "time"). */
export const CellSpec = z
  .object({
    column: z.union([ColumnName, z.array(ColumnName).min(1).max(10)]),
    join: z.string().max(10).optional(),
    /** Value as written → value stored (codes); matched ignoring case and extra spaces. null = leave empty. */
    map: z.record(z.string().max(500), z.union([z.string().max(500), z.null()])).optional(),
    /** Used when the cell is empty, or (with `map`) holds a value the map does not list. */
    default: z.union([z.string().max(500), z.number(), z.null()]).optional(),
    /** Dates: the zone of times written without one (default: the mapping's defaultZone). */
    zone: z.string().min(1).max(64).optional(),
  })
  .strict();

/** The same value for every row. */
export const ConstantSpec = z.object({ value: z.union([z.string().max(20000), z.number(), z.null()]) }).strict();

/**
 * Text built from several columns: `{column}` is replaced by the cell; a line whose placeholders
 * are all empty is dropped, so optional columns leave no dangling labels.
 */
export const TemplateSpec = z.object({ template: z.string().min(1).max(4000) }).strict();

const SingleSpec = z.union([CellSpec, ConstantSpec, TemplateSpec]);
/** A spec, or a list of specs of which the first that yields a value wins. */
export const FieldSpec = z.union([SingleSpec, z.array(SingleSpec).min(1).max(10)]);
export type FieldSpec = z.infer<typeof FieldSpec>;
export type CellSpec = z.infer<typeof CellSpec>;
export type SingleSpec = z.infer<typeof SingleSpec>;

const Language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en, ru, kk');

export const NameSpec = z
  .object({
    value: FieldSpec,
    language: Language.optional(),
    /** cyrl, latn, other; detected from the name when left out. */
    script: Term.optional(),
    kind: Term.optional(),
  })
  .strict();

export const RoleSpec = z
  .object({
    role: FieldSpec,
    /** Several roles in one cell ("journalist; human rights defender"): split on , ; / and new lines. */
    split: z.boolean().optional(),
    organisation: FieldSpec.optional(),
    note: FieldSpec.optional(),
  })
  .strict();

export const EstimateSpec = z
  .object({
    measure: z.string().trim().min(1).max(200),
    min: FieldSpec.optional(),
    max: FieldSpec.optional(),
    claimedBy: FieldSpec.optional(),
    note: FieldSpec.optional(),
  })
  .strict();

export const SourcesSpec = z
  .object({
    /** Links: several per cell, separated by spaces, commas, semicolons or new lines. */
    urls: FieldSpec,
    kind: Term.default('media_report'),
    /** Template over the row plus {url}, {host} and {path}; default "{url}". */
    title: z.string().min(1).max(1000).optional(),
    /** Template like title; default "{host}". */
    outlet: z.string().min(1).max(1000).optional(),
    language: Language.optional(),
    reliability: Term.optional(),
    confidentiality: Confidentiality.optional(),
  })
  .strict();

export const FileOptions = z
  .object({
    format: z.enum(['csv', 'xlsx', 'json']).optional(),
    /** auto (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1251 if it looks Cyrillic), or force one. */
    encoding: z.enum(['auto', 'utf-8', 'windows-1251', 'koi8-r', 'utf-16le', 'utf-16be']).default('auto'),
    /** CSV: the separator; detected from the header line (, ; tab |) when left out. */
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    /** XLSX: the sheet to read (default the first). */
    sheet: z.string().min(1).max(200).optional(),
    /** Longest cell accepted; a longer one makes its row fail. Default 32,767 (Excel's own limit). */
    maxCellLength: z.number().int().min(100).max(1_000_000).default(32_767),
  })
  .strict();

export const ImportMapping = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(4000).optional(),
    target: z.enum(IMPORT_TARGETS),
    /**
     * Names the list, so re-importing it (or a later version of it) creates no duplicates: each
     * row's source key is derived from this, the target and either `idColumns` or the row's content.
     */
    dataset: z.string().trim().min(1).max(200).optional(),
    /** Columns that identify a row across versions of the list (OVD-Info's "Id"). */
    idColumns: z.array(ColumnName).min(1).max(5).optional(),
    file: FileOptions.default({ encoding: 'auto', maxCellLength: 32_767 }),
    /** Zone of dates and times written without one. */
    defaultZone: z.string().min(1).max(64).default('Asia/Almaty'),
    /** Read 06/07/2018 as 6 July (true) or June 7 (false). */
    dayFirst: z.boolean().default(true),
    /** Language of the list's text: the default for names and linked sources. */
    language: Language.optional(),
    /** Of every record created (default restricted); a field mapping may set it per row. */
    confidentiality: Confidentiality.default('restricted'),
    /** Existing sources every created record cites (e.g. the partner's list itself). */
    sourceIds: z.array(Id).max(20).default([]),
    fields: z.record(z.string(), FieldSpec).default({}),
    names: z.array(NameSpec).max(10).optional(),
    roles: z.array(RoleSpec).max(10).optional(),
    estimates: z.array(EstimateSpec).max(10).optional(),
    sources: SourcesSpec.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const allowed = IMPORT_FIELDS[m.target];
    for (const field of Object.keys(m.fields)) {
      if (!(field in allowed)) {
        ctx.addIssue({ code: 'custom', path: ['fields', field], message: `is not a field of a ${m.target} list (see GET /api/v1/imports/fields)` });
      }
    }
    for (const [field, def] of Object.entries(allowed)) {
      if (def.required && !(field in m.fields)) ctx.addIssue({ code: 'custom', path: ['fields', field], message: `is required for a ${m.target} list` });
    }
    if (hasPersons(m.target) && (m.names ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['names'], message: `a ${m.target} list needs at least one name column` });
    if (!hasPersons(m.target)) {
      if (m.names) ctx.addIssue({ code: 'custom', path: ['names'], message: 'only person and detention lists take names' });
      if (m.roles) ctx.addIssue({ code: 'custom', path: ['roles'], message: 'only person and detention lists take roles' });
    }
    if (m.target !== 'event' && m.estimates) ctx.addIssue({ code: 'custom', path: ['estimates'], message: 'only event lists take estimates' });
  });
export type ImportMapping = z.infer<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;

/** A saved mapping as sent by a client: a name and the mapping. */
export const SavedMappingInput = z.object({ name: z.string().trim().min(1).max(200), mapping: z.unknown() }).strict();
export const SavedMappingPatch = z.object({ version: z.number().int().positive(), name: z.string().trim().min(1).max(200).optional(), mapping: z.unknown().optional() }).strict();

/** Every column the mapping reads (for the missing-column check and the row's content key). */
export function mappedColumns(m: ImportMapping): string[] {
  const out = new Set<string>();
  const visit = (spec: FieldSpec | undefined): void => {
    if (!spec) return;
    for (const s of Array.isArray(spec) ? spec : [spec]) {
      if ('column' in s) for (const c of Array.isArray(s.column) ? s.column : [s.column]) out.add(c);
      if ('template' in s) for (const c of templateColumns(s.template)) out.add(c);
    }
  };
  Object.values(m.fields).forEach(visit);
  for (const n of m.names ?? []) visit(n.value);
  for (const r of m.roles ?? []) [r.role, r.organisation, r.note].forEach(visit);
  for (const e of m.estimates ?? []) [e.min, e.max, e.claimedBy, e.note].forEach(visit);
  if (m.sources) {
    visit(m.sources.urls);
    for (const t of [m.sources.title, m.sources.outlet]) for (const c of templateColumns(t ?? '')) if (!SOURCE_PLACEHOLDERS.has(c)) out.add(c);
  }
  for (const c of m.idColumns ?? []) out.add(c);
  return [...out];
}

/** Placeholders a source title or outlet may use besides the row's columns. */
export const SOURCE_PLACEHOLDERS = new Set(['url', 'host', 'path']);

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function templateColumns(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter(Boolean);
}

/** Fills `{column}` placeholders; lines whose placeholders are all empty are dropped. */
export function fillTemplate(template: string, value: (name: string) => string): string {
  return template
    .split('\n')
    .flatMap((line) => {
      const names = templateColumns(line);
      const values = names.map((n) => value(n).trim());
      if (names.length > 0 && values.every((v) => v === '')) return [];
      return [line.replace(PLACEHOLDER, (_, n: string) => value(n).trim())];
    })
    .join('\n')
    .trim();
}
