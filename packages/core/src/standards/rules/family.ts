import { DISAPPEARANCE_CODE, PLACING_STEPS, type Alert, type Label } from '../../custody/index.js';
import { hoursBetween } from '../../time.js';
import { clockOf, clockRule, TRANSFER_CODE } from '../clock.js';
import { type DetentionFacts } from '../facts.js';
import { fact, finding, limitText, round1, type Finding, type Rule } from '../finding.js';
import { stepFact, stepsUntil } from '../lookup.js';

/**
 * Family and whereabouts. CPC 135 says relatives are told "without delay" (LAW); the 3 h flag is the
 * monitors' convention (CONV), and the finding says so. Hiding where someone is held is how enforced
 * disappearances begin, so it is reported even after the person was found.
 */

export const familyNotTold = clockRule('family-not-told', 'Family not told within 3 h (CONV)', 'family_not_notified', ['BOP-16']);

/** Runs on the first transfer only (the clock anchors a deadline on the first step of a type). */
export const transferWithoutNotice = clockRule('transfer-without-notice', 'Family not told of a transfer within 3 h (CONV)', TRANSFER_CODE, [
  'KZ-CPC-64-66-135',
]);

const IDS = ['BOP-16', 'KZ-CC-414'];

function whereaboutsFinding(d: DetentionFacts, now: string, alert: Alert | undefined): Finding | null {
  const steps = stepsUntil(d, now);
  const unknown = steps.filter((s) => s.step.type === 'whereabouts_unknown');
  if (unknown.length === 0 && !alert) return null;
  const first = unknown[0];
  const found = first ? steps.find((s) => s.ms > first.ms && PLACING_STEPS.has(s.step.type)) : undefined;
  const span = first && found ? round1(hoursBetween(first.step.at, found.step.at)) : null;
  const what: Label =
    span !== null
      ? { en: `Whereabouts unknown for ${span} h before the person was located`, ru: `Место нахождения неизвестно ${span} ч, пока человека не нашли` }
      : { en: 'Whereabouts unknown and not yet established', ru: 'Место нахождения неизвестно и до сих пор не установлено' };
  const limit = alert ? limitText(alert.hours, alert.origin) : { en: '', ru: '' };
  return finding({
    ruleId: 'whereabouts-withheld',
    standardIds: IDS,
    subject: { entity: 'detention', id: d.id },
    // With no whereabouts_unknown step, the fact is that nothing has placed the person since apprehension.
    facts: unknown.length
      ? [...unknown, ...(found ? [found] : [])].flatMap((s) => [stepFact(d, s), fact('detention', d.id, `steps.${s.index}.at`, s.step.at)])
      : [fact('detention', d.id, 'apprehendedAt', d.apprehendedAt), fact('detention', d.id, 'steps', steps.map((s) => s.step.type))],
    explanation: {
      en: `${what.en}: family and lawyer were not told where the person was held ${limit.en}`.trim() + '.',
      ru: `${what.ru}: семье и адвокату не сообщили, где содержится человек ${limit.ru}`.trim() + '.',
    },
    // A live alert means someone is unaccounted for right now: the most urgent thing on the board.
    severity: alert ? 'critical' : 'warning',
    thresholds: alert ? [{ value: alert.hours, unit: 'hours', origin: alert.origin, standardId: alert.citation, code: alert.code }] : [],
  });
}

/** A whereabouts_unknown step, or the clock's live possible-disappearance alert. */
export const whereaboutsWithheld: Rule = {
  id: 'whereabouts-withheld',
  title: 'Whereabouts withheld from family and lawyer',
  standardIds: IDS,
  assess: (facts, ctx) =>
    facts.detentions.flatMap((d) => {
      const alert = clockOf(d, ctx.now, ctx.catalogue)?.alerts.find((a) => a.code === DISAPPEARANCE_CODE);
      const f = whereaboutsFinding(d, ctx.now, alert);
      return f ? [f] : [];
    }),
};

export const FAMILY_RULES: readonly Rule[] = [familyNotTold, transferWithoutNotice, whereaboutsWithheld];
