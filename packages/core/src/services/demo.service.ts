import demo from '../demo/coalition-2016-05-21.json' with { type: 'json' };
import { VigilError } from '../errors.js';
import { type EntityName } from '../records/entities.js';
import { type Repositories } from '../repositories.js';
import { type Services } from './index.js';

type Item = Record<string, unknown> & { key?: string };
type Keys = Map<string, string>;

/** Keys in the demo file (`personKey`, `placeKeys`…) become the ids of the records they name. */
function resolve(item: Item, keys: Keys): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const id = (key: unknown): string => {
    const found = keys.get(String(key));
    if (!found) throw new Error(`demo data: unknown key ${String(key)}`);
    return found;
  };
  for (const [field, value] of Object.entries(item)) {
    if (field === 'key' || value === undefined) continue;
    if (field.endsWith('Keys')) out[`${field.slice(0, -4)}Ids`] = (value as unknown[]).map(id);
    else if (field.endsWith('Key')) out[`${field.slice(0, -3)}Id`] = value === null ? null : id(value);
    else out[field] = value;
  }
  return out;
}

/** A person's role with several outlets becomes one role per outlet (counted once as a person). */
function roles(item: Item, keys: Keys): unknown[] {
  return ((item.roles as Item[] | undefined) ?? []).flatMap((role) => {
    const { organisationKeys, ...rest } = role as Item & { organisationKeys?: string[] };
    const base = resolve(rest, keys);
    return organisationKeys?.length ? organisationKeys.map((k) => ({ ...base, organisationId: keys.get(k) })) : [base];
  });
}

/**
 * Loads the 21 May 2016 coalition report (shared/sources) into an empty database through the
 * normal services, so the demo passes the same validation as any user's data.
 */
export class DemoService {
  constructor(
    private readonly repos: Repositories,
    private readonly inTransaction: <T>(fn: (services: Services) => Promise<T>) => Promise<T>,
  ) {}

  async load(actor = 'demo'): Promise<Record<string, number>> {
    if (!(await this.repos.dump.isEmpty())) throw new VigilError('DATABASE_NOT_EMPTY', 'demo load fills an empty database only; this one already holds records');
    return this.inTransaction(async ({ records }) => {
      const keys: Keys = new Map();
      const counts: Record<string, number> = {};
      const create = async (entity: EntityName, item: Item, input: Record<string, unknown>): Promise<void> => {
        const record = await records.create(entity, input, actor);
        if (item.key) keys.set(item.key, record.id);
        counts[entity] = (counts[entity] ?? 0) + 1;
      };
      const data = demo as unknown as Record<string, Item[]>;
      for (const s of data.sources ?? []) await create('source', s, resolve(s, keys));
      for (const p of data.places ?? []) await create('place', p, { confidentiality: 'public', ...resolve(p, keys) });
      for (const o of data.organisations ?? []) await create('organisation', o, { confidentiality: 'public', ...resolve(o, keys) });
      const claims = data.claims ?? [];
      for (const e of data.events ?? []) {
        const estimates = claims.filter((c) => c.eventKey === e.key).map(({ key: _k, eventKey: _e, ...c }) => resolve(c, keys));
        await create('event', e, { confidentiality: 'public', ...resolve(e, keys), estimates });
      }
      for (const p of data.persons ?? []) await create('person', p, { ...resolve(p, keys), roles: roles(p, keys) });
      for (const d of data.detentions ?? []) {
        const steps = ((d.steps as Item[] | undefined) ?? []).map((s) => resolve(s, keys));
        await create('detention', d, { ...resolve(d, keys), steps });
      }
      for (const c of data.charges ?? []) await create('charge', c, resolve(c, keys));
      for (const f of data.officialFigures ?? []) await create('officialFigure', f, { confidentiality: 'public', ...resolve(f, keys) });
      return counts;
    });
  }
}
