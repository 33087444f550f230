import { act, almaty, bundle, by, event, group, type Scenario } from './build.js';

/**
 * Human Rights Watch, "Kazakhstan: Killings, Excessive Use of Force in Almaty" (26 January 2022),
 * shared/sources/hrw-2022-01-almaty-excessive-force-video-analysis.txt — four incidents from 80+
 * verified videos. Violence BY people in the crowd is recorded as an act whose victim is a group of
 * officers (role official) and whose perpetrators are the people who did it.
 */

const SOURCE = 'hrw-2022-01-almaty-excessive-force';
const AFTER = almaty('2022-01-26 12:00');

const night = event({
  id: 'ev-republic-0105-night', type: 'excessive_force', title: 'Republic Square, night of 4 to 5 January',
  startAt: almaty('2022-01-04 22:00'), endAt: almaty('2022-01-05 01:05'), notificationStatus: 'spontaneous',
});
const jan5 = event({
  id: 'ev-almaty-0105', type: 'violent_demonstration', title: 'Storming of city hall and the presidential residence, 5 January',
  startAt: almaty('2022-01-05 14:00'), endAt: almaty('2022-01-05 20:00'),
});
const jan6 = event({
  id: 'ev-republic-0106', type: 'excessive_force', title: 'Republic Square, 6 January',
  startAt: almaty('2022-01-06 10:00'), endAt: almaty('2022-01-06 18:30'), notificationStatus: 'spontaneous',
});

