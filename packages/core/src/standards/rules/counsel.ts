import { clockRule } from '../clock.js';
import { type DetentionFacts } from '../facts.js';
import { fact, finding, type Finding, type Rule } from '../finding.js';
import { personOf, stepFact, stepsUntil } from '../lookup.js';

/**
 * Counsel. The right is to a lawyer OF ONE'S CHOICE: a duty lawyer imposed does not satisfy it
 * (the custody clock treats only lawyer_admitted as the chosen lawyer). The national provision cited
 * depends on the legal basis: KoAP 748-750 for administrative cases, CPC 64-66 for criminal ones.
 */

const INTERNATIONAL = ['ICCPR-14.3', 'BPRL-1-8'];
const NATIONAL: Record<string, string> = { administrative: 'KZ-KoAP-748-750', criminal: 'KZ-CPC-64-66-135' };
function idsFor(d: DetentionFacts): string[] {
  const national = NATIONAL[d.legalBasis];
  return national ? [...INTERNATIONAL, national] : INTERNATIONAL;
}
const ALL_IDS = [...INTERNATIONAL, ...Object.values(NATIONAL)];

function basisFacts(d: DetentionFacts) {
  return [fact('detention', d.id, 'legalBasis', d.legalBasis)];
}

/** lawyer_refused or duty_lawyer_imposed: one finding per detention, citing every such step. */
export const counselOfChoiceDenied: Rule = {
  id: 'counsel-of-choice-denied',
  title: 'Lawyer of choice refused or a duty lawyer imposed',
  standardIds: ALL_IDS,
  assess: (facts, ctx) =>
    facts.detentions.flatMap((d): Finding[] => {
      const hits = stepsUntil(d, ctx.now).filter((s) => s.step.type === 'lawyer_refused' || s.step.type === 'duty_lawyer_imposed');
      if (hits.length === 0) return [];
      const kinds = new Set(hits.map((s) => s.step.type));
      const en = [kinds.has('lawyer_refused') ? 'the lawyer of choice was refused' : '', kinds.has('duty_lawyer_imposed') ? 'a duty lawyer was imposed' : '']
        .filter(Boolean)
        .join(' and ');
      const ru = [kinds.has('lawyer_refused') ? 'в допуске адвоката по выбору отказано' : '', kinds.has('duty_lawyer_imposed') ? 'навязан дежурный адвокат' : '']
        .filter(Boolean)
        .join(', ');
      return [
        finding({
          ruleId: 'counsel-of-choice-denied',
          standardIds: idsFor(d),
          subject: { entity: 'detention', id: d.id },
          facts: [...hits.map((s) => stepFact(d, s)), ...basisFacts(d)],
          explanation: { en: `In custody ${en}.`, ru: `Под стражей ${ru}.` },
          severity: 'critical',
        }),
      ];
    }),
};

/** The first hearing with no lawyer (chosen or duty) recorded before it; worse if one was requested. */
export const hearingWithoutCounsel: Rule = {
  id: 'hearing-without-counsel',
  title: 'Hearing held without any lawyer',
  standardIds: ALL_IDS,
  assess: (facts, ctx) =>
    facts.detentions.flatMap((d): Finding[] => {
      const steps = stepsUntil(d, ctx.now);
      const hearing = steps.find((s) => s.step.type === 'hearing');
      if (!hearing) return [];
      const before = steps.filter((s) => s.ms <= hearing.ms);
      if (before.some((s) => s.step.type === 'lawyer_admitted' || s.step.type === 'duty_lawyer_imposed')) return [];
      const request = before.find((s) => s.step.type === 'lawyer_requested');
      return [
        finding({
          ruleId: 'hearing-without-counsel',
          standardIds: idsFor(d),
          subject: { entity: 'detention', id: d.id },
          facts: [stepFact(d, hearing), ...(request ? [stepFact(d, request)] : []), fact('detention', d.id, 'steps', d.steps.map((s) => s.type))],
          explanation: request
            ? { en: 'The hearing went ahead although a lawyer had been requested and none was present.', ru: 'Дело рассмотрено, хотя задержанный просил адвоката, а адвоката не было.' }
            : { en: 'No lawyer is recorded before or at the hearing.', ru: 'До или во время рассмотрения дела адвокат не зафиксирован.' },
          // Without a recorded request the person may have waived counsel: the analyst must check.
          severity: request ? 'critical' : 'warning',
        }),
      ];
    }),
};

export const counselLate = clockRule('counsel-not-admitted-3h', 'Requested lawyer not admitted within 3 h (administrative)', 'lawyer_not_admitted_3h');

export const counselNone48h = clockRule('counsel-none-48h', 'No lawyer of choice within 48 h (criminal, STD)', 'no_lawyer_48h');

/** denial_of_counsel against a lawyer (or with no victim recorded): the lawyer was kept out. */
export const lawyersKeptOut: Rule = {
  id: 'lawyers-kept-out',
  title: 'Lawyers kept out of police stations or away from clients',
  standardIds: ['BPRL-16'],
  assess: (facts) =>
    facts.acts
      .filter((a) => a.type === 'denial_of_counsel')
      .filter((a) => !a.victimPersonId || personOf(facts, a.victimPersonId)?.roles.some((r) => r.role === 'lawyer'))
      .map((a) =>
        finding({
          ruleId: 'lawyers-kept-out',
          standardIds: ['BPRL-16'],
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'type', a.type), ...(a.victimPersonId ? [fact('act', a.id, 'victimPersonId', a.victimPersonId)] : [])],
          explanation: {
            en: 'A lawyer was kept from clients or from the place of detention: interference with the work of lawyers.',
            ru: 'Адвоката не допустили к подзащитным или в место содержания: вмешательство в работу адвокатов.',
          },
          severity: 'warning',
        }),
      ),
};

export const COUNSEL_RULES: readonly Rule[] = [counselOfChoiceDenied, hearingWithoutCounsel, counselLate, counselNone48h, lawyersKeptOut];
