import { z } from 'zod';
import kz from './profiles/kz.json' with { type: 'json' };

/**
 * A jurisdiction's custody rules, held as DATA so a new country is a new JSON file, not new code.
 * Every threshold carries its origin (LAW / STD / CONV) and a standard id from STANDARDS.md,
 * because each alert must say how firm its footing is.
 */

const Code = z.string().regex(/^[a-z0-9_]+$/, 'must be a vocabulary code (lowercase letters, digits, _)');
const StandardId = z.string().regex(/^[A-Z0-9][A-Za-z0-9.-]*$/, 'must be a standard id from STANDARDS.md, e.g. KZ-CPC-131');

export const Origin = z.enum(['LAW', 'STD', 'CONV']);
export type Origin = z.infer<typeof Origin>;

// Kazakh is optional: the UI falls back to Russian, then English.
export const Label = z.object({ en: z.string().min(1), ru: z.string().min(1), kk: z.string().min(1).optional() }).strict();
export type Label = z.infer<typeof Label>;

export const Severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const Deadline = z
  .object({
    code: Code,
    label: Label,
    /** legal_basis codes the rule applies to; 'unknown' = warn the monitor before the basis is known. */
    legalBases: z.array(Code).min(1),
    /** Only when legalArticle cites one of these (matched as a whole number: '488' ≠ '4880'). */
    articles: z.array(z.string().min(1)).optional(),
    /** Never when legalArticle cites one of these (e.g. arrestable offences have a longer limit). */
    exceptArticles: z.array(z.string().min(1)).optional(),
    /** What starts this clock: the actual restriction of liberty, or the first step of that type. */
    from: Code.default('restriction'),
    hours: z.number().nonnegative(),
    origin: Origin,
    citation: StandardId,
    /** custody_step codes that meet the deadline when they happen in time. */
    satisfiedBy: z.array(Code).min(1),
    severity: Severity,
    /** Softer severity when the rule is applied only because the basis is still 'unknown'. */
    severityIfBasisUnknown: Severity.optional(),
    /** Why the rule is shaped as it is (JSON has no comments; shown to reviewers). */
    note: z.string().optional(),
  })
  .strict();
export type Deadline = z.infer<typeof Deadline>;

/** A threshold that is not a deadline on a step (disappearance, protocol-time gap). */
const Rule = z
  .object({ label: Label, hours: z.number().nonnegative(), origin: Origin, citation: StandardId, note: z.string().optional() })
  .strict();
export type Rule = z.infer<typeof Rule>;

export const JurisdictionProfile = z
  .object({
    jurisdiction: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
    /** IANA zone for display; the clock itself works on UTC instants. */
    timezone: z.string().min(1),
    /** Whereabouts unknown longer than this raises possible_enforced_disappearance. */
    disappearance: Rule,
    /** Protocol drawn up later than the restriction by more than `hours`: an info finding. */
    protocolGap: Rule,
    deadlines: z.array(Deadline).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.deadlines.forEach((d, i) => {
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', path: ['deadlines', i, 'code'], message: `duplicate deadline code ${d.code}` });
      seen.add(d.code);
    });
  });
export type JurisdictionProfile = z.infer<typeof JurisdictionProfile>;

/** Parses a profile, naming the offending field in the error (bad data must fail loudly). */
export function parseProfile(data: unknown, name = 'profile'): JurisdictionProfile {
  const r = JurisdictionProfile.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`invalid jurisdiction profile ${name}: ${issues}`);
  }
  return r.data;
}

// Validated at module load so a broken JSON file stops the process at start, not mid-shift.
const BUILT_IN: Readonly<Record<string, JurisdictionProfile>> = { KZ: parseProfile(kz, 'KZ') };

export function builtInJurisdictions(): string[] {
  return Object.keys(BUILT_IN);
}

export function profileFor(jurisdiction: string): JurisdictionProfile {
  const p = BUILT_IN[jurisdiction.toUpperCase()];
  if (!p) {
    throw new Error(`no custody profile for jurisdiction "${jurisdiction}"; known: ${builtInJurisdictions().join(', ')}`);
  }
  return p;
}
