import { describe, expect, it } from 'vitest';
import { addHours } from '../time.js';
import { assessCustody, deriveCustodyState, type CustodyInput } from './index.js';
import { profileFor } from './profile.js';

const kz = profileFor('KZ');
const t = (hhmm: string): string => `2022-01-05T${hhmm}:00+06:00`; // Almaty, then UTC+6
/** Hours after the 10:00 apprehension, for multi-day cases. */
const h = (hours: number): string => addHours(t('10:00'), hours);

type Step = CustodyInput['steps'][number];
const detention = (steps: Step[] = [], more: Partial<CustodyInput> = {}): CustodyInput => ({
  id: 'd1',
  apprehendedAt: t('10:00'),
  legalBasis: 'administrative',
  legalArticle: 'art. 488 part 1',
  steps,
  ...more,
});
const placed: Step = { type: 'taken_to', at: t('10:20'), placeId: 'station-1' };
const codes = (d: CustodyInput, now: string, o?: { disappearanceHours?: number }) =>
  assessCustody(d, now, kz, o).alerts.map((a) => a.code);
const alert = (d: CustodyInput, now: string, code: string) => assessCustody(d, now, kz).alerts.find((a) => a.code === code);

describe('protocol clock', () => {
  it('a detention apprehended at 10:00 with no protocol by 13:30 shows protocol_overdue', () => {
    const a = alert(detention([placed]), t('13:30'), 'protocol_overdue');
    expect(a).toMatchObject({ severity: 'critical', since: h(3), hours: 3, origin: 'LAW', citation: 'KZ-CPC-131', late: false });
    expect(a?.message).toBe('No protocol 3.5 h after liberty was restricted (limit 3 h, LAW, KZ-CPC-131)');
  });

  it('shows no protocol alert at 12:59', () => {
    expect(codes(detention([placed]), t('12:59'))).not.toContain('protocol_overdue');
  });

  it('a protocol at 12:00 satisfies it', () => {
    const steps = [placed, { type: 'protocol', at: t('12:00') }];
    const s = assessCustody(detention(steps), t('20:00'), kz);
    expect(s.alerts.map((a) => a.code)).not.toContain('protocol_overdue');
    expect(s).toMatchObject({ protocolAt: h(2), hoursToProtocol: 2, protocolGapHours: 2 });
  });

  it('a protocol at 14:00 gives the alert with late: true and protocolGapHours 4', () => {
    const s = assessCustody(detention([placed, { type: 'protocol', at: t('14:00') }]), t('15:00'), kz);
    expect(s.protocolGapHours).toBe(4);
    expect(s.alerts.find((a) => a.code === 'protocol_overdue')).toMatchObject({ late: true, satisfiedAt: h(4), satisfiedBy: 'protocol' });
    expect(s.alerts.find((a) => a.code === 'protocol_gap')).toMatchObject({ severity: 'info', elapsedHours: 4 });
    expect(s).toMatchObject({ restrictedAt: h(0), hoursHeld: 5 }); // from apprehension, not from the protocol
  });

  it('ignores steps recorded after now, so a past moment can be replayed', () => {
    expect(alert(detention([placed, { type: 'protocol', at: t('14:00') }]), t('13:30'), 'protocol_overdue')?.late).toBe(false);
  });
});

