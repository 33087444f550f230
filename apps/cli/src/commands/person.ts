import { type NounSpec } from './records.js';

type Names = { value: string }[];

export const personNoun: NounSpec = {
  noun: 'person',
  entity: 'person',
  columns: ['id', 'pseudonym', 'names', 'roles'],
  addFlags: [
    {
      flags: '--name <name>',
      description: 'a name in any script (repeat for variants)',
      repeatable: true,
      apply: (body, value) => {
        body.names = [...((body.names as Names | undefined) ?? []), { value }];
      },
    },
    { flags: '--pseudonym <text>', description: 'name to publish instead of the real one', apply: (b, v) => void (b.pseudonym = v) },
    {
      flags: '--role <code>',
      description: 'role such as journalist, human_rights_defender (repeatable)',
      repeatable: true,
      apply: (body, role) => {
        body.roles = [...((body.roles as unknown[] | undefined) ?? []), { role }];
      },
    },
    { flags: '--consent <code>', description: 'consent to publication: unknown|granted|withheld', apply: (b, v) => void (b.consent = v) },
  ],
  listFilters: { q: 'q', role: 'role', event: 'eventId' },
  row: (r) => ({
    id: r.id,
    pseudonym: r.pseudonym,
    names: ((r.names as Names | null) ?? []).map((n) => n.value).join(' / '),
    roles: ((r.roles as { role: string }[] | null) ?? []).map((x) => x.role).join(', '),
  }),
};
