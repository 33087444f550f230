import { type FactsBundle } from '../facts.js';
import { fact, finding, type Finding, type Rule } from '../finding.js';
import { DEFENDER_ROLES, eventOf, personOf, PRESS_ROLES, rolesAt, stepFact, stepsUntil } from '../lookup.js';

/**
 * Journalists, monitors and defenders. "While working" is read as: detained in connection with the
 * event, not before it started, holding that role at the event (or as a standing role). Detentions
 * before the event are the pre-emptive rule's business. KZ-CC-158 protects journalists only.
 */

function roleKinds(facts: FactsBundle, personId: string | null | undefined, eventId: string | null | undefined) {
  const roles = rolesAt(personOf(facts, personId), eventId);
  return { press: roles.filter((r) => PRESS_ROLES.includes(r)), defender: roles.filter((r) => DEFENDER_ROLES.includes(r)) };
}

const roleText = (press: boolean, defender: boolean) => ({
  en: [press ? 'journalist' : '', defender ? 'monitor or human rights defender' : ''].filter(Boolean).join(' and '),
  ru: [press ? 'журналист' : '', defender ? 'наблюдатель или правозащитник' : ''].filter(Boolean).join(' и '),
});

export const pressDetained: Rule = {
  id: 'press-or-monitor-detained',
  title: 'Journalist, monitor or human rights defender detained at the event',
  standardIds: ['GC37-30', 'KZ-CC-158', 'HRD-DECL'],
  assess: (facts) =>
    facts.detentions.flatMap((d): Finding[] => {
      const event = eventOf(facts, d.eventId);
      if (!event || Date.parse(d.apprehendedAt) < Date.parse(event.startAt)) return [];
      const { press, defender } = roleKinds(facts, d.personId, event.id);
      if (press.length + defender.length === 0) return [];
      const who = roleText(press.length > 0, defender.length > 0);
      return [
        finding({
          ruleId: 'press-or-monitor-detained',
          standardIds: ['GC37-30', ...(press.length ? ['KZ-CC-158'] : []), ...(defender.length ? ['HRD-DECL'] : [])],
          subject: { entity: 'detention', id: d.id },
          facts: [fact('detention', d.id, 'eventId', event.id), fact('detention', d.id, 'apprehendedAt', d.apprehendedAt), fact('person', d.personId, 'roles', [...press, ...defender])],
          explanation: {
            en: `A ${who.en} was detained at the event they were covering or monitoring.`,
            ru: `На мероприятии, которое освещал или наблюдал, задержан ${who.ru}.`,
          },
          severity: 'warning',
        }),
      ];
    }),
};

/** Ids for interference with recording: GC37-94 for anyone; GC37-30 and CC 158 by role. */
function recordingIds(press: boolean, defender: boolean): string[] {
  return ['GC37-94', ...(press || defender ? ['GC37-30'] : []), ...(press ? ['KZ-CC-158'] : [])];
}

/**
 * equipment_seized acts for anyone; phone_confiscated custody steps only for journalists and monitors,
 * because taking every detainee's belongings at the station is routine and would drown the queue.
 */
export const equipmentSeized: Rule = {
  id: 'equipment-seized',
  title: 'Camera or phone seized',
  standardIds: ['GC37-94', 'GC37-30', 'KZ-CC-158'],
  assess: (facts, ctx) => {
    const fromActs = facts.acts
      .filter((a) => a.type === 'equipment_seized')
      .map((a) => {
        const { press, defender } = roleKinds(facts, a.victimPersonId, a.eventId);
        return finding({
          ruleId: 'equipment-seized',
          standardIds: recordingIds(press.length > 0, defender.length > 0),
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'type', a.type), ...(press.length + defender.length ? [fact('person', a.victimPersonId ?? '', 'roles', [...press, ...defender])] : [])],
          explanation: { en: 'Recording equipment was seized.', ru: 'Изъято оборудование для съёмки.' },
          severity: 'warning',
        });
      });
    const fromSteps = facts.detentions.flatMap((d): Finding[] => {
      const { press, defender } = roleKinds(facts, d.personId, d.eventId);
      const taken = stepsUntil(d, ctx.now).filter((s) => s.step.type === 'phone_confiscated');
      if (taken.length === 0 || press.length + defender.length === 0) return [];
      const who = roleText(press.length > 0, defender.length > 0);
      return [
        finding({
          ruleId: 'equipment-seized',
          standardIds: recordingIds(press.length > 0, defender.length > 0),
          subject: { entity: 'detention', id: d.id },
          facts: [...taken.map((s) => stepFact(d, s)), fact('person', d.personId, 'roles', [...press, ...defender])],
          explanation: { en: `The ${who.en}'s phone was confiscated in custody.`, ru: `У задержанного (${who.ru}) изъят телефон.` },
          severity: 'warning',
        }),
      ];
    });
    return [...fromActs, ...fromSteps];
  },
};

export const footageDeleted: Rule = {
  id: 'footage-deleted',
  title: 'Footage deleted',
  standardIds: ['GC37-94', 'GC37-30', 'KZ-CC-158'],
  assess: (facts) =>
    facts.acts
      .filter((a) => a.type === 'footage_deleted')
      .map((a) => {
        const { press, defender } = roleKinds(facts, a.victimPersonId, a.eventId);
        return finding({
          ruleId: 'footage-deleted',
          standardIds: recordingIds(press.length > 0, defender.length > 0),
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'type', a.type), ...(press.length + defender.length ? [fact('person', a.victimPersonId ?? '', 'roles', [...press, ...defender])] : [])],
          explanation: { en: 'Footage was deleted by the police: recording the police is protected.', ru: 'Полиция удалила видеозаписи, хотя снимать действия полиции разрешено.' },
          severity: 'critical',
        });
      }),
};

export const PRESS_RULES: readonly Rule[] = [pressDetained, equipmentSeized, footageDeleted];
