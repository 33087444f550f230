import { describe, expect, it } from 'vitest';
import { assessCustody, compareUrgency, profileFor, type CustodyInput } from './index.js';

const kz = profileFor('KZ');
const t = (hhmm: string): string => `2022-01-05T${hhmm}:00+06:00`;
const detention = (steps: CustodyInput['steps'], more: Partial<CustodyInput>): CustodyInput => ({
  id: 'd1', apprehendedAt: t('10:00'), legalBasis: 'administrative', legalArticle: 'art. 488 part 1', steps, ...more,
});
const placed = { type: 'taken_to', at: t('10:20'), placeId: 'station-1' };

describe('urgency', () => {
  it('puts the unaccounted-for first, then critical alerts, then warnings, then longest held', () => {
    const at = t('18:00');
    const missing = assessCustody(detention([], { id: 'missing' }), at, kz);
    const twoCritical = assessCustody(detention([placed], { id: 'two', legalArticle: '434' }), at, kz);
    const oneCritical = assessCustody(detention([placed], { id: 'one' }), at, kz);
    const longer = assessCustody(detention([placed], { id: 'longer', apprehendedAt: t('09:00') }), at, kz);
    const released = assessCustody(detention([placed, { type: 'released', at: t('17:00') }], { id: 'free', legalArticle: '434' }), at, kz);
    const board = [released, oneCritical, twoCritical, longer, missing].sort(compareUrgency);
    expect(board.map((a) => a.detentionId)).toEqual(['missing', 'two', 'longer', 'one', 'free']);
  });
});
