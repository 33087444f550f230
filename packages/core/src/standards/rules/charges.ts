import { citesArticle } from '../../custody/index.js';
import { type ActFacts, type ChargeFacts, type FactsBundle } from '../facts.js';
import { fact, finding, type Rule } from '../finding.js';
import { actsBy, hasAny } from '../lookup.js';

/**
 * Criminal charges whose required elements nothing on record supports. The elements are looked for
 * among acts the charged person is recorded as committing (as a perpetrator). Absence of such a record
 * is not proof of innocence; it is a question the analyst must put to the case file.
 */

/** Mass riots (CC 272): violence, pogroms, arson or armed resistance. */
const RIOT_ACT_TYPES = ['use_of_force', 'ill_treatment', 'torture', 'death_at_scene'];
const RIOT_CONSEQUENCES = ['injury', 'serious_injury', 'death', 'property_damage'];
const is272Element = (a: ActFacts) => RIOT_ACT_TYPES.includes(a.type) || hasAny(a.consequences, RIOT_CONSEQUENCES) || hasAny(a.methods, ['live_ammunition']);

/** CC 400: substantial harm. */
const HARM = ['injury', 'serious_injury', 'death', 'hospitalisation', 'property_damage'];
const is400Element = (a: ActFacts) => hasAny(a.consequences, HARM);

const IDS = ['KZ-CC-CHARGES', 'ICCPR-9.1-2'];

function elementsRule(id: string, article: string, isElement: (a: ActFacts) => boolean, needs: { en: string; ru: string }): Rule {
  const underArticle = (facts: FactsBundle): ChargeFacts[] => facts.charges.filter((c) => c.code === 'kz_uk' && citesArticle(c.article, [article]));
  return {
    id,
    title: `Criminal Code art. ${article} charge with none of its elements recorded`,
    standardIds: IDS,
    assess: (facts) =>
      underArticle(facts)
        .filter((c) => !actsBy(facts, c.personId).some(isElement))
        .map((c) =>
          finding({
            ruleId: id,
            standardIds: IDS,
            subject: { entity: 'charge', id: c.id },
            facts: [fact('charge', c.id, 'code', c.code), fact('charge', c.id, 'article', c.article), fact('charge', c.id, 'personId', c.personId)],
            explanation: {
              en: `Charged under Criminal Code art. ${article}, which needs ${needs.en}; nothing of the kind is recorded against this person.`,
              ru: `Обвинение по ст. ${article} УК, для которой нужны ${needs.ru}; ничего подобного за этим человеком не зафиксировано.`,
            },
            severity: 'warning',
          }),
        ),
  };
}

export const riotChargeWithoutElements = elementsRule('charge-272-without-elements', '272', is272Element, {
  en: 'violence, pogroms, arson or armed resistance',
  ru: 'насилие, погромы, поджоги или вооружённое сопротивление',
});

export const art400ChargeWithoutHarm = elementsRule('charge-400-without-harm', '400', is400Element, {
  en: 'substantial harm',
  ru: 'существенный вред',
});

export const CHARGE_RULES: readonly Rule[] = [riotChargeWithoutElements, art400ChargeWithoutHarm];
