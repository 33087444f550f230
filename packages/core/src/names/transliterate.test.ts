import { describe, it, expect } from 'vitest';
import { cyrillicToLatin, detectScript } from './transliterate.js';

describe('cyrillicToLatin', () => {
  it('uses the practical scheme for Russian letters', () => {
    expect(cyrillicToLatin('Жанна Хасанова')).toBe('Zhanna Khasanova');
    expect(cyrillicToLatin('Цой Чернышёв Щукин Эрик Юлия Яна Йошкин')).toBe(
      'Tsoy Chernyshev Shchukin Erik Yuliya Yana Yoshkin',
    );
  });

  it('drops the hard and soft signs', () => {
    expect(cyrillicToLatin('Ахмедьяров Подъячев')).toBe('Akhmedyarov Podyachev');
  });

  it('maps the Kazakh letters ә ғ қ ң ө ұ ү һ і to plain Latin', () => {
    expect(cyrillicToLatin('әғқңөұүһі')).toBe('agknouuhi');
    expect(cyrillicToLatin('ӘҒҚҢӨҰҮҺІ')).toBe('AGKNOUUHI');
    expect(cyrillicToLatin('Қасым-Жомарт Тоқаев')).toBe('Kasym-Zhomart Tokaev');
  });

  it('capitalises only the first letter of a digraph unless the word is in capitals', () => {
    expect(cyrillicToLatin('Жанара')).toBe('Zhanara');
    expect(cyrillicToLatin('ЖАНАРА')).toBe('ZHANARA');
    expect(cyrillicToLatin('Ж. Балгабаева')).toBe('Zh. Balgabaeva');
  });

  it('passes Latin letters, digits and punctuation through', () => {
    expect(cyrillicToLatin('Erlan (12), г. Алматы')).toBe('Erlan (12), g. Almaty');
  });

  it('handles й and ё typed in decomposed form', () => {
    expect(cyrillicToLatin('Сергеи\u0306 Фе\u0308доров')).toBe('Sergey Fedorov');
  });
});

describe('detectScript', () => {
  it('picks the script of the majority of letters', () => {
    expect(detectScript('Балгабаева')).toBe('cyrl');
    expect(detectScript('Balgabayeva')).toBe('latn');
    expect(detectScript('Жанара Balgabayeva')).toBe('latn');
    expect(detectScript('Қасым-Жомарт Тоқаев')).toBe('cyrl');
  });

  it('says other for no letters, a tie, or another script', () => {
    expect(detectScript('12-34')).toBe('other');
    expect(detectScript('ab аб')).toBe('other');
    expect(detectScript('محمد')).toBe('other');
  });
});
