/**
 * Approximate centres of Kazakhstan's larger towns (to about 0.05°, a few km), so statistics can
 * put a city on a map when its places have no coordinates: most records give a city and a square,
 * not a position. These are public facts about towns, never about people.
 */
const CITIES: { name: string; lat: number; lon: number; aliases: string[] }[] = [
  { name: 'Almaty', lat: 43.24, lon: 76.89, aliases: ['Алматы', 'Alma-Ata', 'Алма-Ата'] },
  { name: 'Astana', lat: 51.17, lon: 71.45, aliases: ['Астана', 'Nur-Sultan', 'Нур-Султан', 'Нұр-Сұлтан', 'Akmola', 'Ақмола'] },
  { name: 'Shymkent', lat: 42.32, lon: 69.59, aliases: ['Шымкент', 'Chimkent', 'Чимкент'] },
  { name: 'Karaganda', lat: 49.81, lon: 73.1, aliases: ['Караганда', 'Qaraghandy', 'Қарағанды', 'Karagandy'] },
  { name: 'Aktobe', lat: 50.28, lon: 57.17, aliases: ['Актобе', 'Ақтөбе', 'Aqtobe'] },
  { name: 'Taraz', lat: 42.9, lon: 71.37, aliases: ['Тараз'] },
  { name: 'Pavlodar', lat: 52.29, lon: 76.97, aliases: ['Павлодар'] },
  { name: 'Oskemen', lat: 49.95, lon: 82.61, aliases: ['Өскемен', 'Ust-Kamenogorsk', 'Усть-Каменогорск', 'Oskemen'] },
  { name: 'Semey', lat: 50.41, lon: 80.23, aliases: ['Семей', 'Semipalatinsk', 'Семипалатинск'] },
  { name: 'Uralsk', lat: 51.23, lon: 51.37, aliases: ['Уральск', 'Oral', 'Орал'] },
  { name: 'Kostanay', lat: 53.21, lon: 63.63, aliases: ['Костанай', 'Қостанай', 'Qostanay'] },
  { name: 'Kyzylorda', lat: 44.85, lon: 65.51, aliases: ['Кызылорда', 'Қызылорда', 'Qyzylorda'] },
  { name: 'Atyrau', lat: 47.11, lon: 51.88, aliases: ['Атырау'] },
  { name: 'Petropavl', lat: 54.87, lon: 69.15, aliases: ['Петропавловск', 'Петропавл', 'Petropavlovsk'] },
  { name: 'Aktau', lat: 43.65, lon: 51.17, aliases: ['Актау', 'Ақтау', 'Aqtau'] },
  { name: 'Turkistan', lat: 43.3, lon: 68.25, aliases: ['Туркестан', 'Түркістан', 'Turkestan'] },
  { name: 'Kokshetau', lat: 53.28, lon: 69.39, aliases: ['Кокшетау', 'Көкшетау'] },
  { name: 'Taldykorgan', lat: 45.02, lon: 78.37, aliases: ['Талдыкорган', 'Талдықорған'] },
  { name: 'Ekibastuz', lat: 51.72, lon: 75.32, aliases: ['Экибастуз', 'Екібастұз'] },
  { name: 'Temirtau', lat: 50.05, lon: 72.96, aliases: ['Темиртау', 'Теміртау'] },
  { name: 'Zhanaozen', lat: 43.34, lon: 52.86, aliases: ['Жанаозен', 'Жаңаөзен', 'Janaozen'] },
  { name: 'Zhezkazgan', lat: 47.78, lon: 67.71, aliases: ['Жезказган', 'Жезқазған'] },
  { name: 'Konaev', lat: 43.87, lon: 77.07, aliases: ['Қонаев', 'Конаев', 'Kapchagay', 'Капчагай'] },
  { name: 'Balkhash', lat: 46.84, lon: 74.98, aliases: ['Балхаш', 'Балқаш'] },
  { name: 'Rudny', lat: 52.97, lon: 63.12, aliases: ['Рудный'] },
];

const fold = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[\s.-]+/g, ' ').trim();
const INDEX = new Map(CITIES.flatMap((c) => [c.name, ...c.aliases].map((n) => [fold(n), { lat: c.lat, lon: c.lon }] as const)));

/** The approximate centre of a town by any of its names (Latin, Cyrillic, old names), or null. */
export function cityCentre(city: string | null | undefined): { lat: number; lon: number } | null {
  return city ? (INDEX.get(fold(city)) ?? null) : null;
}
