import { type ActFacts, type FactsBundle } from '../facts.js';
import { fact, finding, type Finding, type Rule } from '../finding.js';
import { actsAgainstOfficials, byState, hasAny, perpetratorIds, personOf, targetPeacefulness } from '../lookup.js';

/**
 * Force. Acts against officials, or committed only by private people, are never assessed as police
 * force (they are what makes a crowd "violent" instead). Two signals have no field yet and are read as follows (see README):
 * - a warning: a non-empty `statedReason` on the force act (what the police announced before acting);
 *   with none recorded, no warning is assumed;
 * - people fleeing: the proposed condition code `fleeing` in `conditions`.
 */

export const FLEEING = 'fleeing';
const GRAVE = ['death', 'serious_injury', 'hospitalisation'];

/** Acts by the police (see byState), optionally of some types only. */
const policeActs = (facts: FactsBundle, types?: readonly string[]) => facts.acts.filter((a) => (!types || types.includes(a.type)) && byState(facts, a));

/** Aimed at a crowd: a dispersal, or force against a group record or against nobody in particular. */
const atCrowd = (facts: FactsBundle, a: ActFacts) =>
  a.type === 'dispersal' || !a.victimPersonId || personOf(facts, a.victimPersonId)?.countingUnit === 'group';

export const forceWithoutWarning: Rule = {
  id: 'force-without-warning',
  title: 'Force on a non-violent crowd with no warning recorded',
  standardIds: ['GC37-78', 'BPUFF-4', 'BPUFF-12-14'],
  assess: (facts) =>
    policeActs(facts, ['use_of_force', 'dispersal']).flatMap((a): Finding[] => {
      if (!atCrowd(facts, a) || a.statedReason?.trim()) return [];
      const peace = targetPeacefulness(facts, a.eventId, a.victimPersonId);
      if (!peace.nonViolent) return [];
      return [
        finding({
          ruleId: 'force-without-warning',
          standardIds: ['GC37-78', 'BPUFF-4', 'BPUFF-12-14'],
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'type', a.type), fact('act', a.id, 'methods', a.methods ?? []), fact('act', a.id, 'statedReason', a.statedReason ?? null), ...peace.facts],
          explanation: {
            en: 'Force was used on a non-violent crowd and no warning is recorded: non-violent means and a warning come first, and only the minimum force.',
            ru: 'Сила применена к ненасильственной толпе, предупреждение не зафиксировано: сначала ненасильственные средства и предупреждение, и только минимальная сила.',
          },
          severity: hasAny(a.consequences, GRAVE) ? 'critical' : 'warning',
        }),
      ];
    }),
};

export const gasWithoutExit: Rule = {
  id: 'gas-without-exit',
  title: 'Tear gas or stun grenades on people with no way out',
  standardIds: ['GC37-86-87'],
  assess: (facts) =>
    policeActs(facts)
      .filter((a) => hasAny(a.methods, ['tear_gas', 'stun_grenade']) && (a.conditions ?? []).includes('no_exit'))
      .map((a) =>
        finding({
          ruleId: 'gas-without-exit',
          standardIds: ['GC37-86-87'],
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'methods', a.methods ?? []), fact('act', a.id, 'conditions', a.conditions ?? [])],
          explanation: {
            en: 'Tear gas or stun grenades were used on people who had no way out: such means only as a last resort, with a way to leave.',
            ru: 'Слезоточивый газ или светошумовые гранаты применены к людям, которым некуда было уйти: такие средства — только крайняя мера и при наличии выхода.',
          },
          severity: 'critical',
        }),
      ),
};

/**
 * A recorded threat to life: an act against officers at the same event that killed, seriously
 * injured or used firearms, committed by the people shot at (or by anyone, if they are not recorded).
 */
function threatsToLife(facts: FactsBundle, a: ActFacts): ActFacts[] {
  return actsAgainstOfficials(facts, a.eventId)
    .filter((t) => hasAny(t.methods, ['live_ammunition']) || hasAny(t.consequences, ['death', 'serious_injury']))
    .filter((t) => !a.victimPersonId || perpetratorIds(t).includes(a.victimPersonId));
}

/** GC37-88 is about assemblies, so it is cited only when the shooting is linked to an event. */
export const liveFire: Rule = {
  id: 'live-fire',
  title: 'Live fire without an imminent threat to life, or at people fleeing',
  standardIds: ['GC37-88', 'BPUFF-9'],
  assess: (facts) =>
    policeActs(facts)
      .filter((a) => hasAny(a.methods, ['live_ammunition']))
      .flatMap((a): Finding[] => {
        const threats = threatsToLife(facts, a);
        const fleeing = (a.conditions ?? []).includes(FLEEING);
        if (threats.length > 0 && !fleeing) return [];
        const why = fleeing
          ? { en: 'at people who were fleeing', ru: 'по убегавшим людям' }
          : { en: 'with no imminent threat to life recorded', ru: 'при отсутствии зафиксированной непосредственной угрозы жизни' };
        return [
          finding({
            ruleId: 'live-fire',
            standardIds: a.eventId ? ['GC37-88', 'BPUFF-9'] : ['BPUFF-9'],
            subject: { entity: 'act', id: a.id },
            facts: [
              fact('act', a.id, 'methods', a.methods ?? []),
              ...(fleeing ? [fact('act', a.id, 'conditions', a.conditions ?? [])] : []),
              ...threats.map((t) => fact('act', t.id, 'consequences', t.consequences ?? [])),
            ],
            explanation: {
              en: `Live ammunition was used ${why.en}: firearms only against an imminent threat of death or serious injury, never to disperse.`,
              ru: `Применены боевые патроны ${why.ru}: огнестрельное оружие — только при непосредственной угрозе смерти или тяжкого вреда и никогда для разгона.`,
            },
            severity: 'critical',
          }),
        ];
      }),
};

export const FORCE_RULES: readonly Rule[] = [forceWithoutWarning, gasWithoutExit, liveFire];
