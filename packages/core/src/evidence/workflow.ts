import { type VerificationStatus } from './evidence.schema.js';

/**
 * The verification workflow: unreviewed → in progress → needs help → ready for review → verified,
 * disputed or unverifiable. A reviewer can send an item back; a closed item can be reopened.
 */
export const TRANSITIONS: Record<VerificationStatus, VerificationStatus[]> = {
  unreviewed: ['in_progress'],
  in_progress: ['needs_help', 'ready_for_review', 'unreviewed'],
  needs_help: ['in_progress', 'ready_for_review'],
  ready_for_review: ['verified', 'disputed', 'unverifiable', 'in_progress'],
  verified: ['in_progress'],
  disputed: ['in_progress'],
  unverifiable: ['in_progress'],
};

/** Null when the move is allowed, else the problem to report on the `status` field. */
export function transitionProblem(from: VerificationStatus, to: VerificationStatus): string | null {
  if (from === to) return `is already ${to}`;
  const allowed = TRANSITIONS[from];
  return allowed.includes(to) ? null : `cannot go from ${from} to ${to} (allowed: ${allowed.join(', ')})`;
}
