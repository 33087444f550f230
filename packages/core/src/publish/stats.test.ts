import { describe, expect, it } from 'vitest';
import { type PublicEvent } from './redact.js';
import { classifyMeasure, describeClaim, describeHours, reconcile } from './stats.js';
import { localDate, localDateTime, offsetIntervals } from './timezones.js';
import { acledRow } from './acled.js';
import { csvCell } from './open-data.service.js';

describe('statistics shaping', () => {
  it('words claimed numbers as sources give them', () => {
    expect(describeClaim(54, null)).toBe('at least 54');
    expect(describeClaim(50, 60)).toBe('50–60');
    expect(describeClaim(20, 20)).toBe('about 20');
    expect(describeClaim(null, null)).toBe('number not stated');
    expect(describeHours(1.5)).toBe('1 h 30 min');
    expect(describeHours(0.17)).toBe('10 min');
    expect(describeHours(72)).toBe('3 days');
  });

  it('recognises what a claimed or official number counts', () => {
    expect(classifyMeasure('journalists detained or arrested on 21 May (nationwide)')).toBe('role:journalist');
    expect(classifyMeasure('human rights defenders detained or arrested on 21 May')).toBe('role:human_rights_defender');
    expect(classifyMeasure('individuals administratively charged among those detained on 21 May')).toBe('charged:administrative');
    expect(classifyMeasure('individuals arbitrarily detained or arrested on 21 May (nationwide)')).toBe('people');
    expect(classifyMeasure('задержано журналистов')).toBe('role:journalist');
    expect(classifyMeasure('detainees on the bus')).toBeNull();
  });

  it('keeps documented, claimed and official apart, per area, and never adds them up', () => {
    const event = (city: string | null, measure: string, min: number): PublicEvent => ({
      id: city ?? 'all', title: 't', type: 'x', startAt: '2016-05-21T00:00:00.000Z', startPrecision: 'day', endAt: null, timezone: 'Asia/Almaty', city, region: null, country: 'KZ',
      placeIds: [], summary: null, sourceIds: [], estimates: [{ measure, min, max: null, claimedBy: 'Coalition', note: null }],
    });
    const rec = reconcile({
      totals: { detentions: 51, people: 50, detentionRecords: 51, personRecords: 50, groupRecords: 0 },
      byRole: [{ key: ['journalist'], detentions: 46, people: 45 }], byCityRole: [], byCity: [{ key: ['Almaty'], detentions: 22, people: 22 }],
      byChargeCode: [{ key: ['kz_koap'], detentions: 1, people: 1 }],
      events: [event(null, 'journalists detained', 54), event('Almaty', 'individuals detained', 1000), event(null, 'detainees on the bus', 50)],
      figures: [{ issuer: 'General Prosecutor', issuedOn: '2016-05-21', measure: 'individuals administratively charged', value: 51, scope: null, eventId: null, region: null }],
    });
    expect(rec.rows.find((r) => r.measure === 'role:journalist')).toMatchObject({ area: null, documented: { detentions: 46, people: 45 }, claimed: [{ text: 'at least 54' }] });
    expect(rec.rows.find((r) => r.area === 'Almaty')).toMatchObject({ measure: 'people', documented: { people: 22 }, claimed: [{ text: 'at least 1,000' }] });
    expect(rec.rows.find((r) => r.measure === 'charged:administrative')).toMatchObject({ documented: { people: 1 }, official: [{ value: 51 }] });
    expect(rec.otherClaims).toMatchObject([{ text: 'at least 50', measure: 'detainees on the bus' }]);
  });
});

describe('time zones (tz database, never a fixed offset)', () => {
  it('dates an instant in the event zone: Almaty was UTC+6 in 2016 and is UTC+5 since March 2024', () => {
    expect(localDate('2016-05-20T18:30:00.000Z', 'Asia/Almaty')).toBe('2016-05-21');
    expect(localDateTime('2016-05-21T05:30:00.000Z', 'Asia/Almaty')).toBe('2016-05-21T11:30');
    expect(localDateTime('2024-06-01T05:30:00.000Z', 'Asia/Almaty')).toBe('2024-06-01T10:30');
    expect(localDateTime('2016-05-21T05:50:00.000Z', 'Asia/Oral')).toBe('2016-05-21T10:50');
  });

  it('lists the offsets of a zone over a range, with the transition to the minute', () => {
    expect(offsetIntervals('Asia/Almaty', '2016-01-01T00:00:00Z', '2020-01-01T00:00:00Z')).toEqual([{ fromUtc: null, offsetMinutes: 360 }]);
    expect(offsetIntervals('Asia/Almaty', '2023-06-01T00:00:00Z', '2024-06-01T00:00:00Z')).toEqual([{ fromUtc: null, offsetMinutes: 360 }, { fromUtc: '2024-02-29T18:00:00.000Z', offsetMinutes: 300 }]);
  });
});

describe('open data cells and ACLED rows', () => {
  it('defuses spreadsheet formulas and quotes per RFC 4180, leaving numbers alone', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+7 701')).toBe("'+7 701");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-76.5)).toBe('-76.5');
    expect(csvCell(null)).toBe('');
  });

  it('maps a protest with intervention to ACLED Protests / Protest with intervention, protesters v police (16)', () => {
    const row = acledRow({
      event: { id: 'e1', title: 'Rally', type: 'protest_with_intervention', startAt: '2022-01-04T20:00:00.000Z', startPrecision: 'day', endAt: null, timezone: 'Asia/Almaty', city: 'Almaty', region: 'Almaty', country: 'KZ', placeIds: [], summary: null, sourceIds: [], estimates: [] },
      place: { name: 'Republic Square', kind: 'square', city: 'Almaty', region: null, country: 'KZ', address: null, lat: 43.238, lon: 76.945, geoPrecision: 'exact' },
      detentions: 3, people: 2, fatalities: 0, sources: ['Vlast.kz'], updatedAt: '2022-01-06T00:00:00.000Z',
    });
    expect(row).toMatchObject({
      event_date: '2022-01-05', year: 2022, time_precision: 1, disorder_type: 'Demonstrations', event_type: 'Protests', sub_event_type: 'Protest with intervention',
      actor1: 'Protesters (Kazakhstan)', inter1: 6, actor2: 'Police Forces of Kazakhstan', inter2: 1, interaction: 16, iso: 398, country: 'Kazakhstan',
      location: 'Almaty', latitude: 43.238, longitude: 76.945, geo_precision: 1, source: 'Vlast.kz', fatalities: 0,
    });
  });
});
