import { z } from 'zod';
import { Id, Instant, OptionalText, Term, Text } from './common.schema.js';

/**
 * "Report a detention", as a hotline operator takes it during a call: one submit creates the
 * person, the detention and the source (the call) together.
 */
export const DetentionReportInput = z
  .object({
    name: Text(300).describe('the detained person’s name, in any script'),
    pseudonym: OptionalText(200),
    roles: z.array(Term).max(10).default([]),
    organisationName: OptionalText(300).describe('outlet or organisation, for a journalist or defender'),
    apprehendedAt: Instant,
    apprehendedPrecision: Term.default('approximate'),
    apprehendedTimeOriginal: OptionalText(500),
    city: OptionalText(200),
    placeDescription: OptionalText(500).describe('where taken, as the caller said it'),
    eventId: Id.nullable().optional(),
    takenBy: OptionalText(500).describe('by whom: police, OMON, plain clothes…'),
    whatIsKnown: OptionalText(20000),
    whereaboutsKnown: z.boolean().default(false).describe('false adds a "whereabouts unknown" step at the apprehension'),
    legalBasis: Term.default('unknown'),
    caller: z
      .object({
        name: OptionalText(300),
        relation: OptionalText(200).describe('sister, colleague, witness…'),
        contact: OptionalText(1000).describe('restricted: never published'),
      })
      .strict()
      .default({}),
  })
  .strict();
export type DetentionReportInput = z.infer<typeof DetentionReportInput>;
