import { z } from 'zod';
import { Severity } from '../custody/index.js';
import { Id } from '../records/common.schema.js';
import { CATALOGUE, RULES } from '../standards/index.js';
import { FINDING_STATUSES, QUEUE_STATUSES, REVIEW_DECISIONS } from './types.js';

/** Inputs of the findings API and CLI, validated the same way for both. */

/** A comma list or a repeated query parameter, as a list of trimmed words. */
const words = (v: unknown): string[] | undefined =>
  v === undefined
    ? undefined
    : (Array.isArray(v) ? v : [v])
        .flatMap((x) => String(x).split(','))
        .map((x) => x.trim())
        .filter(Boolean);

/** `status=suggested,needs_review` or repeated `status=`; `queue` stands for the review queue. */
const StatusList = z.preprocess(
  (v) => words(v)?.flatMap((x) => (x === 'queue' ? [...QUEUE_STATUSES] : [x])),
  z.array(z.enum(FINDING_STATUSES, { message: `must be one of ${FINDING_STATUSES.join(', ')} (or queue)` })).min(1, 'must name at least one status').optional(),
);

/** `severity=critical,warning`. */
const SeverityList = z.preprocess(
  words,
  z.array(z.enum(Severity.options, { message: `must be one of ${Severity.options.join(', ')}` })).min(1, 'must name at least one severity').optional(),
);

export const FindingFilter = z.strictObject({
  status: StatusList,
  severity: SeverityList,
  eventId: Id.optional(),
  subjectId: Id.optional(),
  personId: Id.optional(),
  standardId: z
    .string()
    .max(100)
    .refine((id) => CATALOGUE.byId.has(id), 'is not a standard id of the catalogue (see GET /api/v1/standards)')
    .optional(),
  ruleId: z
    .string()
    .max(100)
    .refine((id) => RULES.some((r) => r.id === id), 'is not a rule of the standards engine')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type FindingFilter = z.infer<typeof FindingFilter>;

/** The same filters without status and paging: `GET /findings/counts` answers how many per status. */
export const FindingCountFilter = FindingFilter.omit({ status: true, limit: true, cursor: true });
export type FindingCountFilter = z.infer<typeof FindingCountFilter>;

export const ReviewInput = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { message: 'must be confirm or reject' }),
  /** Why: required to reject (a dismissed suggestion must say why), optional to confirm. */
  note: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
  /** The version the reviewer saw; a finding that changed since is refused with 409. */
  version: z.number().int().positive().optional(),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export const RecomputeInput = z.strictObject({
  /** Recompute this event's findings now. */
  eventId: Id.optional(),
  /** Recompute every group (after an upgrade of the catalogue or the rules). */
  all: z.boolean().optional(),
});
export type RecomputeInput = z.infer<typeof RecomputeInput>;

export const FindingIdParams = z.object({ id: z.string() });
