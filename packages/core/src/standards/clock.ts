import {
  assessCustody,
  DISAPPEARANCE_CODE,
  PROTOCOL_GAP_CODE,
  profileFor,
  type Alert,
  type CustodyAssessment,
  type Deadline,
  type JurisdictionProfile,
} from '../custody/index.js';
import { thresholdOf, type Catalogue } from './catalogue.js';
import { type DetentionFacts } from './facts.js';
import { fact, finding, limitText, originWords, round1, type FactRef, type Finding, type Rule } from './finding.js';

/**
 * Detention-time rules reuse the custody clock (assessCustody + the jurisdiction profile) so the
 * standards engine and the live custody board never disagree about a deadline. The engine adds two
 * deadlines of its own, built from catalogue thresholds and run by the same clock code.
 */

export const JUDGE_CODE = 'standards_judge_48h';
export const TRANSFER_CODE = 'standards_transfer_notice';
const ALL_BASES = ['administrative', 'criminal', 'unknown', 'none'];

function extraDeadlines(catalogue: Catalogue): Deadline[] {
  const judge = thresholdOf(catalogue, 'ICCPR-9.3-4', 'judge');
  const family = thresholdOf(catalogue, 'KZ-CPC-64-66-135', 'family_flag');
  return [
    {
      code: JUDGE_CODE,
      label: { en: 'Not brought before a judge', ru: 'Не доставлен к судье' },
      legalBases: ALL_BASES,
      from: 'restriction',
      hours: judge.value,
      origin: judge.origin,
      citation: 'ICCPR-9.3-4',
      satisfiedBy: ['hearing', 'court_order', 'sentence', 'released', 'house_arrest'],
      severity: 'critical',
    },
    {
      // The clock anchors on the FIRST transfer only; later transfers are not checked yet.
      code: TRANSFER_CODE,
      label: { en: 'Family not told of a transfer', ru: 'Семья не уведомлена о переводе' },
      legalBases: ALL_BASES,
      from: 'transferred',
      hours: family.value,
      origin: family.origin,
      citation: 'BOP-16',
      satisfiedBy: ['family_notified'],
      severity: 'warning',
    },
  ];
}

function profileOrNull(jurisdiction: string): JurisdictionProfile | null {
  try {
    return profileFor(jurisdiction);
  } catch {
    return null; // no custody profile for this country yet: its clock rules simply do not run
  }
}

/**
 * The clock's view of one detention at `now`, with the engine's extra deadlines; null without a
 * profile. Recomputed on every call (cheap) rather than cached, so an edited record is never stale.
 */
export function clockOf(d: DetentionFacts, now: string, catalogue: Catalogue): CustodyAssessment | null {
  const profile = profileOrNull(d.jurisdiction ?? 'KZ');
  if (!profile) return null;
  const input = { id: d.id, apprehendedAt: d.apprehendedAt, legalBasis: d.legalBasis, legalArticle: d.legalArticle ?? null, jurisdiction: d.jurisdiction ?? 'KZ', steps: d.steps };
  return assessCustody(input, now, { ...profile, deadlines: [...profile.deadlines, ...extraDeadlines(catalogue)] });
}

/**
 * The record fields behind an alert: the restriction and legal basis; the step that started the
 * clock (if not the restriction), the step that met it late (or the late protocol, for the gap), or
 * else the release that ended it; and, when nothing met it, the step types recorded, since an ABSENT
 * step is then the trigger.
 */
