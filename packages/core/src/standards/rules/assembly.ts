import { citesArticle } from '../../custody/index.js';
import { type DetentionFacts, type EventFacts, type FactsBundle } from '../facts.js';
import { fact, finding, round1, type Finding, type Rule } from '../finding.js';
import { eventOf, releasedMs, stepsUntil, targetPeacefulness, UNNOTIFIED } from '../lookup.js';

/**
 * Detention for the assembly itself. Art. 488 is matched as a whole number ('488', 'art. 488 part 1',
 * not '4880'), on the detention's legal article or on an administrative charge for the same case.
 */

function charge488(facts: FactsBundle, d: DetentionFacts, event: EventFacts) {
  return facts.charges.find(
    (c) =>
      c.personId === d.personId &&
      c.code === 'kz_koap' &&
      citesArticle(c.article, ['488']) &&
      (c.detentionId === d.id || (!c.detentionId && c.eventId === event.id)),
  );
}

const NOTICE_RU: Record<string, string> = { not_notified: 'без уведомления', spontaneous: 'стихийное', refused: 'в согласовании отказано' };

export const unnotifiedAssemblyDetention: Rule = {
  id: 'unnotified-assembly-detention',
  title: 'Detained (art. 488) solely for taking part in an un-notified peaceful assembly',
  standardIds: ['GC37-70-72', 'KZ-KoAP-488'],
  assess: (facts, ctx) =>
    facts.detentions.flatMap((d): Finding[] => {
      const event = eventOf(facts, d.eventId);
      if (!event || !UNNOTIFIED.has(event.notificationStatus ?? '')) return [];
      const onDetention = citesArticle(d.legalArticle ?? null, ['488']);
      const charge = onDetention ? undefined : charge488(facts, d, event);
      if (!onDetention && !charge) return [];
      const peace = targetPeacefulness(facts, event.id, d.personId);
      if (!peace.nonViolent) return [];
      const sentenced = stepsUntil(d, ctx.now).some((s) => s.step.type === 'sentence');
      return [
        finding({
          ruleId: 'unnotified-assembly-detention',
          standardIds: ['GC37-70-72', 'KZ-KoAP-488'],
          subject: { entity: 'detention', id: d.id },
          facts: [
            fact('event', event.id, 'notificationStatus', event.notificationStatus),
            charge ? fact('charge', charge.id, 'article', charge.article) : fact('detention', d.id, 'legalArticle', d.legalArticle),
            ...peace.facts,
          ],
          explanation: {
            en: `Detained under KoAP art. 488 over a peaceful assembly whose notification status is "${(event.notificationStatus ?? '').replaceAll('_', ' ')}". Lack of notification alone does not justify arrest (GC37-70-72); art. 488 allows up to 15 days' arrest for peaceful participation.`,
            ru: `Задержание по ст. 488 КоАП в связи с мирным собранием (${NOTICE_RU[event.notificationStatus ?? ''] ?? ''}). Отсутствие уведомления само по себе не оправдывает задержание (Замечание общего порядка № 37, пп. 70-72); ст. 488 допускает арест до 15 суток за мирное участие.`,
          },
          // An arrest sentence for peaceful presence is the grave end of it.
          severity: sentenced ? 'critical' : 'warning',
        }),
      ];
    }),
};

/**
 * Detained before the event started (or in an event recorded as pre-emptive detentions). Critical
 * when the person was still held when the event ended (or started, if no end is recorded).
 */
export const preemptiveDetention: Rule = {
  id: 'preemptive-detention',
  title: 'Pre-emptive detention before an announced assembly',
  standardIds: ['GC37-82', 'ICCPR-9.1-2'],
  assess: (facts, ctx) =>
    facts.detentions.flatMap((d): Finding[] => {
      const event = eventOf(facts, d.eventId);
      if (!event) return [];
      const startMs = Date.parse(event.startAt);
      const before = Date.parse(d.apprehendedAt) < startMs;
      if (!before && event.type !== 'preemptive_detentions') return [];
      const endMs = Date.parse(event.endAt ?? event.startAt);
      const released = releasedMs(d, ctx.now);
      const heldThrough = released === null ? Date.parse(ctx.now) >= endMs : released > endMs;
      const days = round1((startMs - Date.parse(d.apprehendedAt)) / 86_400_000);
      const when = before
        ? { en: `${days} days before the event began`, ru: `за ${days} дн. до начала мероприятия` }
        : { en: 'in an operation of pre-emptive detentions', ru: 'в ходе превентивных задержаний' };
      const held = heldThrough
        ? { en: ' and was still held when it ended', ru: ' и оставался под стражей, когда оно закончилось' }
        : { en: '', ru: '' };
      return [
        finding({
          ruleId: 'preemptive-detention',
          standardIds: ['GC37-82', 'ICCPR-9.1-2'],
          subject: { entity: 'detention', id: d.id },
          facts: [
            fact('detention', d.id, 'apprehendedAt', d.apprehendedAt),
            fact('event', event.id, 'startAt', event.startAt),
            ...(event.endAt ? [fact('event', event.id, 'endAt', event.endAt)] : []),
            ...(before ? [] : [fact('event', event.id, 'type', event.type)]),
          ],
          explanation: {
            en: `Detained ${when.en}${held.en}: pre-emptive detention to stop participation is arbitrary.`,
            ru: `Задержан ${when.ru}${held.ru}: превентивное задержание, чтобы не допустить участия, произвольно.`,
          },
          severity: heldThrough ? 'critical' : 'warning',
        }),
      ];
    }),
};

export const ASSEMBLY_RULES: readonly Rule[] = [unnotifiedAssemblyDetention, preemptiveDetention];
