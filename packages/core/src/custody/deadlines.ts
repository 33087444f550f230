import { addHours, hoursBetween } from '../time.js';
import type { Deadline, Label, Origin, Severity } from './profile.js';
import type { Step } from './steps.js';

/**
 * One thing the clock flags. It is a suggestion for an analyst, so it carries the facts that
 * triggered it (start, threshold, what happened and when) and how firm its footing is (origin).
 */
export interface Alert {
  code: string;
  label: Label;
  severity: Severity;
  /** The instant the threshold was crossed. */
  since: string;
  /** The threshold in hours. */
  hours: number;
  origin: Origin;
  /** Standard id from STANDARDS.md. */
  citation: string;
  /** English sentence with the numbers, for lists and reports. */
  message: string;
  /** The deadline was met, but after it passed: the breach stays on record. */
  late: boolean;
  satisfiedAt: string | null;
  satisfiedBy: string | null;
  /** When this clock started (restriction of liberty, or the step named in `from`). */
  startedAt: string;
  /** Hours from start to the satisfying step, or to release/now when never met. */
  elapsedHours: number;
}

export interface DeadlineContext {
  restrictedAt: string;
  legalBasis: string;
  legalArticle: string | null;
  /** Steps up to `now`, sorted. */
  steps: readonly Step[];
  /** Release, or now while held: a deadline cannot pass after custody ended. */
  end: string;
  released: boolean;
}

export const round1 = (h: number): number => Math.round(h * 10) / 10;
const words = (code: string): string => code.replaceAll('_', ' ');

/** Whole-number match so '488' finds "art. 488 part 1" but not "4880". */
export function citesArticle(article: string | null, list: readonly string[] | undefined): boolean {
  if (!article || !list) return false;
  return list.some((a) => new RegExp(`(^|[^0-9])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^0-9]|$)`).test(article));
}

export function deadlineApplies(d: Deadline, legalBasis: string, legalArticle: string | null): boolean {
  if (!d.legalBases.includes(legalBasis)) return false;
  if (d.articles && !citesArticle(legalArticle, d.articles)) return false;
  return !citesArticle(legalArticle, d.exceptArticles);
}

export function tail(origin: Origin, citation: string, hours?: number): string {
  return `(${hours === undefined ? '' : `limit ${round1(hours)} h, `}${origin}, ${citation})`;
}

/** Evaluates one deadline; null when it does not apply, has not passed, or was met in time. */
export function evaluateDeadline(d: Deadline, ctx: DeadlineContext): Alert | null {
  if (!deadlineApplies(d, ctx.legalBasis, ctx.legalArticle)) return null;
  const fromRestriction = d.from === 'restriction';
  const startedAt = fromRestriction ? ctx.restrictedAt : (ctx.steps.find((s) => s.type === d.from)?.at ?? null);
  if (startedAt === null) return null; // e.g. no lawyer was requested: nothing to count
  const startMs = Date.parse(startedAt);
  const since = addHours(startedAt, d.hours);
  const dueMs = Date.parse(since);
  // A step-anchored clock is met only by a step after its anchor (an earlier lawyer is another visit).
  const met = ctx.steps.find((s) => d.satisfiedBy.includes(s.type) && (fromRestriction || s.ms >= startMs)) ?? null;
  // The deadline must have passed while in custody; then only a step by the deadline meets it.
  if (Date.parse(ctx.end) <= dueMs || (met && met.ms <= dueMs)) return null;

  const elapsedHours = hoursBetween(startedAt, met ? met.at : ctx.end);
  const anchor = fromRestriction ? 'liberty was restricted' : words(d.from);
  const severity = ctx.legalBasis === 'unknown' && d.severityIfBasisUnknown ? d.severityIfBasisUnknown : d.severity;
  const facts = met
    ? `${d.label.en} within ${round1(d.hours)} h; ${words(met.type)} only ${round1(elapsedHours)} h after ${anchor}`
    : `${d.label.en} ${round1(elapsedHours)} h after ${anchor}${ctx.released ? ', until release' : ''}`;
  return {
    code: d.code,
    label: d.label,
    severity,
    since,
    hours: d.hours,
    origin: d.origin,
    citation: d.citation,
    message: `${facts} ${tail(d.origin, d.citation, d.hours)}`,
    late: met !== null,
    satisfiedAt: met?.at ?? null,
    satisfiedBy: met?.type ?? null,
    startedAt,
    elapsedHours,
  };
}
