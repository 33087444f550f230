import { DetentionReportInput } from '../records/intake.schema.js';
import { parseInput } from '../records/validate.js';
import { type StoredRecord } from '../repositories.js';
import { type Services } from './index.js';
import { type ActorLike } from './record.service.js';

export interface DetentionReport {
  person: StoredRecord;
  detention: StoredRecord;
  source: StoredRecord;
}

/** Hotline intake: a call becomes a source, a person and an open custody case in one transaction. */
export class IntakeService {
  constructor(private readonly inTransaction: <T>(fn: (services: Services) => Promise<T>) => Promise<T>) {}

  async reportDetention(raw: unknown, actor: ActorLike): Promise<DetentionReport> {
    const input = parseInput(DetentionReportInput, raw);
    return this.inTransaction(async ({ records }) => {
      const caller = input.caller;
      const source = await records.create(
        'source',
        {
          kind: 'testimony',
          // Titles are not encrypted and appear in lists: never put the detained person's name here.
          title: `Hotline call${caller.relation ? ` from a ${caller.relation}` : ''}${input.city ? `, ${input.city}` : ''}`,
          author: caller.name ?? caller.relation ?? null,
          contact: caller.contact ?? null,
          protectedIdentity: true,
          notes: input.whatIsKnown ?? null,
          confidentiality: 'restricted',
        },
        actor,
      );
      const person = await records.create(
        'person',
        {
          names: [{ value: input.name, sourceId: source.id }],
          pseudonym: input.pseudonym ?? null,
          roles: input.roles.map((role) => ({ role, eventId: input.eventId ?? null, organisationName: input.organisationName ?? null })),
          sourceIds: [source.id],
        },
        actor,
      );
      const notes = [input.placeDescription && `Taken at: ${input.placeDescription}`, input.takenBy && `Taken by: ${input.takenBy}`, input.whatIsKnown]
        .filter(Boolean)
        .join('\n');
      const detention = await records.create(
        'detention',
        {
          personId: person.id,
          eventId: input.eventId ?? null,
          apprehendedAt: input.apprehendedAt,
          apprehendedPrecision: input.apprehendedPrecision,
          apprehendedTimeOriginal: input.apprehendedTimeOriginal ?? null,
          city: input.city ?? null,
          legalBasis: input.legalBasis,
          notes: notes || null,
          steps: input.whereaboutsKnown ? [] : [{ type: 'whereabouts_unknown', at: input.apprehendedAt, precision: input.apprehendedPrecision, sourceIds: [source.id] }],
          sourceIds: [source.id],
        },
        actor,
      );
      return { person, detention, source };
    });
  }
}
