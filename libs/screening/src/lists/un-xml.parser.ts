import type { ListEntry, ListFiles, ParsedList, ParseWarning } from '../domain/list-entry.js';
import { circa, parseDateOfBirth, rangeDate, yearDate } from './dates.js';
import { EntryBuilder, identifierType, joinParts } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';
import { attribute, child, children, parseXmlRoot, text, texts, type XmlNode } from './xml.js';

/** UN Security Council Consolidated List XML (sc-sanctions.xsd): CONSOLIDATED_LIST / INDIVIDUALS / ENTITIES. */
export function parseUnXml(files: ListFiles, listId: string): ParsedList {
  const file = files.main.name;
  const root = parseXmlRoot(files.main, 'CONSOLIDATED_LIST');
  if (root['INDIVIDUALS'] === undefined && root['ENTITIES'] === undefined) {
    throw new ListFormatError(file, '<CONSOLIDATED_LIST>', 'neither <INDIVIDUALS> nor <ENTITIES> is present');
  }
  const warnings: ParseWarning[] = [];
  const entries: ListEntry[] = [];
  const individuals = children(child(root, 'INDIVIDUALS'), 'INDIVIDUAL');
  individuals.forEach((node, index) => {
    entries.push(parseRecord(node, 'person', `INDIVIDUAL #${index + 1}`, listId, file, warnings));
  });
  const entities = children(child(root, 'ENTITIES'), 'ENTITY');
  entities.forEach((node, index) => {
    entries.push(parseRecord(node, 'organisation', `ENTITY #${index + 1}`, listId, file, warnings));
  });
  const generated = attribute(root, 'dateGenerated');
  const parsed: ParsedList = { list: listId, format: 'un-xml', entries, warnings };
  if (generated !== undefined && /^\d{4}-\d{2}-\d{2}/.test(generated))
    parsed.publishedOn = generated.slice(0, 10);
  return parsed;
}

