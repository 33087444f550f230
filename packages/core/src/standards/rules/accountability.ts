import { type ActFacts, type FactsBundle } from '../facts.js';
import { fact, finding, type FactRef, type Rule } from '../finding.js';
import { byState, hasAny } from '../lookup.js';

/**
 * Ill-treatment, torture and deaths. The allegation itself engages ICCPR 7 and CC 146; whether
 * anyone investigated is a separate breach (CAT 12-13, GC37-90), so it is a separate finding that
 * disappears once a complaint about the act is recorded with status investigation_opened.
 */

const ABUSE = ['ill_treatment', 'torture'];
/** Methods that on their own suggest torture in the CAT art. 1 sense (STANDARDS.md, CAT-1-2). */
const TORTURE_METHODS = ['electric_shock', 'bag_over_head'];

const abuses = (facts: FactsBundle) => facts.acts.filter((a) => ABUSE.includes(a.type) && byState(facts, a));

/** Complaints about this act: linked to it, or to its victim when the complaint names no act. */
function complaintsAbout(facts: FactsBundle, a: ActFacts) {
  return facts.complaints.filter((c) => c.actId === a.id || (!c.actId && a.victimPersonId && c.personId === a.victimPersonId));
}

const investigated = (facts: FactsBundle, a: ActFacts) => complaintsAbout(facts, a).some((c) => c.status === 'investigation_opened');

const actFacts = (a: ActFacts): FactRef[] => [fact('act', a.id, 'type', a.type), ...((a.methods ?? []).length ? [fact('act', a.id, 'methods', a.methods)] : [])];

export const illTreatmentAlleged: Rule = {
  id: 'ill-treatment-alleged',
  title: 'Ill-treatment or torture alleged',
  standardIds: ['ICCPR-7', 'KZ-CC-146'],
  assess: (facts) =>
    abuses(facts).map((a) =>
      finding({
        ruleId: 'ill-treatment-alleged',
        standardIds: ['ICCPR-7', 'KZ-CC-146'],
        subject: { entity: 'act', id: a.id },
        facts: actFacts(a),
        explanation: {
          en: 'Ill-treatment by officials is alleged: prohibited absolutely, and a crime under Criminal Code art. 146.',
          ru: 'Заявлено о жестоком обращении со стороны должностных лиц: абсолютно запрещено и является преступлением по ст. 146 УК.',
        },
        severity: 'critical',
      }),
    ),
};

export const tortureAlleged: Rule = {
  id: 'torture-alleged',
  title: 'Torture alleged (act type torture, electric shocks, bags over heads)',
  standardIds: ['CAT-1-2'],
  assess: (facts) =>
    abuses(facts)
      .filter((a) => a.type === 'torture' || hasAny(a.methods, TORTURE_METHODS))
      .map((a) =>
        finding({
          ruleId: 'torture-alleged',
          standardIds: ['CAT-1-2'],
          subject: { entity: 'act', id: a.id },
          facts: actFacts(a),
          explanation: {
            en: 'The treatment described may amount to torture; no emergency justifies it.',
            ru: 'Описанное обращение может являться пыткой; никакие чрезвычайные обстоятельства её не оправдывают.',
          },
          severity: 'critical',
        }),
      ),
};

export const illTreatmentNotInvestigated: Rule = {
  id: 'ill-treatment-not-investigated',
  title: 'Ill-treatment alleged, no investigation opened',
  standardIds: ['CAT-12-13', 'GC37-90'],
  assess: (facts) =>
    abuses(facts)
      .filter((a) => !investigated(facts, a))
      .map((a) => {
        const complaints = complaintsAbout(facts, a);
        return finding({
          ruleId: 'ill-treatment-not-investigated',
          standardIds: ['CAT-12-13', 'GC37-90'],
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'type', a.type), ...complaints.map((c) => fact('complaint', c.id, 'status', c.status))],
          explanation: complaints.length
            ? { en: 'A complaint was made but no investigation is recorded as opened.', ru: 'Жалоба подана, но возбуждение расследования не зафиксировано.' }
            : { en: 'No complaint and no investigation are recorded for this allegation.', ru: 'По этому заявлению не зафиксированы ни жалоба, ни расследование.' },
          severity: 'warning',
        });
      }),
};

const DEATH_TYPES = ['death_in_custody', 'death_at_scene'];

/** Deaths caused by state agents, in custody or at the scene: the Minnesota Protocol applies. */
export const deathInvestigation: Rule = {
  id: 'death-investigation',
  title: 'Death in custody or caused by the police: investigation standard applies',
  standardIds: ['MINN'],
  assess: (facts) =>
    facts.acts
      .filter((a) => (DEATH_TYPES.includes(a.type) || hasAny(a.consequences, ['death'])) && byState(facts, a))
      .map((a) => {
        const open = investigated(facts, a);
        const custody = a.type === 'death_in_custody';
        return finding({
          ruleId: 'death-investigation',
          standardIds: ['MINN'],
          subject: { entity: 'act', id: a.id },
          facts: [fact('act', a.id, 'type', a.type), ...(hasAny(a.consequences, ['death']) ? [fact('act', a.id, 'consequences', a.consequences)] : [])],
          explanation: {
            en: `${custody ? 'A death in custody is presumed the State\'s responsibility. ' : 'A death caused by state agents. '}It needs a prompt, independent investigation with the family involved; ${open ? 'one is recorded as opened — check it meets that standard' : 'none is recorded'}.`,
            ru: `${custody ? 'Смерть под стражей презюмируется ответственностью государства. ' : 'Смерть, причинённая представителями государства. '}Требуется оперативное независимое расследование с участием семьи; ${open ? 'расследование возбуждено — проверьте его соответствие стандарту' : 'расследование не зафиксировано'}.`,
          },
          severity: open ? 'info' : 'critical',
        });
      }),
};

export const ACCOUNTABILITY_RULES: readonly Rule[] = [illTreatmentAlleged, tortureAlleged, illTreatmentNotInvestigated, deathInvestigation];