describe('whereabouts', () => {
  it('whereabouts unknown for 7 h shows possible enforced disappearance', () => {
    const a = alert(detention([placed, { type: 'whereabouts_unknown', at: t('11:00') }]), t('18:00'), 'possible_enforced_disappearance');
    expect(a).toMatchObject({ severity: 'critical', since: h(7), hours: 6, origin: 'CONV' });
    expect(a?.message).toMatch(/^Whereabouts unknown for 7 h \(limit 6 h, CONV, KZ-CC-414\)$/);
  });

  it('does not show it after 5 h', () => {
    expect(codes(detention([placed, { type: 'whereabouts_unknown', at: t('11:00') }]), t('16:00'))).not.toContain('possible_enforced_disappearance');
  });

  it('does not show it after whereabouts_confirmed', () => {
    const steps = [placed, { type: 'whereabouts_unknown', at: t('11:00') }, { type: 'whereabouts_confirmed', at: t('17:00') }];
    const s = assessCustody(detention(steps), t('20:00'), kz);
    expect(s.alerts.map((a) => a.code)).not.toContain('possible_enforced_disappearance');
    expect(s.whereabouts).toMatchObject({ status: 'known', since: h(7), placeId: null, lastKnownPlaceId: 'station-1' });
    expect(s.state).toBe('held');
  });

  it('counts whereabouts as unknown from apprehension until a step places the person', () => {
    const s = assessCustody(detention([]), t('17:00'), kz);
    expect(s.whereabouts).toMatchObject({ status: 'unknown', since: h(0), placeId: null });
    expect(s.alerts.map((a) => a.code)).toContain('possible_enforced_disappearance');
    expect(assessCustody(detention([placed]), t('17:00'), kz).whereabouts).toMatchObject({ status: 'known', placeId: 'station-1' });
  });

  it('lets an option override the 6 h threshold', () => {
    const d = detention([placed, { type: 'whereabouts_unknown', at: t('11:00') }]);
    expect(codes(d, t('14:00'), { disappearanceHours: 2 })).toContain('possible_enforced_disappearance');
    expect(codes(d, t('18:00'), { disappearanceHours: 12 })).not.toContain('possible_enforced_disappearance');
    expect(() => assessCustody(d, t('18:00'), kz, { disappearanceHours: -1 })).toThrow(/disappearanceHours/);
  });
});

describe('release', () => {
  it('a released person has state released and no disappearance alert', () => {
    const steps = [{ type: 'whereabouts_unknown', at: t('11:00') }, { type: 'released', at: t('19:00') }];
    const s = assessCustody(detention(steps), t('23:00'), kz);
    expect(s).toMatchObject({ state: 'released', releasedAt: h(9), hoursHeld: 9 });
    expect(s.alerts.map((a) => a.code)).not.toContain('possible_enforced_disappearance');
  });

  it('keeps the breaches of a released person as history', () => {
    const s = assessCustody(detention([placed, { type: 'released', at: t('15:00') }]), h(48), kz);
    expect(s.alerts.find((a) => a.code === 'protocol_overdue')?.message).toBe(
      'No protocol 5 h after liberty was restricted, until release (limit 3 h, LAW, KZ-CPC-131)',
    );
  });

  it('raises nothing for a deadline that had not passed at release', () => {
    expect(codes(detention([placed, { type: 'released', at: t('12:00') }]), h(48))).toEqual([]);
  });
});

describe('administrative limits', () => {
  it('holds an art. 488 detainee to 24 h, not 3 h', () => {
    const d = detention([placed, { type: 'protocol', at: t('10:30') }, { type: 'family_notified', at: t('11:00') }]);
    expect(codes(d, h(20))).not.toContain('admin_detention_over_3h');
    expect(codes(d, h(20))).not.toContain('admin_488_over_24h');
    expect(alert(d, h(25), 'admin_488_over_24h')).toMatchObject({ hours: 24, since: h(24), severity: 'critical' });
  });

  it('holds another administrative article to 3 h', () => {
    const d = detention([placed, { type: 'protocol', at: t('10:30') }], { legalArticle: '434' });
    expect(alert(d, t('13:30'), 'admin_detention_over_3h')).toMatchObject({ hours: 3, citation: 'KZ-KoAP-788-789' });
    expect(codes(d, h(25))).not.toContain('admin_488_over_24h');
  });

  it('does not read art. 4880 as art. 488', () => {
    expect(codes(detention([placed], { legalArticle: '4880' }), t('13:30'))).toContain('admin_detention_over_3h');
  });

  it('a hearing by 13:00 meets the 3 h limit', () => {
    const d = detention([placed, { type: 'protocol', at: t('10:30') }, { type: 'hearing', at: t('12:30') }], { legalArticle: null });
    expect(codes(d, t('20:00'))).not.toContain('admin_detention_over_3h');
  });

  it('warns, rather than alarms, when the legal basis is still unknown', () => {
    const d = detention([placed], { legalBasis: 'unknown', legalArticle: null });
    expect(alert(d, t('13:30'), 'admin_detention_over_3h')?.severity).toBe('warning');
    expect(alert(d, t('13:30'), 'protocol_overdue')?.severity).toBe('critical');
  });
});

