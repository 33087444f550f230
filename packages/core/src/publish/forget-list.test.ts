import { describe, expect, it } from 'vitest';
import { generateBenchmark, seededRng } from '../matching/index.js';
import { nameTokens } from '../names/index.js';
import { SECRETS } from './fixtures.js';
import { ForgetList, WITHHELD, wordwiseNameTokens } from './forget-list.js';
import { createRedactor, rememberPersons } from './redact.js';

/** What the redactor did before the index: every entry in turn, includes() then replace. */
function scanned(entries: string[], text: string): string {
  let out = text;
  for (const s of entries) if (s.length >= 3 && out.includes(s)) out = out.split(s).join(WITHHELD);
  return out;
}

describe('forget list', () => {
  it('scrubs exactly as a scan of its entries in order would, long lists through the index', () => {
    const rng = seededRng(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
    // Few letters, so entries overlap, nest, repeat and occur inside the placeholder itself ("held", "[with").
    const alphabet = ['a', 'b', 'ab', 'ба', 'held', '[with', 'd]', ' ', 'Ер', 'ж'];
    const word = () => Array.from({ length: 1 + Math.floor(rng() * 4) }, () => pick(alphabet)).join('');
    for (let round = 0; round < 300; round++) {
      const entries = Array.from({ length: 1 + Math.floor(rng() * 80) }, word);
      const list = new ForgetList(() => []);
      entries.forEach((e) => list.addExact(e));
      for (let t = 0; t < 10; t++) {
        const text = Array.from({ length: 1 + Math.floor(rng() * 12) }, word).join(pick(['', ' ', WITHHELD]));
        expect(list.scrub(text)).toBe(scanned(entries, text));
      }
    }
  });

  it('folds names word by word exactly as nameTokens folds them whole', () => {
    const names = [
      ...generateBenchmark(11, 3000).people.flatMap((p) => p.names),
      ...SECRETS, 'Қасым-Жомарт Кемелұлы Тоқаев', "Solov'ev  Fyodor", 'Zhanna\u00a0Dzhaksybekova', 'Ержан\tТлеубердиев', ' Айгерим  ', 'Şaken Ñúñez', 'ИВАН ИВАНОВИЧ', 'e\u0301mile Zola', '',
    ];
    for (const name of names) expect(wordwiseNameTokens(name)).toEqual(nameTokens(name));
  });

  it('lets many redactors share a list: the same text as knowing its persons directly', () => {
    const persons = [
      { id: 'p1', consent: 'withheld', confidentiality: 'restricted', deletedAt: null, contact: 'ertl@mail.kz', names: [{ value: 'Ержан Тлеубердиев', kind: 'full' }] },
      { id: 'p2', consent: 'granted', confidentiality: 'restricted', deletedAt: null, contact: '+7 701 555 12 34', names: [{ value: 'Marat Ospanov', kind: 'full' }] },
    ];
    const direct = createRedactor({ persons });
    const text = 'Тлеубердиева задержали; Marat Ospanov (+7 701 555 12 34, ertl@mail.kz) видел это';
    // The list an export builds once for a search stem, shared by the redactor of every page.
    const list = new ForgetList();
    rememberPersons(list, persons);
    const viaList = createRedactor();
    viaList.share([list]);
    expect(viaList.text(text)).toBe(direct.text(text));
    expect(viaList.text(text)).toBe(`${WITHHELD} задержали; Marat Ospanov (${WITHHELD}, ${WITHHELD}) видел это`);
  });

  it('scrubs a text again once the redactor learns more names (no stale memo)', () => {
    const r = createRedactor();
    expect(r.text('Ержан Тлеубердиев spoke')).toBe('Ержан Тлеубердиев spoke');
    r.forget(['Ержан Тлеубердиев']);
    expect(r.text('Ержан Тлеубердиев spoke')).toBe(`${WITHHELD} spoke`);
  });
});
