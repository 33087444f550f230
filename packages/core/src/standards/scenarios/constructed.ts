import { act, almaty, bundle, by, charge, detention, event, group, person, step, type Scenario } from './build.js';

/**
 * Constructed cases for rules the three reports do not illustrate cleanly (a long kettle, gas with no
 * way out, art. 400). Patterned on STANDARDS.md breach indicators, not on a documented incident.
 */

const NOW = almaty('2022-03-10 12:00');

const picket = event({
  id: 'ev-constructed-picket', type: 'peaceful_protest', title: 'Notified picket (constructed)',
  startAt: almaty('2022-03-08 10:00'), endAt: almaty('2022-03-08 16:00'), notificationStatus: 'notified',
});
const courtyard = event({
  id: 'ev-constructed-courtyard', type: 'peaceful_protest', title: 'Spontaneous gathering in a courtyard (constructed)',
  startAt: almaty('2022-03-09 18:00'), endAt: almaty('2022-03-09 20:00'), notificationStatus: 'spontaneous',
});

export const CONSTRUCTED: Scenario[] = [
  {
    name: 'Constructed: a notified picket kettled 4.5 h in the cold with no exit, water or toilet; the protocol dates the detention from the end of the kettle',
    source: 'constructed from GC37-84, ODIHR-G3 and KZ-KoAP-788-789 breach indicators ("kettles without exit or water"; "protocol time later than the restraint")',
    now: NOW,
    facts: bundle({
      event: picket,
      persons: [group('kettled', 150, [{ role: 'protester', eventId: picket.id }]), person('kettled-1', [{ role: 'protester', eventId: picket.id }])],
      acts: [
        act({
          id: 'a-kettle', type: 'containment', eventId: picket.id, victimPersonId: 'kettled',
          startAt: almaty('2022-03-08 11:00'), endAt: almaty('2022-03-08 15:30'), conditions: ['no_exit', 'no_water', 'no_toilet', 'cold'],
        }),
      ],
      detentions: [
        detention({
          id: 'd-kettled-1', personId: 'kettled-1', eventId: picket.id, apprehendedAt: almaty('2022-03-08 11:00'), legalBasis: 'administrative', legalArticle: 'KoAP art. 488',
          steps: [
            step('family_notified', almaty('2022-03-08 11:30')), step('taken_to', almaty('2022-03-08 15:45')),
            step('protocol', almaty('2022-03-08 15:50')), step('released', almaty('2022-03-08 17:00')),
          ],
        }),
      ],
    }),
    expected: {
      'act:a-kettle': ['GC37-84', 'ODIHR-G3', 'OSCE-HB', 'ICCPR-7', 'KZ-KoAP-788-789'],
      // protocol 4.8 h after the real restriction (late), and the gap itself
      'detention:d-kettled-1': ['KZ-CPC-131', 'KZ-KoAP-788-789'],
    },
  },
  {
    name: 'Constructed: tear gas fired into a closed courtyard after a loudspeaker order',
    source: 'constructed from GC37-86-87 ("gas on people who cannot leave"); the order is recorded, so the no-warning rule stays silent',
    now: NOW,
    facts: bundle({
      event: courtyard,
      persons: [group('courtyard-crowd', 60, [{ role: 'protester', eventId: courtyard.id }])],
      acts: [
        act({
          id: 'a-courtyard-gas', type: 'dispersal', eventId: courtyard.id, victimPersonId: 'courtyard-crowd', methods: ['tear_gas'], conditions: ['no_exit'],
          statedReason: 'Order to disperse announced by loudspeaker at 19:05', startAt: almaty('2022-03-09 19:10'),
        }),
      ],
    }),
    expected: { 'act:a-courtyard-gas': ['GC37-86-87'] },
  },
  {
    name: 'Constructed: charges under arts. 272 and 400 with and without their elements on record',
    source: 'constructed from KZ-CC-CHARGES ("peaceful people charged under 272 or 400 without those elements")',
    now: NOW,
    facts: bundle({
      persons: [person('charged-a', ['protester']), person('charged-b', ['protester']), person('charged-c', ['protester']), group('officers-x', 5, ['official'])],
      acts: [
        // B broke shop windows; C hit an officer with a baton. Nothing is recorded against A.
        act({ id: 'a-b-damage', type: 'use_of_force', perpetrators: [by('charged-b')], consequences: ['property_damage'] }),
        act({ id: 'a-c-attack', type: 'use_of_force', victimPersonId: 'officers-x', perpetrators: [by('charged-c')], methods: ['baton'], consequences: ['injury'] }),
      ],
      charges: [
        charge({ id: 'c-a-272', personId: 'charged-a', code: 'kz_uk', article: '272', part: '2' }),
        charge({ id: 'c-a-400', personId: 'charged-a', code: 'kz_uk', article: 'art. 400 part 1' }),
        charge({ id: 'c-b-400', personId: 'charged-b', code: 'kz_uk', article: '400' }),
        charge({ id: 'c-c-272', personId: 'charged-c', code: 'kz_uk', article: '272' }),
        charge({ id: 'c-c-koap', personId: 'charged-c', code: 'kz_koap', article: '4000' }),
      ],
    }),
    expected: { 'charge:c-a-272': ['KZ-CC-CHARGES', 'ICCPR-9.1-2'], 'charge:c-a-400': ['KZ-CC-CHARGES', 'ICCPR-9.1-2'] },
  },
];