describe('criminal limits', () => {
  const criminal = (steps: Step[]) => detention([placed, { type: 'protocol', at: t('11:00') }, ...steps], { legalBasis: 'criminal', legalArticle: '272' });

  it('alerts after 48 h without a court order', () => {
    expect(codes(criminal([]), h(47))).not.toContain('criminal_no_court_order_48h');
    expect(alert(criminal([]), h(49), 'criminal_no_court_order_48h')).toMatchObject({ since: h(48), citation: 'KZ-CPC-131' });
    expect(codes(criminal([]), h(73))).toContain('criminal_over_72h_absolute');
  });

  it('a court order at 40 h meets both limits', () => {
    const c = codes(criminal([{ type: 'court_order', at: h(40) }]), h(80));
    expect(c).not.toContain('criminal_no_court_order_48h');
    expect(c).not.toContain('criminal_over_72h_absolute');
  });

  it('treats house arrest as the end of custody', () => {
    const s = assessCustody(criminal([{ type: 'house_arrest', at: h(30) }]), h(80), kz);
    expect(s).toMatchObject({ state: 'released', releasedAt: h(30), hoursHeld: 30 });
    expect(s.alerts.map((a) => a.code)).not.toContain('criminal_no_court_order_48h');
  });
});

describe('lawyer and family', () => {
  it('lawyer requested at 11:00 and not admitted by 14:30 raises an alert', () => {
    const d = detention([placed, { type: 'lawyer_requested', at: t('11:00') }]);
    const a = alert(d, t('14:30'), 'lawyer_not_admitted_3h');
    expect(a).toMatchObject({ since: h(4), startedAt: h(1), elapsedHours: 3.5, citation: 'KZ-KoAP-748-750' });
    expect(a?.message).toBe('Requested lawyer not admitted 3.5 h after lawyer requested (limit 3 h, LAW, KZ-KoAP-748-750)');
    expect(codes(d, t('13:59'))).not.toContain('lawyer_not_admitted_3h');
  });

  it('does not count the lawyer clock when no lawyer was requested', () => {
    expect(codes(detention([placed]), h(10))).not.toContain('lawyer_not_admitted_3h');
  });

  it('records lawyer and family times', () => {
    const steps = ([['lawyer_requested', '11:00'], ['lawyer_refused', '12:00'], ['duty_lawyer_imposed', '12:30'], ['family_notified', '15:00']] as const).map(([type, hm]) => ({ type, at: t(hm) }));
    const s = assessCustody(detention([placed, ...steps]), t('16:00'), kz);
    expect(s).toMatchObject({ lawyerRequestedAt: h(1), lawyerRefusedAt: h(2), dutyLawyerImposedAt: h(2.5), lawyerOfChoiceAdmittedAt: null, familyNotifiedAt: h(5) });
    expect(s.alerts.find((a) => a.code === 'family_not_notified')).toMatchObject({ late: true, origin: 'CONV', severity: 'warning' });
  });
});

describe('custody state', () => {
  it('steps given out of order are sorted', () => {
    const steps = [{ type: 'released', at: t('18:00') }, { type: 'whereabouts_unknown', at: t('11:00') }, { type: 'taken_to', at: t('10:30') }];
    expect(deriveCustodyState(steps)).toEqual({ state: 'released', releasedAt: h(8) });
    expect(deriveCustodyState(steps.slice(1))).toEqual({ state: 'unknown', releasedAt: null });
  });

  it('is held with no steps, and held again after a re-detention', () => {
    expect(deriveCustodyState([])).toEqual({ state: 'held', releasedAt: null });
    expect(deriveCustodyState([{ type: 'released', at: t('12:00') }, { type: 'hearing', at: t('15:00') }]).state).toBe('released');
    expect(deriveCustodyState([{ type: 'released', at: t('12:00') }, { type: 'taken_to', at: t('12:05') }]).state).toBe('held');
  });

  it('refuses a detention from another jurisdiction', () => {
    expect(() => assessCustody(detention([], { jurisdiction: 'RU' }), t('12:00'), kz)).toThrow(/in RU but the profile is KZ/);
  });
});
