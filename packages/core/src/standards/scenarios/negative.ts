import { act, almaty, bundle, by, detention, event, group, person, step, type Scenario } from './build.js';
import { type FactsBundle } from '../facts.js';

/**
 * Scenarios that must flag NOTHING (issue 5). How they are represented with today's fields:
 * - "attacking officers with weapons": an act of type use_of_force whose victim is a group with role
 *   official and whose perpetrators are the attackers (force_method has no code for bars or knives:
 *   'other', described in the act);
 * - "after a warning": the police act's statedReason holds what they announced before using force.
 */

const NOW = almaty('2022-04-02 12:00');

const notified = event({
  id: 'ev-notified', type: 'peaceful_protest', title: 'Notified meeting, left alone',
  startAt: almaty('2022-04-01 11:00'), endAt: almaty('2022-04-01 13:00'), notificationStatus: 'notified',
});

/** Exported so the tests can take it apart and show each element is load-bearing. */
export const proportionateForce: FactsBundle = bundle({
  event: event({ id: 'ev-clash', type: 'protest_with_intervention', startAt: almaty('2022-04-01 14:00'), endAt: almaty('2022-04-01 16:00'), notificationStatus: 'notified' }),
  persons: [group('attackers', 15, ['protester']), group('officers', 10, ['official'])],
  acts: [
    act({
      id: 'a-attack', type: 'use_of_force', eventId: 'ev-clash', victimPersonId: 'officers', perpetrators: [by('attackers')],
      methods: ['other'], consequences: ['injury'], startAt: almaty('2022-04-01 14:10'),
    }),
    act({
      id: 'a-response', type: 'use_of_force', eventId: 'ev-clash', victimPersonId: 'attackers', methods: ['baton', 'pepper_spray'], consequences: ['injury'],
      statedReason: 'Warning to stop and disperse given by loudspeaker at 14:12', startAt: almaty('2022-04-01 14:15'),
    }),
  ],
});

export const NEGATIVE: Scenario[] = [
  {
    name: 'Negative: a notified assembly left alone',
    source: 'issue 5, negative scenario 1',
    now: NOW,
    facts: bundle({ event: notified, persons: [group('meeting', 300, [{ role: 'protester', eventId: notified.id }])] }),
    expected: {},
  },
  {
    name: 'Negative: two-hour administrative detention, protocol on time, family told, chosen lawyer present',
    source: 'issue 5, negative scenario 2. "On time" = the protocol records the real moment of restraint (12:00), so there is no gap',
    now: NOW,
    facts: bundle({
      event: notified,
      persons: [person('held-2h', [{ role: 'protester', eventId: notified.id }])],
      detentions: [
        detention({
          id: 'd-held-2h', personId: 'held-2h', eventId: notified.id, apprehendedAt: almaty('2022-04-01 12:00'), legalBasis: 'administrative', legalArticle: 'KoAP art. 434',
          steps: [
            step('protocol', almaty('2022-04-01 12:00')), step('taken_to', almaty('2022-04-01 12:15')), step('lawyer_requested', almaty('2022-04-01 12:20')),
            step('family_notified', almaty('2022-04-01 12:30')), step('lawyer_admitted', almaty('2022-04-01 12:50')), step('released', almaty('2022-04-01 14:00')),
          ],
        }),
      ],
    }),
    expected: {},
  },
  {
    name: 'Negative: batons and pepper spray against people attacking officers with weapons, after a warning',
    source: 'issue 5, negative scenario 3',
    now: NOW,
    facts: proportionateForce,
    expected: {},
  },
];
