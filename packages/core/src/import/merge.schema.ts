/**
 * The merge review's inputs and views, browser-safe (the web app takes them from the contract);
 * MergeService (merge.service.ts) does the work.
 */
import { z } from 'zod';
import { Id } from '../records/common.schema.js';
import { type MergeDecisionEntry, type MergeStatus } from './ports.js';

export const MERGE_STATUSES = ['pending', 'accepted', 'rejected', 'unmerged'] as const;

export const MergeFilter = z.object({
  status: z.enum(MERGE_STATUSES).optional(),
  personId: Id.optional(),
  runId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
}).strict();
export const MergeIdParams = z.object({ id: z.string().describe('Merge candidate id (UUID)') });
export const AcceptMergeInput = z.object({
  /** Which of the two keeps its id (default: the one recorded first). */
  survivorId: Id.optional(),
  note: z.string().trim().max(2000).optional(),
  version: z.number().int().positive().optional(),
}).strict();
export const RejectMergeInput = z.object({ note: z.string().trim().max(2000).optional(), version: z.number().int().positive().optional() }).strict();
export const UnmergeInput = z.object({
  note: z.string().trim().max(2000).optional(),
  /** Unmerge even though the survivor was edited after the merge (those edits are undone; history keeps them). */
  force: z.boolean().optional(),
}).strict();
export const ScanInput = z.object({
  /** Persons to find candidates for; leave out (with all: true) to scan everyone. */
  personIds: z.array(Id).max(5000).optional(),
  all: z.boolean().optional(),
}).strict();

/** One person of a pair, as a reviewer compares it with the other. */
export interface PersonBrief {
  id: string;
  /** Every name as written, in every script (only for readers allowed to see identities). */
  names: string[] | null;
  pseudonym: string | null;
  birthYear: number | null;
  /** Role codes (vocabulary `role`). */
  roles: string[];
  /** Cities of their detentions (only with identities:read, like the names). */
  cities: string[] | null;
  /** Events they were at: from their roles and detentions (only with identities:read). */
  eventIds: string[] | null;
  deleted: boolean;
  version: number;
}

export interface MergeView {
  id: string;
  status: MergeStatus;
  score: number;
  /** Why the matcher proposed the pair (names in them, so only with identities:read). */
  reasons: string[] | null;
  personA: PersonBrief;
  personB: PersonBrief;
  survivorId: string | null;
  mergedId: string | null;
  runId: string | null;
  foundAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
  version: number;
}

export interface MergeDetail extends MergeView {
  decisions: MergeDecisionEntry[];
}
