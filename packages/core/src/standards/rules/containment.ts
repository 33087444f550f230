import { hoursBetween } from '../../time.js';
import { thresholdOf } from '../catalogue.js';
import { type ActFacts } from '../facts.js';
import { fact, finding, round1, shown, type FactRef, type Rule } from '../finding.js';
import { hasAny, targetPeacefulness } from '../lookup.js';

/**
 * Containment (kettling). No law sets an hour limit, so the flags are monitors' conventions (CONV,
 * from GC37-84 in the catalogue): any kettle of a non-violent group, escalated after 1 h. Past the
 * 3 h administrative limit (KoAP 789, LAW) a kettle is arguably a detention in all but name.
 */

const CONDITION_WORDS: Record<string, { en: string; ru: string }> = {
  no_exit: { en: 'no exit', ru: 'без выхода' },
  no_water: { en: 'no water', ru: 'без воды' },
  no_food: { en: 'no food', ru: 'без еды' },
  no_toilet: { en: 'no toilet', ru: 'без туалета' },
  no_medical_access: { en: 'no medical access', ru: 'без доступа к медпомощи' },
  cold: { en: 'in the cold', ru: 'на холоде' },
  heat: { en: 'in the heat', ru: 'на жаре' },
  overcrowding: { en: 'overcrowded', ru: 'в тесноте' },
};

/** Hours from start to end, or to now while it lasts; null when the start is not recorded. */
function hoursOf(a: ActFacts, now: string): number | null {
  return a.startAt ? hoursBetween(a.startAt, a.endAt ?? now) : null;
}

function timeFacts(a: ActFacts): FactRef[] {
  return [fact('act', a.id, 'type', a.type), ...(a.startAt ? [fact('act', a.id, 'startAt', a.startAt)] : []), ...(a.endAt ? [fact('act', a.id, 'endAt', a.endAt)] : [])];
}

function describe(a: ActFacts, hours: number | null): { en: string; ru: string } {
  const span = hours === null ? { en: 'for an unrecorded time', ru: 'неизвестное время' } : { en: `for ${round1(hours)} h`, ru: `${round1(hours)} ч` };
  const ongoing = a.startAt && !a.endAt ? { en: ' (still going on)', ru: ' (продолжается)' } : { en: '', ru: '' };
  const conds = (a.conditions ?? []).map((c) => CONDITION_WORDS[c]).filter((c) => c !== undefined);
  return {
    en: `${span.en}${ongoing.en}${conds.length ? `, ${conds.map((c) => c.en).join(', ')}` : ''}`,
    ru: `${span.ru}${ongoing.ru}${conds.length ? `, ${conds.map((c) => c.ru).join(', ')}` : ''}`,
  };
}

const containments = (acts: readonly ActFacts[]) => acts.filter((a) => a.type === 'containment');

export const containmentOfNonViolent: Rule = {
  id: 'containment-non-violent',
  title: 'Containment (kettling) of a non-violent group',
  standardIds: ['GC37-84', 'ODIHR-G3', 'OSCE-HB'],
  assess: (facts, ctx) => {
    const flag = thresholdOf(ctx.catalogue, 'GC37-84', 'kettle_flag');
    const escalate = thresholdOf(ctx.catalogue, 'GC37-84', 'kettle_escalate');
    return containments(facts.acts).flatMap((a) => {
      const peace = targetPeacefulness(facts, a.eventId, a.victimPersonId);
      if (!peace.nonViolent) return [];
      const hours = hoursOf(a, ctx.now);
      const what = describe(a, hours);
      return [
        finding({
          ruleId: 'containment-non-violent',
          standardIds: ['GC37-84', 'ODIHR-G3', 'OSCE-HB'],
          subject: { entity: 'act', id: a.id },
          facts: [...timeFacts(a), ...((a.conditions ?? []).length ? [fact('act', a.id, 'conditions', a.conditions)] : []), ...peace.facts],
          explanation: {
            en: `A non-violent group was contained ${what.en}. Containment is allowed only against violence by that group (flag any, escalate after ${escalate.value} h: CONV, monitors' convention, not law).`,
            ru: `Ненасильственная группа удерживалась в оцеплении ${what.ru}. Оцепление допустимо только против насилия со стороны этой группы (отмечать всегда, эскалировать после ${escalate.value} ч: ПРАКТИКА мониторов, не закон).`,
          },
          severity: hours !== null && hours > escalate.value ? 'critical' : 'warning',
          thresholds: [shown(flag), shown(escalate)],
        }),
      ];
    });
  },
};

/** ICCPR-7 lists "long containment without water or toilet"; "long" = past the CONV escalation point. */
export const containmentDegrading: Rule = {
  id: 'containment-degrading',
  title: 'Long containment without water or toilet',
  standardIds: ['ICCPR-7'],
  assess: (facts, ctx) => {
    const escalate = thresholdOf(ctx.catalogue, 'GC37-84', 'kettle_escalate');
    return containments(facts.acts).flatMap((a) => {
      const hours = hoursOf(a, ctx.now);
      if (hours === null || hours <= escalate.value || !hasAny(a.conditions, ['no_water', 'no_toilet'])) return [];
      if (!targetPeacefulness(facts, a.eventId, a.victimPersonId).nonViolent) return [];
      const what = describe(a, hours);
      return [
        finding({
          ruleId: 'containment-degrading',
          standardIds: ['ICCPR-7'],
          subject: { entity: 'act', id: a.id },
          facts: [...timeFacts(a), fact('act', a.id, 'conditions', a.conditions)],
          explanation: {
            en: `People were held in a kettle ${what.en}: possibly degrading treatment.`,
            ru: `Люди удерживались в оцеплении ${what.ru}: возможно унижающее достоинство обращение.`,
          },
          severity: 'critical',
          thresholds: [shown(escalate)],
        }),
      ];
    });
  },
};

/** Any kettle, violent or not: after 3 h the people in it are detained whatever it is called. */
export const containmentAsDetention: Rule = {
  id: 'containment-de-facto-detention',
  title: 'Containment over 3 h: a de facto detention (arguable)',
  standardIds: ['KZ-KoAP-788-789'],
  assess: (facts, ctx) => {
    const limit = thresholdOf(ctx.catalogue, 'KZ-KoAP-788-789', 'admin_max');
    return containments(facts.acts).flatMap((a) => {
      const hours = hoursOf(a, ctx.now);
      if (hours === null || hours <= limit.value) return [];
      return [
        finding({
          ruleId: 'containment-de-facto-detention',
          standardIds: ['KZ-KoAP-788-789'],
          subject: { entity: 'act', id: a.id },
          facts: timeFacts(a),
          explanation: {
            en: `Contained for ${round1(hours)} h, past the ${limit.value} h limit on administrative detention (LAW). Arguable: a kettle this long is a de facto detention, to be counted from its start.`,
            ru: `Оцепление длилось ${round1(hours)} ч — дольше ${limit.value} ч, предельного срока административного задержания (ЗАКОН). Спорно: такое оцепление — фактическое задержание, отсчитываемое с его начала.`,
          },
          severity: 'warning',
          thresholds: [shown(limit)],
        }),
      ];
    });
  },
};

export const CONTAINMENT_RULES: readonly Rule[] = [containmentOfNonViolent, containmentDegrading, containmentAsDetention];
