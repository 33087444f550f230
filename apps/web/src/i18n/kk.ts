import { type PartialMessages } from './en.js';
import { evidenceMessages } from './evidence.js';
import { findingsMessages } from './findings.js';
import { importsMessages } from './imports.js';
import { statsMessages } from './stats.js';

// Kazakh: begun. Missing keys fall back to Russian, then English (see i18n/index.ts).
export const kk: PartialMessages = {
  app: {
    tagline: 'Ұстаулар мен оқиғалар',
    skipToContent: 'Мазмұнға өту',
    language: 'Тіл',
    menu: 'Негізгі навигация',
    reportDetention: 'Ұстау туралы хабарлау',
  },
  nav: {
    board: 'Қамаудағылар',
    events: 'Оқиғалар',
    people: 'Адамдар',
    detentions: 'Ұстаулар',
    sources: 'Дереккөздер',
    search: 'Іздеу',
    settings: 'Баптаулар',
    menu: 'Мәзір',
  },
  common: {
    loading: 'Жүктелуде…',
    retry: 'Қайталау',
    loadMore: 'Тағы көрсету',
    unknown: 'Белгісіз',
    yes: 'Иә',
    no: 'Жоқ',
    city: 'Қала',
    event: 'Оқиға',
    sources: 'Дереккөздер',
  },
  time: {
    days: '{{count}} тәул.',
    hours: '{{count}} сағ',
    minutes: '{{count}} мин',
    hoursShort: '{{value}} сағ',
    updatedAt: 'Жаңартылды: {{time}}',
  },
  state: {
    held: 'Қамауда',
    released: 'Босатылды',
    unknown: 'Тұрған жері белгісіз',
  },
  board: {
    title: 'Қамаудағылар',
    heldFor: 'Қамауда',
    where: 'Қайда',
    lawyer: 'Адвокат',
    family: 'Отбасы',
    alerts: 'Белгілер',
  },
  intake: {
    title: 'Ұстау туралы хабарлау',
    name: 'Аты-жөні (кез келген әліпбимен)',
    city: 'Қала',
    submit: 'Хабарламаны сақтау',
  },
  auth: {
    signInTitle: 'Vigil жүйесіне кіру',
    username: 'Пайдаланушы аты',
    password: 'Құпиясөз',
    signIn: 'Кіру',
    signOut: 'Шығу',
  },
  settings: {
    title: 'Баптаулар',
    language: 'Тіл',
  },
  findings: findingsMessages.kk,
  imports: importsMessages.kk,
  stats: statsMessages.kk,
  evidence: evidenceMessages.kk,
};
