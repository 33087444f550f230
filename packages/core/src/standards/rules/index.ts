import { DISAPPEARANCE_CODE } from '../../custody/index.js';
import { alertFinding, clockOf, type ClockRule } from '../clock.js';
import { type Rule } from '../finding.js';
import { ACCOUNTABILITY_RULES } from './accountability.js';
import { ASSEMBLY_RULES } from './assembly.js';
import { CHARGE_RULES } from './charges.js';
import { CONTAINMENT_RULES } from './containment.js';
import { COUNSEL_RULES } from './counsel.js';
import { CUSTODY_RULES } from './custody.js';
import { FAMILY_RULES } from './family.js';
import { FORCE_RULES } from './force.js';
import { PRESS_RULES } from './press.js';

const THEMED: readonly Rule[] = [
  ...CONTAINMENT_RULES,
  ...ASSEMBLY_RULES,
  ...CUSTODY_RULES,
  ...FAMILY_RULES,
  ...COUNSEL_RULES,
  ...PRESS_RULES,
  ...FORCE_RULES,
  ...ACCOUNTABILITY_RULES,
  ...CHARGE_RULES,
];

const isClockRule = (r: Rule): r is ClockRule => typeof (r as Partial<ClockRule>).alertCode === 'string';

/** Alert codes a named rule already reports (the disappearance alert feeds whereabouts-withheld). */
export const MAPPED_ALERT_CODES: ReadonlySet<string> = new Set([...THEMED.filter(isClockRule).map((r) => r.alertCode), DISAPPEARANCE_CODE]);

/**
 * A custody profile for a new country may add deadlines no rule names yet; they are still reported,
 * citing the profile's own standard, so adding a jurisdiction needs data only. Never fires for KZ.
 */
export const otherClockAlerts: Rule = {
  id: 'custody-other',
  title: 'Any other custody-clock alert, citing the profile\'s standard',
  standardIds: [],
  assess: (facts, ctx) =>
    facts.detentions.flatMap((d) =>
      (clockOf(d, ctx.now, ctx.catalogue)?.alerts ?? [])
        .filter((a) => !MAPPED_ALERT_CODES.has(a.code))
        .map((a) => alertFinding(`custody-${a.code.replaceAll('_', '-')}`, d, a, [])),
    ),
};

/** Every rule, in the order findings are listed: assembly, custody, counsel, press, force, abuse, charges. */
export const RULES: readonly Rule[] = [...THEMED, otherClockAlerts];
