/**
 * The 20 cities of the synthetic dataset, with their share of events (Almaty and Astana hold
 * most assemblies and most detentions), their region and their time zone in 2019–2023 (the west
 * of Kazakhstan is UTC+5, the rest UTC+6; the dataset ends before the 2024 switch to one zone).
 */
export interface City {
  name: string;
  nameRu: string;
  region: string;
  zone: string;
  /** UTC offset in 2019–2023, written into the list as partners write local times. */
  offset: '+05:00' | '+06:00';
  weight: number;
}

const east = (name: string, nameRu: string, region: string, weight: number, zone = 'Asia/Almaty'): City => ({ name, nameRu, region, zone, offset: '+06:00', weight });
const west = (name: string, nameRu: string, region: string, weight: number, zone: string): City => ({ name, nameRu, region, zone, offset: '+05:00', weight });

export const CITIES: readonly City[] = [
  east('Almaty', 'Алматы', 'Almaty', 28),
  east('Astana', 'Астана', 'Astana', 14),
  east('Shymkent', 'Шымкент', 'Shymkent', 7),
  west('Oral', 'Уральск', 'West Kazakhstan', 5, 'Asia/Oral'),
  west('Aktobe', 'Актобе', 'Aktobe', 5, 'Asia/Aqtobe'),
  west('Atyrau', 'Атырау', 'Atyrau', 5, 'Asia/Atyrau'),
  east('Karaganda', 'Караганда', 'Karaganda', 5),
  west('Zhanaozen', 'Жанаозен', 'Mangystau', 4, 'Asia/Aqtau'),
  west('Aktau', 'Актау', 'Mangystau', 3, 'Asia/Aqtau'),
  east('Taraz', 'Тараз', 'Zhambyl', 3),
  east('Pavlodar', 'Павлодар', 'Pavlodar', 3),
  east('Oskemen', 'Усть-Каменогорск', 'East Kazakhstan', 3),
  east('Semey', 'Семей', 'Abai', 2),
  east('Kostanay', 'Костанай', 'Kostanay', 2, 'Asia/Qostanay'),
  west('Kyzylorda', 'Кызылорда', 'Kyzylorda', 2, 'Asia/Qyzylorda'),
  east('Petropavl', 'Петропавловск', 'North Kazakhstan', 2),
  east('Taldykorgan', 'Талдыкорган', 'Zhetysu', 2),
  east('Kokshetau', 'Кокшетау', 'Akmola', 2),
  east('Turkistan', 'Туркестан', 'Turkistan', 1),
  east('Ekibastuz', 'Экибастуз', 'Pavlodar', 1),
];

/** Police stations detainees are taken to, written into the notes as monitors note them. */
export const STATIONS = ['УП Алмалинского района', 'УП Медеуского района', 'ОП Бостандыкского района', 'РУВД Сарыаркинского района', 'ИВС ДП', 'спецприёмник', 'Отдел полиции №3'];