function parseRecord(
  node: XmlNode,
  type: 'person' | 'organisation',
  position: string,
  listId: string,
  file: string,
  warnings: ParseWarning[],
): ListEntry {
  const reference = text(node, 'REFERENCE_NUMBER');
  const dataId = text(node, 'DATAID');
  const location = `${position} (${reference ?? `DATAID ${dataId ?? '?'}`})`;
  let sourceId = reference;
  if (sourceId === undefined) {
    if (dataId === undefined)
      throw new ListFormatError(file, location, 'record has neither REFERENCE_NUMBER nor DATAID');
    warnings.push({ file, location, message: 'no REFERENCE_NUMBER; DATAID used as source id' });
    sourceId = `DATAID-${dataId}`;
  }
  const builder = new EntryBuilder(listId, sourceId, type, warnings, file, location);

  const nameParts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((key) => text(node, key))
    .filter((part): part is string => part !== undefined);
  if (nameParts.length === 0) throw new ListFormatError(file, location, 'record has no FIRST_NAME');
  // No name parts: the UN does not say which part is the family name (DPRK and Chinese entries put it in
  // FIRST_NAME, most others in the last part), and a wrong guess would mislead the scorer's family-name weight.
  builder.addName({ full: nameParts.join(' '), strength: 'primary' });
  const original = text(node, 'NAME_ORIGINAL_SCRIPT');
  if (original !== undefined) builder.addName({ full: original, strength: 'primary', originalScript: true });

  for (const alias of [...children(node, 'INDIVIDUAL_ALIAS'), ...children(node, 'ENTITY_ALIAS')]) {
    const name = text(alias, 'ALIAS_NAME');
    if (name === undefined) continue;
    const quality = (text(alias, 'QUALITY') ?? '').toLowerCase();
    for (const piece of splitAliasName(name))
      builder.addName({ full: piece, strength: quality === 'low' ? 'weak' : 'strong' });
    const aliasBirth = text(alias, 'DATE_OF_BIRTH');
    if (aliasBirth !== undefined) builder.addDateOfBirthText(aliasBirth);
  }

  for (const birth of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) parseBirth(birth, builder);
  for (const nationality of texts(node, 'NATIONALITY')) builder.addNationalityText(nationality);

  for (const documentNode of children(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = text(documentNode, 'NUMBER');
    if (number === undefined) continue;
    const documentType = text(documentNode, 'TYPE_OF_DOCUMENT') ?? '';
    const country = builder.countryOrWarn(
      text(documentNode, 'ISSUING_COUNTRY') ?? text(documentNode, 'COUNTRY_OF_ISSUE'),
    );
    const note = joinParts(
      [documentType, text(documentNode, 'TYPE_OF_DOCUMENT2'), text(documentNode, 'NOTE')],
      '; ',
    );
    builder.addIdentifier({
      type: identifierType(documentType),
      number,
      ...(country === undefined ? {} : { country }),
      text: note,
    });
  }

  for (const address of [...children(node, 'INDIVIDUAL_ADDRESS'), ...children(node, 'ENTITY_ADDRESS')]) {
    const countryText = text(address, 'COUNTRY');
    const city = text(address, 'CITY');
    const line = joinParts([
      text(address, 'STREET'),
      city,
      text(address, 'STATE_PROVINCE'),
      text(address, 'ZIP_CODE'),
      countryText,
      text(address, 'NOTE'),
    ]);
    const country = builder.countryOrWarn(countryText);
    builder.addAddress({
      text: line,
      ...(city === undefined ? {} : { city }),
      ...(country === undefined ? {} : { country }),
    });
  }

  builder.addProgramme(text(node, 'UN_LIST_TYPE'));
  builder.setGender(text(node, 'GENDER'));
  builder.setListedOn(text(node, 'LISTED_ON'));
  builder.appendRemarks(text(node, 'COMMENTS1'));
  return builder.entry;
}

function parseBirth(birth: XmlNode, builder: EntryBuilder): void {
  const kind = (text(birth, 'TYPE_OF_DATE') ?? 'EXACT').toUpperCase();
  const date = text(birth, 'DATE');
  const year = text(birth, 'YEAR');
  const fromYear = text(birth, 'FROM_YEAR');
  const toYear = text(birth, 'TO_YEAR');
  const note = text(birth, 'NOTE');
  const value =
    kind === 'BETWEEN' || (date === undefined && year === undefined)
      ? `between ${fromYear ?? '?'} and ${toYear ?? '?'}`
      : `${kind === 'APPROXIMATELY' ? 'approximately ' : ''}${date ?? year ?? ''}`;
  const published = note === undefined ? value : `${value} (${note})`;
  if (date === undefined && year === undefined && fromYear === undefined && toYear === undefined) return;

  if (kind === 'BETWEEN' || (date === undefined && year === undefined)) {
    const low = fromYear === undefined ? undefined : yearDate(Number(fromYear));
    const high = toYear === undefined ? undefined : yearDate(Number(toYear));
    const range = low !== undefined && high !== undefined ? rangeDate(low, high, published) : undefined;
    if (range === undefined) builder.warn(`unreadable date of birth range "${published}"`);
    else builder.addDateOfBirth(range);
    return;
  }
  const parsed =
    date !== undefined
      ? parseDateOfBirth(date)
      : /^\d{4}$/.test(year ?? '')
        ? yearDate(Number(year))
        : undefined;
  if (parsed === undefined) {
    builder.warn(`unreadable date of birth "${published}"`);
    return;
  }
  if (kind === 'APPROXIMATELY') builder.addDateOfBirth(circa(parsed, published));
  else builder.addDateOfBirth({ ...parsed, text: published });
}

/**
 * A few UN ALIAS_NAME cells hold several spellings separated by ";" ("Husain Salimi; Hosain Salimi"), some wrapped in
 * a parenthesis with the original script; each spelling becomes its own alias.
 */
export function splitAliasName(name: string): string[] {
  if (!name.includes(';')) return [name];
  return name
    .split(';')
    .map((piece) => {
      let cleaned = piece.replace(/\(original script\)/gi, '').trim();
      const opens = (cleaned.match(/\(/g) ?? []).length;
      const closes = (cleaned.match(/\)/g) ?? []).length;
      if (opens > closes) cleaned = cleaned.replace(/\s*\((?=[^()]*$)/, ' ');
      if (closes > opens) cleaned = cleaned.replace(/\)(?=[^()]*$)/, ' ');
      return cleaned.replace(/\s+/g, ' ').trim();
    })
    .filter((piece) => piece !== '');
}
