import { type Scenario } from './build.js';
import { COALITION_2016_ALMATY } from './coalition-2016-almaty.js';
import { COALITION_2016_REGIONS } from './coalition-2016-regions.js';
import { CONSTRUCTED } from './constructed.js';
import { HRW_ABUSE_2022 } from './hrw-abuse-2022.js';
import { HRW_ARRESTS_2022 } from './hrw-arrests-2022.js';
import { HRW_FORCE_2022 } from './hrw-force-2022.js';
import { NEGATIVE } from './negative.js';

/** From the three source reports, then constructed cases, then the negatives. */
export const SOURCED: readonly Scenario[] = [...COALITION_2016_ALMATY, ...COALITION_2016_REGIONS, ...HRW_ARRESTS_2022, ...HRW_ABUSE_2022, ...HRW_FORCE_2022];
export const SCENARIOS: readonly Scenario[] = [...SOURCED, ...CONSTRUCTED, ...NEGATIVE];
export { proportionateForce } from './negative.js';
export type { Scenario } from './build.js';