export const HRW_FORCE_2022: Scenario[] = [
  {
    name: 'Incident one: peaceful crowd on Republic Square dispersed with tear gas, stun grenades and rubber projectiles',
    source: `${SOURCE}: "Around 12:15 a.m., shortly after the protesters arrived, security forces forcibly dispersed them with teargas, stun grenades, and rubber projectiles ... some protesters retaliated by throwing stones ... but most protesters remained peaceful." No warning is reported.`,
    now: AFTER,
    facts: bundle({
      event: night,
      persons: [group('crowd-republic', 1000, ['protester']), group('stone-throwers', 20, ['protester']), group('cordon-officers', 200, ['official'])],
      acts: [
        act({
          id: 'a-republic-dispersal', type: 'dispersal', eventId: night.id, victimPersonId: 'crowd-republic',
          methods: ['tear_gas', 'stun_grenade', 'rubber_projectile'], startAt: almaty('2022-01-05 00:25'), endAt: almaty('2022-01-05 00:51'),
        }),
        // The stones of a few are not attributed to the crowd (GC37-17): they are a separate group.
        act({
          id: 'a-republic-stones', type: 'use_of_force', eventId: night.id, victimPersonId: 'cordon-officers',
          perpetrators: [by('stone-throwers')], methods: ['other'], startAt: almaty('2022-01-05 00:30'),
        }),
      ],
    }),
    expected: { 'act:a-republic-dispersal': ['GC37-78', 'BPUFF-4', 'BPUFF-12-14'] },
  },
  {
    name: 'Incident two: live fire at protesters outside the presidential residence; officers beaten elsewhere, at city hall',
    source: `${SOURCE}: "security forces ... repeatedly fired with assault rifles at several hundred people ... did not appear to be posing an imminent threat ... at least 10 people who appear to have been killed and 19 injured"; at city hall "rioters capturing and beating law enforcement officers".`,
    now: AFTER,
    facts: bundle({
      event: jan5,
      persons: [group('crowd-residence', 300, ['protester']), group('rioters-cityhall', 100, []), group('officers-cityhall', 50, ['official'])],
      acts: [
        act({
          id: 'a-cityhall-attack', type: 'use_of_force', eventId: jan5.id, victimPersonId: 'officers-cityhall',
          perpetrators: [by('rioters-cityhall')], methods: ['beating'], consequences: ['serious_injury'], startAt: almaty('2022-01-05 15:00'),
        }),
        act({
          id: 'a-residence-fire', type: 'use_of_force', eventId: jan5.id, victimPersonId: 'crowd-residence',
          methods: ['live_ammunition', 'stun_grenade'], consequences: ['death', 'serious_injury'], startAt: almaty('2022-01-05 15:30'), endAt: almaty('2022-01-05 17:31'),
        }),
      ],
    }),
    // A violent event: no "non-violent crowd" finding; but the threat at city hall came from others.
    expected: { 'act:a-residence-fire': ['GC37-88', 'BPUFF-9', 'MINN'] },
  },
  {
    name: 'Incidents three and four: soldiers shoot at a peaceful crowd on Republic Square; in the evening, at people fleeing',
    source: `${SOURCE}: "soldiers initially began to shoot in the air. She said that at least one man was injured"; at 6 p.m. "security forces fire warning shots prior to directing live fire at the protesters ... We dispersed and ran away, and those who stayed to hide ... were shot at"; "one protester hit in the head". The warning shots are recorded as the stated warning.`,
    now: AFTER,
    facts: bundle({
      event: jan6,
      persons: [group('crowd-morning', 150, ['protester']), group('crowd-evening', 200, ['protester'])],
      acts: [
        act({
          id: 'a-republic-morning-fire', type: 'use_of_force', eventId: jan6.id, victimPersonId: 'crowd-morning',
          methods: ['live_ammunition'], consequences: ['injury'], startAt: almaty('2022-01-06 10:00'),
        }),
        act({
          id: 'a-republic-evening-fire', type: 'use_of_force', eventId: jan6.id, victimPersonId: 'crowd-evening',
          methods: ['live_ammunition'], consequences: ['death', 'serious_injury'], conditions: ['fleeing'],
          statedReason: 'Warning shots fired before the live fire (witness)', startAt: almaty('2022-01-06 18:00'), endAt: almaty('2022-01-06 18:30'),
        }),
      ],
    }),
    expected: {
      'act:a-republic-morning-fire': ['GC37-78', 'BPUFF-4', 'BPUFF-12-14', 'GC37-88', 'BPUFF-9'],
      'act:a-republic-evening-fire': ['GC37-88', 'BPUFF-9', 'MINN'],
    },
  },
  {
    name: 'Shevchenko Street: shots and tear gas at rioters beating officers (a threat to life), then a captured rioter beaten',
    source: `${SOURCE}: "rioters singling out at least three law enforcement officers and beating them severely on the head and body ... A dozen shots ... teargas canisters at rioters, dispersing them. The forces then capture and severely beat one rioter who had just pushed a law enforcement officer."`,
    now: AFTER,
    facts: bundle({
      event: jan5,
      persons: [group('rioters-shevchenko', 30, []), group('officers-shevchenko', 3, ['official']), group('captured-rioter', 1, [])],
      acts: [
        act({
          id: 'a-shevchenko-attack', type: 'use_of_force', eventId: jan5.id, victimPersonId: 'officers-shevchenko',
          perpetrators: [by('rioters-shevchenko'), by('captured-rioter')], methods: ['beating'], consequences: ['serious_injury'], startAt: almaty('2022-01-05 14:40'),
        }),
        act({
          id: 'a-shevchenko-fire', type: 'use_of_force', eventId: jan5.id, victimPersonId: 'rioters-shevchenko',
          methods: ['live_ammunition', 'tear_gas'], startAt: almaty('2022-01-05 14:45'),
        }),
        act({
          id: 'a-shevchenko-capture', type: 'ill_treatment', eventId: jan5.id, victimPersonId: 'captured-rioter',
          methods: ['beating'], consequences: ['serious_injury'], startAt: almaty('2022-01-05 14:47'),
        }),
      ],
    }),
    // Beating a restrained person is never justified, whatever they did before.
    expected: { 'act:a-shevchenko-capture': ['ICCPR-7', 'KZ-CC-146', 'CAT-12-13', 'GC37-90'] },
  },
];