function alertFacts(d: DetentionFacts, alert: Alert): FactRef[] {
  const facts = [fact('detention', d.id, 'apprehendedAt', d.apprehendedAt), fact('detention', d.id, 'legalBasis', d.legalBasis)];
  if (d.legalArticle) facts.push(fact('detention', d.id, 'legalArticle', d.legalArticle));
  const startMs = Date.parse(alert.startedAt);
  const fromStep = startMs !== Date.parse(d.apprehendedAt);
  const metMs = alert.satisfiedAt === null ? null : Date.parse(alert.satisfiedAt);
  const ms = (at: string) => Date.parse(at);
  const anchor = fromStep ? d.steps.findIndex((s) => ms(s.at) === startMs) : -1;
  const met = metMs === null ? -1 : d.steps.findIndex((s) => s.type === alert.satisfiedBy && ms(s.at) === metMs);
  // The gap alert is not a deadline: its trigger is the protocol itself, dated `since`.
  const gap = alert.code === PROTOCOL_GAP_CODE ? d.steps.findIndex((s) => s.type === 'protocol' && ms(s.at) === Date.parse(alert.since)) : -1;
  const release = met >= 0 || gap >= 0 ? -1 : d.steps.findIndex((s) => s.type === 'released' || s.type === 'house_arrest');
  for (const i of [anchor, met, gap, release]) {
    const s = d.steps[i];
    if (s) facts.push(fact('detention', d.id, `steps.${i}.type`, s.type), fact('detention', d.id, `steps.${i}.at`, s.at));
  }
  if (met < 0 && gap < 0) facts.push(fact('detention', d.id, 'steps', d.steps.map((s) => s.type)));
  return facts;
}

/** Russian names of the steps that meet a deadline late, for the "… only after N h" sentence. */
const STEP_RU: Record<string, string> = {
  protocol: 'протокол составлен',
  hearing: 'дело рассмотрено',
  sentence: 'постановление вынесено',
  released: 'освобождён',
  house_arrest: 'переведён под домашний арест',
  court_order: 'санкция суда получена',
  family_notified: 'семья уведомлена',
  lawyer_admitted: 'адвокат допущен',
};

/** Turns one clock alert into a finding citing the alert's standard plus `extra` ids. */
export function alertFinding(ruleId: string, d: DetentionFacts, alert: Alert, extra: readonly string[]): Finding {
  const elapsed = round1(alert.elapsedHours);
  const fromRestriction = Date.parse(alert.startedAt) === Date.parse(d.apprehendedAt);
  const since = fromRestriction ? 'с момента фактического ограничения свободы' : 'с начала отсчёта';
  const step = alert.satisfiedBy ? (STEP_RU[alert.satisfiedBy] ?? alert.satisfiedBy) : '';
  const met = alert.late ? `${step} лишь через ${elapsed} ч ${since}` : `${elapsed} ч ${since}`;
  return finding({
    ruleId,
    standardIds: [alert.citation, ...extra],
    subject: { entity: 'detention', id: d.id },
    facts: alertFacts(d, alert),
    explanation: {
      // The clock's sentence already carries the numbers and "(limit 3 h, LAW, id)"; spell out the origin.
      en: `${alert.message} — ${originWords(alert.origin).en}.`,
      ru: `${alert.label.ru}: ${met} ${limitText(alert.hours, alert.origin).ru}, ${alert.citation}.`,
    },
    severity: alert.severity,
    thresholds: [{ value: alert.hours, unit: 'hours', origin: alert.origin, standardId: alert.citation, code: alert.code }],
  });
}

const KZ = profileFor('KZ');
const EXTRA_CITATIONS: Record<string, string> = { [JUDGE_CODE]: 'ICCPR-9.3-4', [TRANSFER_CODE]: 'BOP-16' };

/** The standard the KZ profile (or the engine's own deadlines) cites for an alert code, for static checks. */
export function citationFor(alertCode: string): string {
  if (alertCode === PROTOCOL_GAP_CODE) return KZ.protocolGap.citation;
  if (alertCode === DISAPPEARANCE_CODE) return KZ.disappearance.citation;
  const citation = EXTRA_CITATIONS[alertCode] ?? KZ.deadlines.find((d) => d.code === alertCode)?.citation;
  if (!citation) throw new Error(`the KZ custody profile has no alert ${alertCode}`);
  return citation;
}

/** A rule that reports one custody-clock alert code; `alertCode` lets the engine spot unmapped codes. */
export interface ClockRule extends Rule {
  alertCode: string;
}

/** A rule reporting one custody-clock alert code, citing the alert's standard plus `extra` ids. */
export function clockRule(id: string, title: string, alertCode: string, extra: readonly string[] = []): ClockRule {
  return {
    id,
    title,
    alertCode,
    standardIds: [citationFor(alertCode), ...extra],
    assess: (facts, ctx) =>
      facts.detentions.flatMap((d) =>
        (clockOf(d, ctx.now, ctx.catalogue)?.alerts ?? []).filter((a) => a.code === alertCode).map((a) => alertFinding(id, d, a, extra)),
      ),
  };
}
