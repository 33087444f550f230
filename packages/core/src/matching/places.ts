/**
 * City names folded to one key, with the renamings that partners' lists still use side by side
 * (Astana was Nur-Sultan in 2019–2022, Oral is Uralsk in Russian, Öskemen is Ust-Kamenogorsk).
 * Without these a person detained in "Uralsk" and listed from "Oral" would count against a match.
 */
import { foldName } from '../names/index.js';

const ALIASES: ReadonlyArray<readonly string[]> = [
  ['Almaty', 'Alma-Ata', 'Алма-Ата'],
  ['Astana', 'Nur-Sultan', 'Нур-Султан', 'Нұр-Сұлтан', 'Akmola', 'Акмола', 'Tselinograd', 'Целиноград'],
  ['Oral', 'Uralsk', 'Уральск'],
  ['Oskemen', 'Ust-Kamenogorsk', 'Усть-Каменогорск'],
  ['Semey', 'Semipalatinsk', 'Семипалатинск'],
  ['Aktobe', 'Aktyubinsk', 'Актюбинск'],
  ['Atyrau', 'Guryev', 'Гурьев'],
  ['Taraz', 'Zhambyl', 'Dzhambul', 'Джамбул'],
  ['Shymkent', 'Chimkent', 'Чимкент'],
  ['Karaganda', 'Karagandy', 'Qaragandy'],
  ['Petropavl', 'Petropavlovsk', 'Петропавловск'],
  ['Kostanay', 'Kustanay', 'Кустанай'],
  ['Kyzylorda', 'Kzyl-Orda', 'Кзыл-Орда'],
  ['Zhanaozen', 'Novy Uzen', 'Новый Узень'],
];

const CANONICAL = new Map<string, string>();
for (const [main = '', ...others] of ALIASES) {
  for (const name of [main, ...others]) CANONICAL.set(foldName(name).replace(/ /g, ''), foldName(main));
}

/** Folded, alias-resolved city key ("Алматы", "Almaty", "Alma-Ata" → "almati"); '' for none. */
export function cityKey(city: string | null | undefined): string {
  if (city === null || city === undefined) return '';
  // "г. Алматы", "city of Almaty": drop the usual prefixes before looking the name up.
  const folded = foldName(city).replace(/^(g|gorod|city of|kala(si)?) /, '').replace(/ (kalasi|city)$/, '');
  return CANONICAL.get(folded.replace(/ /g, '')) ?? folded;
}
