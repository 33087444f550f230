import { act, almaty, bundle, charge, detention, event, group, person, step, type Scenario } from './build.js';

/**
 * Human Rights Watch, "Kazakhstan: Protesters Arbitrarily Arrested, Beaten" (January 2022),
 * shared/sources/hrw-2022-01-arbitrary-arrests-torture.txt — arrests, counsel and custody.
 * Interviewees are pseudonymous in the report; ids here follow the report's pseudonyms.
 */

const SOURCE = 'hrw-2022-01-arbitrary-arrests';
const AFTER = almaty('2022-01-25 12:00');

/** The 3 January walk in support of Zhanaozen: a spontaneous assembly of its own, stopped by OMON. */
const jan3 = event({
  id: 'ev-almaty-0103', type: 'protest_with_intervention', title: 'Walk in support of Zhanaozen oil workers, Almaty',
  startAt: almaty('2022-01-03 14:00'), endAt: almaty('2022-01-03 18:00'), notificationStatus: 'spontaneous',
});

export const HRW_ARRESTS_2022: Scenario[] = [
  {
    name: '55-year-old man: art. 488, no call to family, lawyer of choice refused, duty lawyer imposed, 15 days',
    source: `${SOURCE}: "We only walked about 200 meters when OMON blocked our way ... not allowed to call their families or get a lawyer of their choosing but were represented by a lawyer on duty ... sentenced to 15 days". Phones taken at the station; no protocol reported.`,
    now: AFTER,
    facts: bundle({
      event: jan3,
      persons: [person('man55', [{ role: 'protester', eventId: jan3.id }], { age: 55 })],
      detentions: [
        detention({
          id: 'd-man55', personId: 'man55', eventId: jan3.id, apprehendedAt: almaty('2022-01-03 14:10'), apprehendedPrecision: 'approximate',
          legalBasis: 'administrative', legalArticle: 'KoAP art. 488',
          steps: [
            step('taken_to', almaty('2022-01-03 14:40')), step('phone_confiscated', almaty('2022-01-03 14:45')),
            step('family_notification_requested', almaty('2022-01-03 14:50')), step('lawyer_requested', almaty('2022-01-03 15:00')),
            step('lawyer_refused', almaty('2022-01-03 15:05')), step('interrogated', almaty('2022-01-03 16:00')),
            step('duty_lawyer_imposed', almaty('2022-01-03 23:00')), step('hearing', almaty('2022-01-03 23:30')),
            step('sentence', almaty('2022-01-03 23:45')), step('released', almaty('2022-01-18 23:45')),
          ],
        }),
      ],
      charges: [charge({ id: 'c-man55-488', personId: 'man55', detentionId: 'd-man55', code: 'kz_koap', article: '488', outcome: 'convicted' })],
    }),
    // The phone taken from a protester at the station is routine custody, not flagged (see press rules).
    expected: {
      'detention:d-man55': ['KZ-CPC-131', 'KZ-CPC-64-66-135', 'BOP-16', 'KZ-KoAP-748-750', 'ICCPR-14.3', 'BPRL-1-8', 'GC37-70-72', 'KZ-KoAP-488'],
    },
  },
  {
    name: 'Maryam: group of 20 surrounded by special forces, lawyer refused, overnight online hearing with no lawyer, 15 days under 488',
    source: `${SOURCE}: "about 20 people, peacefully walking ... special forces surrounded them ... 'You will have a lawyer later. It's just a pro forma questioning.' ... sentenced her to 15 days' detention for violating art. 488"; "rushed overnight online court hearings". Times of the kettle are not reported (15:00-15:20 assumed).`,
    now: AFTER,
    facts: bundle({
      event: jan3,
      persons: [person('maryam', [{ role: 'protester', eventId: jan3.id }]), group('group-maryam', 20, [{ role: 'protester', eventId: jan3.id }])],
      acts: [
        act({
          id: 'a-maryam-kettle', type: 'containment', eventId: jan3.id, victimPersonId: 'group-maryam',
          startAt: almaty('2022-01-03 15:00'), endAt: almaty('2022-01-03 15:20'),
        }),
      ],
      detentions: [
        detention({
          // Liberty was restricted when the group was surrounded, not when she reached the station.
          id: 'd-maryam', personId: 'maryam', eventId: jan3.id, apprehendedAt: almaty('2022-01-03 15:00'), legalBasis: 'administrative', legalArticle: 'KoAP art. 488',
          steps: [
            step('taken_to', almaty('2022-01-03 15:50')), step('lawyer_requested', almaty('2022-01-03 16:00')),
            step('lawyer_refused', almaty('2022-01-03 16:05')), step('interrogated', almaty('2022-01-03 16:30')),
            step('hearing', almaty('2022-01-04 01:00')), step('sentence', almaty('2022-01-04 01:10')), step('released', almaty('2022-01-19 01:10')),
          ],
        }),
      ],
    }),
    expected: {
      'act:a-maryam-kettle': ['GC37-84', 'ODIHR-G3', 'OSCE-HB'],
      'detention:d-maryam': ['KZ-CPC-131', 'KZ-CPC-64-66-135', 'BOP-16', 'KZ-KoAP-748-750', 'ICCPR-14.3', 'BPRL-1-8', 'GC37-70-72', 'KZ-KoAP-488'],
    },
  },
  {
    name: 'Dastan: held a week with no explanation, moved to the detention facility, beaten with batons for days',
    source: `${SOURCE}: "They [police] provided no explanation for my detention, arbitrarily held me in police custody for one week ... When I was transferred to the Almaty temporary detention facility, I was severely beaten for four days ... My family suspected that I was in detention, but I could not contact them." Dates known to the day.`,
    now: AFTER,
    facts: bundle({
      persons: [person('dastan', ['activist'])],
      detentions: [
        detention({
          id: 'd-dastan', personId: 'dastan', apprehendedAt: almaty('2022-01-04 12:00'), apprehendedPrecision: 'day', legalBasis: 'none',
          steps: [
            step('taken_to', almaty('2022-01-04 12:30')), step('transferred', almaty('2022-01-07 12:00'), { precision: 'day' }),
            step('released', almaty('2022-01-10 12:00'), { precision: 'day' }),
          ],
        }),
      ],
      acts: [
        act({
          id: 'a-dastan-beating', type: 'ill_treatment', victimPersonId: 'dastan', methods: ['baton', 'beating', 'kicking'],
          startAt: almaty('2022-01-06 12:00'), endAt: almaty('2022-01-10 12:00'),
        }),
      ],
    }),
    expected: {
      'detention:d-dastan': ['KZ-CPC-131', 'KZ-KoAP-788-789', 'KZ-CPC-64-66-135', 'BOP-16', 'ICCPR-9.3-4', 'ICCPR-9.1-2'],
      'act:a-dastan-beating': ['ICCPR-7', 'KZ-CC-146', 'CAT-12-13', 'GC37-90'],
    },
  },
  {
    name: 'Erken: mass-riot suspect hidden from his lawyer for nine days; lawyers kept out of stations',
    source: `${SOURCE}: "police detained her client, Erken ... outside the city morgue ... got access to one client, Erken, only nine days after he was detained ... why they are hiding Erken from us"; "military officers were guarding police stations and would not let the lawyers enter". No protocol or court order reported.`,
    now: almaty('2022-01-20 12:00'),
    facts: bundle({
      persons: [person('erken', ['activist']), person('balgabayeva', ['lawyer'])],
      detentions: [
        detention({
          id: 'd-erken', personId: 'erken', apprehendedAt: almaty('2022-01-10 12:00'), apprehendedPrecision: 'day', legalBasis: 'criminal', legalArticle: 'UK art. 272',
          steps: [
            step('whereabouts_unknown', almaty('2022-01-10 12:00'), { precision: 'day' }),
            step('whereabouts_confirmed', almaty('2022-01-19 14:00')), step('lawyer_admitted', almaty('2022-01-19 16:00')),
          ],
        }),
      ],
      charges: [charge({ id: 'c-erken-272', personId: 'erken', detentionId: 'd-erken', code: 'kz_uk', article: '272' })],
      acts: [act({ id: 'a-balgabayeva-kept-out', type: 'denial_of_counsel', victimPersonId: 'balgabayeva', startAt: almaty('2022-01-04 12:00') })],
    }),
    expected: {
      'detention:d-erken': ['KZ-CPC-131', 'KZ-CPC-133', 'KZ-CPC-128-129', 'KZ-CPC-64-66-135', 'BOP-16', 'BPRL-1-8', 'ICCPR-9.3-4', 'KZ-CC-414'],
      'charge:c-erken-272': ['KZ-CC-CHARGES', 'ICCPR-9.1-2'],
      'act:a-balgabayeva-kept-out': ['BPRL-16'],
    },
  },
];
