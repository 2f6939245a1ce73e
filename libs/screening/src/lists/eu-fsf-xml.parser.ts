import type {
  ListEntry,
  ListEntryName,
  ListEntryType,
  ListFiles,
  ParsedList,
  ParseWarning,
} from '../domain/list-entry.js';
import { circa, parseDateOfBirth } from './dates.js';
import { EntryBuilder, joinParts } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';
import { attribute, children, parseXmlRoot, text, type XmlNode } from './xml.js';

const ENTITY_TYPES: Readonly<Record<string, ListEntryType>> = { P: 'person', E: 'organisation' };

const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  passport: 'PASSPORT',
  id: 'NATIONAL_ID',
  travelcardid: 'TRAVEL_DOCUMENT',
  other: 'OTHER',
};

/** Letters outside Latin (Greek, Cyrillic …) mark a name published in its own script. */
const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * EU Financial Sanctions Files, old "WHOLE/ENTITY" XML (1.0): NAME rows in the EU languages, BIRTH, CITIZEN,
 * PASSPORT and ADDRESS children; countries as ISO alpha-3. The entity Id is the source id.
 */
export function parseEuFsfXml(files: ListFiles, listId: string): ParsedList {
  const file = files.main.name;
  const root = parseXmlRoot(files.main, 'WHOLE');
  const warnings: ParseWarning[] = [];
  const entries: ListEntry[] = [];
  children(root, 'ENTITY').forEach((entity, index) => {
    const id = attribute(entity, 'Id');
    const location = `ENTITY #${index + 1}${id === undefined ? '' : ` (Id ${id})`}`;
    if (id === undefined) throw new ListFormatError(file, location, 'ENTITY has no Id attribute');
    const typeCode = attribute(entity, 'Type') ?? '';
    const type = ENTITY_TYPES[typeCode];
    const builder = new EntryBuilder(listId, id, type ?? 'unknown', warnings, file, location);
    if (type === undefined) builder.warn(`unknown ENTITY Type "${typeCode}"`);

    const names = children(entity, 'NAME');
    if (names.length === 0) throw new ListFormatError(file, location, 'ENTITY has no NAME');
    // The EU grades no alias: the first NAME row is the primary name, the others (aliases and the same name in
    // other languages) are strong.
    names.forEach((nameNode, position) =>
      addName(nameNode, position === 0 ? 'primary' : 'strong', type, builder),
    );

    for (const birth of children(entity, 'BIRTH')) {
      const date = text(birth, 'DATE');
      if (date === undefined) continue;
      const approximate = /\(approximative\)/i.test(date);
      const body = date.replace(/\(approximative\)/i, '').trim();
      const parsed = parseDateOfBirth(body);
      if (parsed === undefined) builder.warn(`unreadable date of birth "${date}"`);
      else
        builder.addDateOfBirth(
          approximate && parsed.kind !== 'range' ? circa(parsed, date) : { ...parsed, text: date },
        );
    }
    for (const citizen of children(entity, 'CITIZEN')) {
      const code = builder.countryOrWarn(text(citizen, 'COUNTRY'));
      if (code !== undefined) builder.addNationalityCode(code);
    }
    for (const passport of children(entity, 'PASSPORT')) {
      const raw = text(passport, 'NUMBER');
      if (raw === undefined) continue;
      const number = raw.split(' (')[0]?.trim() ?? '';
      if (number === '' || /^unknown$/i.test(number)) continue;
      const kind = /\(([a-z]+)-/.exec(raw)?.[1] ?? 'other';
      const country = builder.countryOrWarn(text(passport, 'COUNTRY'));
      builder.addIdentifier({
        type: DOCUMENT_TYPES[kind] ?? 'OTHER',
        number,
        ...(country === undefined ? {} : { country }),
        text: raw,
      });
    }
    for (const address of children(entity, 'ADDRESS')) {
      const countryText = text(address, 'COUNTRY');
      const city = text(address, 'CITY');
      const line = joinParts([
        joinParts([text(address, 'NUMBER'), text(address, 'STREET')], ' '),
        text(address, 'ZIPCODE'),
        city,
        countryText,
        text(address, 'OTHER'),
      ]);
      const country = builder.countryOrWarn(countryText);
      builder.addAddress({
        text: line,
        ...(city === undefined ? {} : { city }),
        ...(country === undefined ? {} : { country }),
      });
    }
    builder.addProgramme(attribute(entity, 'programme'));
    builder.setListedOn(attribute(entity, 'reg_date'));
    builder.appendRemarks(attribute(entity, 'remark'));
    entries.push(builder.entry);
  });
  if (entries.length === 0 && root['ENTITY'] === undefined)
    throw new ListFormatError(file, '<WHOLE>', 'no <ENTITY> element');

  const parsed: ParsedList = { list: listId, format: 'eu-fsf-xml', entries, warnings };
  const date = attribute(root, 'Date');
  const published = date === undefined ? undefined : parseDateOfBirth(date);
  if (published?.kind === 'exact') parsed.publishedOn = published.from;
  return parsed;
}

function addName(
  node: XmlNode,
  strength: ListEntryName['strength'],
  type: ListEntryType | undefined,
  builder: EntryBuilder,
): void {
  const last = text(node, 'LASTNAME');
  const first = text(node, 'FIRSTNAME');
  const middle = text(node, 'MIDDLENAME');
  const full = text(node, 'WHOLENAME') ?? joinParts([first, middle, last], ' ');
  if (full === '') return;
  const name: ListEntryName = { full, strength };
  const language = text(node, 'LANGUAGE');
  if (language !== undefined) name.language = language.toLowerCase();
  if (NON_LATIN.test(full)) name.originalScript = true;
  const given = [first, middle]
    .filter((part): part is string => part !== undefined)
    .flatMap((part) => part.split(/\s+/));
  if (type === 'person' && last !== undefined && given.length > 0) name.parts = { given, family: last };
  builder.addName(name);
  if (type === 'person' && builder.entry.gender === undefined) builder.setGender(text(node, 'GENDER'));
}
