import { act, bundle, charge, detention, event, person, step, west, type Scenario } from './build.js';
import { AFTER, SOURCE } from './coalition-2016-almaty.js';

/**
 * Coalition for the Right to Peaceful Assembly, "Kazakhstan: Widespread Human Rights Abuse amid
 * Attempts to Hold Peaceful Protests" (21 May 2016), shared/sources/coalition-2016-05-21-mass-detentions.txt.
 * The 21 May events are recorded with day precision (00:00 to 24:00 local);
 * Atyrau's notification status is "refused" (Bokaev's application, turned down on 16 May), Uralsk's is not reported.
 */

const uralskEvent = event({ id: 'ev-uralsk-0521', type: 'protest_with_intervention', startAt: west('2016-05-21 00:00'), endAt: west('2016-05-22 00:00') });
const atyrauEvent = event({
  id: 'ev-atyrau-0521', type: 'protest_with_intervention', startAt: west('2016-05-21 00:00'), endAt: west('2016-05-22 00:00'), notificationStatus: 'refused',
});

export const COALITION_2016_REGIONS: Scenario[] = [
  {
    name: 'Urnaliev: journalist held 7 h, three phones confiscated, footage deleted, released after asking for a lawyer',
    source: `${SOURCE}: "detained around 10.50am ... confiscated his cell phone and two iPhones ... deleted footage ... only released after 6.00pm when he demanded to see a lawyer". No protocol or family contact is reported.`,
    now: AFTER,
    facts: bundle({
      event: uralskEvent,
      persons: [person('urnaliev', [{ role: 'journalist', eventId: uralskEvent.id, organisationName: 'RFE/RL Kazakh service' }])],
      detentions: [
        detention({
          id: 'd-urnaliev', personId: 'urnaliev', eventId: uralskEvent.id, apprehendedAt: west('2016-05-21 10:50'),
          steps: [
            step('taken_to', west('2016-05-21 11:10')), step('phone_confiscated', west('2016-05-21 11:20')),
            step('lawyer_requested', west('2016-05-21 17:45')), step('released', west('2016-05-21 18:05')),
          ],
        }),
      ],
      acts: [act({ id: 'a-urnaliev-footage', type: 'footage_deleted', eventId: uralskEvent.id, victimPersonId: 'urnaliev', startAt: west('2016-05-21 11:30') })],
    }),
    expected: {
      // press + phone; no protocol in 3 h; held 7 h on an unknown basis; family not told in 3 h (CONV)
      'detention:d-urnaliev': ['GC37-30', 'KZ-CC-158', 'GC37-94', 'KZ-CPC-131', 'KZ-KoAP-788-789', 'KZ-CPC-64-66-135', 'BOP-16'],
      'act:a-urnaliev-footage': ['GC37-94', 'GC37-30', 'KZ-CC-158'],
    },
  },
  {
    name: 'Bokaev, as the hotline saw it the next evening: art. 488, five days before a refused protest',
    source: `${SOURCE}: "arrested on May 16, initially on administrative charges of ... 488 ... applied ... an application that the authorities turned down ten days later, on the day of his arrest". Assessed 17 May 18:00; nothing after the arrest recorded yet.`,
    now: west('2016-05-17 18:00'),
    facts: bundle({
      event: atyrauEvent,
      persons: [person('bokaev', ['activist', { role: 'organiser', eventId: atyrauEvent.id }])],
      detentions: [
        detention({
          id: 'd-bokaev', personId: 'bokaev', eventId: atyrauEvent.id, apprehendedAt: west('2016-05-16 12:00'), apprehendedPrecision: 'day',
          legalBasis: 'administrative', legalArticle: 'KoAP art. 488', steps: [step('taken_to', west('2016-05-16 12:30'))],
        }),
      ],
      charges: [charge({ id: 'c-bokaev-488', personId: 'bokaev', detentionId: 'd-bokaev', code: 'kz_koap', article: '488', filedOn: '2016-05-16' })],
    }),
    expected: { 'detention:d-bokaev': ['GC37-82', 'ICCPR-9.1-2', 'GC37-70-72', 'KZ-KoAP-488', 'KZ-CPC-131', 'KZ-KoAP-788-789', 'KZ-CPC-64-66-135', 'BOP-16'] },
  },
  {
    name: 'Bokaev and Ayan, 1 June: criminal charges under arts. 24 and 179 are not the 272/400 elements rule',
    source: `${SOURCE}: "He is now charged under articles 24 and 179 ... Ayan ... is also charged under articles 24 and 179". Such charges need a free-expression analysis (ICCPR-19-21) no rule automates.`,
    now: AFTER,
    facts: bundle({
      persons: [person('bokaev', ['activist']), person('ayan', ['activist'])],
      charges: ['bokaev', 'ayan'].flatMap((p) => [
        charge({ id: `c-${p}-24`, personId: p, code: 'kz_uk', article: '24', filedOn: '2016-06-01' }),
        charge({ id: `c-${p}-179`, personId: p, code: 'kz_uk', article: '179', filedOn: '2016-06-01' }),
      ]),
    }),
    expected: {},
  },
  {
    name: 'Sultangaliev: journalist dragged onto a bus, fingerprinted, work phone taken, footage deleted, no charge',
    source: `${SOURCE}: "documenting the detentions ... took his fingerprints and confiscated his work phone, without presenting him with any charges. The police deleted all video". Times are not reported: 11:00 assumed, assessed live at 13:30.`,
    now: west('2016-05-21 13:30'),
    facts: bundle({
      event: atyrauEvent,
      persons: [person('sultangaliev', [{ role: 'journalist', eventId: atyrauEvent.id, organisationName: 'Ak Zhayik' }])],
      detentions: [
        detention({
          id: 'd-sultangaliev', personId: 'sultangaliev', eventId: atyrauEvent.id, apprehendedAt: west('2016-05-21 11:00'), apprehendedPrecision: 'approximate', legalBasis: 'none',
          steps: [step('taken_to', west('2016-05-21 11:20')), step('fingerprinted', west('2016-05-21 11:40')), step('phone_confiscated', west('2016-05-21 11:45'))],
        }),
      ],
      acts: [act({ id: 'a-sultangaliev-footage', type: 'footage_deleted', eventId: atyrauEvent.id, victimPersonId: 'sultangaliev', startAt: west('2016-05-21 12:00') })],
    }),
    expected: {
      'detention:d-sultangaliev': ['GC37-30', 'KZ-CC-158', 'GC37-94', 'ICCPR-9.1-2'],
      'act:a-sultangaliev-footage': ['GC37-94', 'GC37-30', 'KZ-CC-158'],
    },
  },
  {
    name: 'Kapizov: charged with mass disorder (272) and art. 179, no violence of his recorded',
    source: `${SOURCE}: "On May 23, authorities in Atyrau reportedly raised charges against Sagyngaly Kapizov ... under articles 179 and 272"`,
    now: AFTER,
    facts: bundle({
      persons: [person('kapizov', ['activist'])],
      charges: [
        charge({ id: 'c-kapizov-179', personId: 'kapizov', code: 'kz_uk', article: '179', filedOn: '2016-05-23' }),
        charge({ id: 'c-kapizov-272', personId: 'kapizov', code: 'kz_uk', article: '272', filedOn: '2016-05-23' }),
      ],
    }),
    expected: { 'charge:c-kapizov-272': ['KZ-CC-CHARGES', 'ICCPR-9.1-2'] },
  },
];
