import { type Migration } from 'kysely';
import * as initial from './20261122T0900-initial.js';
import * as vocabularies from './20261122T0910-vocabularies.js';
import * as evidence from './20261122T1000-evidence.js';
import * as publish from './20261122T1100-publish.js';
import * as accounts from './20261122T1200-accounts.js';
import * as audit from './20261122T1300-audit.js';
import * as findings from './20261122T1400-findings.js';
import * as imports from './20261122T1500-import.js';
import * as grants from './20261122T1600-grants.js';
import * as keyFrames from './20261122T1700-key-frames.js';
import * as findingNotesSealed from './20261122T1720-finding-notes-sealed.js';
import * as importHeartbeat from './20261122T1740-import-heartbeat.js';
import * as benchFindings from './20261122T1760-bench-findings.js';

/**
 * Every migration, in order. Names sort by timestamp; the runner refuses a database whose
 * applied history is not a prefix of this list (a diverged history).
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261122T0900-initial': initial,
  '20261122T0910-vocabularies': vocabularies,
  '20261122T1000-evidence': evidence,
  '20261122T1100-publish': publish,
  '20261122T1200-accounts': accounts,
  '20261122T1300-audit': audit,
  '20261122T1400-findings': findings,
  '20261122T1500-import': imports,
  '20261122T1600-grants': grants,
  '20261122T1700-key-frames': keyFrames,
  '20261122T1720-finding-notes-sealed': findingNotesSealed,
  '20261122T1740-import-heartbeat': importHeartbeat,
  '20261122T1760-bench-findings': benchFindings,
};
