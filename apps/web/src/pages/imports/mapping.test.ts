import { IMPORT_FIELDS, ImportMapping, type ImportTarget } from '@vigil/core/contract';
import { describe, expect, it } from 'vitest';
import { type CatalogueTarget } from './api.js';
import { changeTarget, datasetName, distinctValues, formPath, newMapping, setField, specMode, suggestColumn } from './mapping.js';

/** The catalogue as GET /imports/fields gives it, from the same table the server uses. */
const catalogue = (target: ImportTarget): CatalogueTarget => ({
  target,
  fields: Object.entries(IMPORT_FIELDS[target]).map(([path, f]) => ({ path, ...f })),
  sections: target === 'event' ? ['estimates', 'sources'] : ['names', 'roles', 'sources'],
});

describe('the wizard’s mapping helpers', () => {
  it('guesses the usual columns of a Russian detention list, and the result is a valid mapping once the rest is chosen', () => {
    const m = newMapping('detention', 'Список задержанных 21.05.xlsx', ['ФИО', 'Дата', 'Город', 'Год рождения', 'Роль', 'Ссылки', 'Комментарий'], catalogue('detention'));
    expect(m).toMatchObject({
      target: 'detention', dataset: 'список-задержанных-21-05', defaultZone: 'Asia/Almaty',
      names: [{ value: { column: 'ФИО' } }],
      fields: { 'detention.apprehendedAt': { column: 'Дата' }, 'detention.city': { column: 'Город' }, 'person.birthYear': { column: 'Год рождения' } },
      roles: [{ role: { column: 'Роль' }, split: true }],
      sources: { urls: { column: 'Ссылки' } },
    });
    // A column is suggested for one field only: "Комментарий" went to the person's notes, not also the detention's.
    const notes = Object.entries(m.fields ?? {}).filter(([, spec]) => JSON.stringify(spec) === '{"column":"Комментарий"}');
    expect(notes).toHaveLength(1);
    expect(ImportMapping.safeParse(m).success).toBe(true);
  });

  it('leaves a required field empty when no column fits, so the schema names it', () => {
    const m = newMapping('event', 'list.csv', ['когда', 'что'], catalogue('event'));
    const result = ImportMapping.safeParse(m);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['fields.event.title', 'fields.event.type', 'fields.event.startAt']));
  });

  it('switches the kind of list, dropping what the new kind cannot fill', () => {
    const person = setField(newMapping('detention', 'a.csv', ['name', 'date', 'city'], catalogue('detention')), 'person.sex', { value: 'female' });
    const asPerson = changeTarget(person, 'person', catalogue('person'));
    expect(Object.keys(asPerson.fields ?? {})).toEqual(['person.sex']);
    expect(asPerson.names).toEqual([{ value: { column: 'name' } }]);
    const asEvent = changeTarget(asPerson, 'event', catalogue('event'));
    expect(asEvent.fields).toEqual({});
    expect('names' in asEvent).toBe(false);
    expect(ImportMapping.safeParse({ ...asEvent, fields: { 'event.title': { column: 'name' }, 'event.type': { value: 'arrests' }, 'event.startAt': { column: 'date' } } }).success).toBe(true);
  });

  it('tells the form which specs it can show', () => {
    expect(specMode(undefined)).toBe('none');
    expect(specMode({ column: 'a' })).toBe('column');
    expect(specMode({ column: ['date', 'time'] })).toBe('custom');
    expect(specMode({ value: 'x' })).toBe('value');
    expect(specMode({ template: '{a} {b}' })).toBe('custom');
    expect(specMode([{ column: 'a' }, { value: 'x' }])).toBe('custom');
  });

  it('reads names, values and paths', () => {
    expect(datasetName('OVD-Info 2013 (final).CSV')).toBe('ovd-info-2013-final');
    expect(suggestColumn(['date'], ['Date of arrest', 'DATE'])).toBe('DATE');
    expect(suggestColumn(['city'], ['City'], new Set(['City']))).toBeNull();
    expect(distinctValues([{ cells: { r: ' журналист ' } }, { cells: { r: 'журналист' } }, { cells: { r: '' } }, { cells: { r: 'адвокат' } }], 'r')).toEqual(['журналист', 'адвокат']);
    expect(formPath('mapping.fields.event.title')).toBe('fields.event.title');
  });
});
