import { act, almaty, bundle, charge, complaint, detention, event, person, step, west, type Scenario } from './build.js';

/**
 * Human Rights Watch, "Kazakhstan: Protesters Arbitrarily Arrested, Beaten" (January 2022),
 * shared/sources/hrw-2022-01-arbitrary-arrests-torture.txt — ill-treatment, torture, deaths in custody.
 */

const SOURCE = 'hrw-2022-01-arbitrary-arrests';
const AFTER = almaty('2022-01-28 12:00');

const atyrauJan4 = event({
  id: 'ev-atyrau-0104', type: 'peaceful_protest', title: 'Peaceful protest, Atyrau',
  startAt: west('2022-01-04 10:00'), endAt: west('2022-01-04 18:00'), notificationStatus: 'not_notified',
});

export const HRW_ABUSE_2022: Scenario[] = [
  {
    name: 'Ashat: tortured with electric shocks and batons for six days; complaint filed, no investigation',
    source: `${SOURCE}: "He was tortured by electric shocks, beaten by batons, arms, kicked for six days." ... "On January 20, Balgabayeva filed a complaint with the special prosecutor"`,
    now: AFTER,
    facts: bundle({
      persons: [person('ashat', ['activist'])],
      acts: [
        act({
          id: 'a-ashat-torture', type: 'torture', victimPersonId: 'ashat', methods: ['electric_shock', 'baton', 'beating', 'kicking'],
          startAt: almaty('2022-01-04 12:00'), endAt: almaty('2022-01-10 12:00'),
        }),
      ],
      complaints: [complaint({ id: 'cmp-ashat', body: 'special_prosecutor', status: 'filed', actId: 'a-ashat-torture', personId: 'ashat', filedOn: '2022-01-20' })],
    }),
    expected: { 'act:a-ashat-torture': ['ICCPR-7', 'KZ-CC-146', 'CAT-1-2', 'CAT-12-13', 'GC37-90'] },
  },
  {
    name: 'Esengazy, that evening: taken from home, moved on, family finds him four hours later',
    source: `${SOURCE}: "police arrested Esengazy at his home in the afternoon of January 12 ... taking him to Talgar district police department, but ... didn't know where he would be transferred afterward. About four hours later, Esengazy's family learned that he was in police custody in central Almaty." Assessed at 21:00 that day.`,
    now: almaty('2022-01-12 21:00'),
    facts: bundle({
      persons: [person('esengazy', ['activist'], { age: 58 })],
      detentions: [
        detention({
          id: 'd-esengazy', personId: 'esengazy', apprehendedAt: almaty('2022-01-12 15:00'), apprehendedPrecision: 'approximate',
          legalBasis: 'criminal', legalArticle: 'UK art. 272',
          steps: [
            step('taken_to', almaty('2022-01-12 15:20'), { placeId: 'talgar-police' }), step('transferred', almaty('2022-01-12 16:30')),
            step('whereabouts_unknown', almaty('2022-01-12 16:35')), step('whereabouts_confirmed', almaty('2022-01-12 19:00')),
          ],
        }),
      ],
    }),
    expected: { 'detention:d-esengazy': ['KZ-CPC-131', 'KZ-CPC-64-66-135', 'BOP-16', 'KZ-CC-414'] },
  },
  {
    name: 'Esengazy: beaten with a truncheon; the special prosecutor opened an investigation; mass-riot charge',
    source: `${SOURCE}: "methodically beat [my client] with a rubber truncheon ... On January 24 a special prosecutor opened a criminal investigation in response to Nurpeisov's complaint"; "facing mass riots charges"`,
    now: AFTER,
    facts: bundle({
      persons: [person('esengazy', ['activist'], { age: 58 })],
      acts: [act({ id: 'a-esengazy-beating', type: 'ill_treatment', victimPersonId: 'esengazy', methods: ['baton', 'beating'] })],
      complaints: [
        complaint({ id: 'cmp-esengazy', body: 'special_prosecutor', status: 'investigation_opened', actId: 'a-esengazy-beating', personId: 'esengazy', filedOn: '2022-01-24' }),
      ],
      charges: [charge({ id: 'c-esengazy-272', personId: 'esengazy', code: 'kz_uk', article: '272' })],
    }),
    // The investigation is opened, so only the allegation itself (not "no investigation") is flagged.
    expected: { 'act:a-esengazy-beating': ['ICCPR-7', 'KZ-CC-146'], 'charge:c-esengazy-272': ['KZ-CC-CHARGES', 'ICCPR-9.1-2'] },
  },
  {
    name: 'Shutov: picked up a week after a peaceful protest, beaten for six hours, two days under 488; police deny',
    source: `${SOURCE}: "law enforcement beat him after they detained him on January 11 ... from 12 p.m. until about 6 p.m. ... sentenced to two days' detention for 'actively participating in the [unsanctioned] protest' ... released on January 13. He filed a complaint with police ... the press service ... issued a report denying allegations". No lawyer, protocol or family contact reported.`,
    now: AFTER,
    facts: bundle({
      event: atyrauJan4,
      persons: [person('shutov', ['activist', { role: 'protester', eventId: atyrauJan4.id }])],
      detentions: [
        detention({
          id: 'd-shutov', personId: 'shutov', eventId: atyrauJan4.id, apprehendedAt: west('2022-01-11 11:30'), apprehendedPrecision: 'day',
          legalBasis: 'administrative', legalArticle: 'KoAP art. 488',
          steps: [
            step('taken_to', west('2022-01-11 11:45')), step('hearing', west('2022-01-11 20:00'), { precision: 'day' }),
            step('sentence', west('2022-01-11 20:00'), { precision: 'day' }), step('released', west('2022-01-13 11:30'), { precision: 'day' }),
          ],
        }),
      ],
      acts: [
        act({
          id: 'a-shutov-beating', type: 'ill_treatment', victimPersonId: 'shutov', methods: ['beating', 'kicking', 'stress_position'],
          startAt: west('2022-01-11 12:00'), endAt: west('2022-01-11 18:00'),
        }),
      ],
      complaints: [complaint({ id: 'cmp-shutov', body: 'police_internal', status: 'rejected', actId: 'a-shutov-beating', filedOn: '2022-01-13' })],
    }),
    expected: {
      'detention:d-shutov': ['KZ-CPC-131', 'KZ-CPC-64-66-135', 'BOP-16', 'ICCPR-14.3', 'BPRL-1-8', 'KZ-KoAP-748-750', 'GC37-70-72', 'KZ-KoAP-488'],
      'act:a-shutov-beating': ['ICCPR-7', 'KZ-CC-146', 'CAT-12-13', 'GC37-90'],
    },
  },
  {
    name: 'Deaths in custody: Anafiyaev, Zhagiparov (handcuffed, two gunshot wounds), Alieyev',
    source: `${SOURCE}: "police detained Anafiyaev at home on January 8 and a week later returned his body"; Zhagiparov's "hands were still in handcuffs, he had two gunshot wounds"; "police detained his father at his home on January 5 and ... he found his father's body ... in the morgue in Kyzylorda". No investigation reported.`,
    now: AFTER,
    facts: bundle({
      persons: [person('anafiyaev', []), person('zhagiparov', []), person('alieyev', ['activist'])],
      acts: [
        act({ id: 'a-anafiyaev-death', type: 'death_in_custody', victimPersonId: 'anafiyaev', consequences: ['death'] }),
        act({
          id: 'a-zhagiparov-death', type: 'death_in_custody', victimPersonId: 'zhagiparov', methods: ['live_ammunition', 'beating'], consequences: ['death'],
          startAt: almaty('2022-01-07 13:16'),
        }),
        act({ id: 'a-alieyev-death', type: 'death_in_custody', victimPersonId: 'alieyev', consequences: ['death'] }),
      ],
    }),
    // Shooting a handcuffed detainee: BPUFF 9 applies; GC37-88 is for assemblies, and this act has no event.
    expected: {
      'act:a-anafiyaev-death': ['MINN'],
      'act:a-zhagiparov-death': ['MINN', 'BPUFF-9'],
      'act:a-alieyev-death': ['MINN'],
    },
  },
];
