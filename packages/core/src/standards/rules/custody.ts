import { PROTOCOL_GAP_CODE } from '../../custody/index.js';
import { clockRule, JUDGE_CODE } from '../clock.js';
import { fact, finding, type Rule } from '../finding.js';

/**
 * Time limits on custody. The arithmetic is the custody clock's (profiles/kz.json); these rules only
 * say which standards each clock alert engages. The alert's own citation always comes first.
 */

export const protocolOverdue = clockRule('custody-protocol-overdue', 'No protocol within 3 h of the actual restriction', 'protocol_overdue');

/** The clock counts from the real restriction; a protocol dated later is itself a finding (info). */
export const protocolGap = clockRule('custody-protocol-gap', 'Protocol time later than the actual restriction', PROTOCOL_GAP_CODE);

export const adminOver3h = clockRule('custody-admin-over-3h', 'Administrative detention over 3 h without a hearing', 'admin_detention_over_3h');

export const admin488Over24h = clockRule('custody-488-over-24h', 'Art. 488 detention over 24 h without a hearing', 'admin_488_over_24h');

/** CPC 133 is the release duty that follows from missing the limit. */
export const criminalOver48h = clockRule('custody-criminal-over-48h', 'Criminal detention over 48 h without a court order', 'criminal_no_court_order_48h', [
  'KZ-CPC-133',
]);

export const criminalOver72h = clockRule('custody-criminal-over-72h', 'Criminal detention over the 72 h absolute cap', 'criminal_over_72h_absolute', [
  'KZ-CPC-133',
]);

/** Any legal basis: the international standard does not care what the police called it. */
export const judgeWithin48h = clockRule('custody-judge-48h', 'Not brought before a judge within 48 h (STD)', JUDGE_CODE);

/** legal_basis "none": held with no stated ground at all ("they gave me no reason"). */
export const withoutGrounds: Rule = {
  id: 'detention-without-grounds',
  title: 'Detention with no legal basis stated',
  standardIds: ['ICCPR-9.1-2'],
  assess: (facts) =>
    facts.detentions
      .filter((d) => d.legalBasis === 'none')
      .map((d) =>
        finding({
          ruleId: 'detention-without-grounds',
          standardIds: ['ICCPR-9.1-2'],
          subject: { entity: 'detention', id: d.id },
          facts: [fact('detention', d.id, 'legalBasis', d.legalBasis)],
          explanation: {
            en: 'Detained with no legal basis recorded: no reason given at arrest and no charge.',
            ru: 'Задержание без указанного правового основания: причина при задержании не названа, обвинение не предъявлено.',
          },
          severity: 'warning',
        }),
      ),
};

export const CUSTODY_RULES: readonly Rule[] = [
  protocolOverdue,
  protocolGap,
  adminOver3h,
  admin488Over24h,
  criminalOver48h,
  criminalOver72h,
  judgeWithin48h,
  withoutGrounds,
];
