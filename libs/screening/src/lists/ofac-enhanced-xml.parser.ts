import type {
  DateOfBirth,
  ListEntry,
  ListEntryName,
  ListEntryType,
  ListFiles,
  ParsedList,
  ParseWarning,
} from '../domain/list-entry.js';
import { countryCode } from './countries.js';
import { circa } from './dates.js';
import { EntryBuilder, identifierType, joinParts } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';
import { ofacIdentifierType } from './ofac-remarks.js';
import { attribute, child, children, parseXmlRoot, text, textOf, type XmlNode } from './xml.js';

const ENTITY_TYPES: Readonly<Record<string, ListEntryType>> = {
  individual: 'person',
  entity: 'organisation',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

const NATIONALITY_FEATURES = new Set([
  'nationality country',
  'citizenship country',
  'nationality of registration',
]);

const FEATURE_IDENTIFIERS: Readonly<Record<string, string>> = {
  'swift/bic': 'SWIFT_BIC',
  'bik (ru)': 'BIK',
  isin: 'ISIN',
  'vessel registration identification': 'IMO',
  mmsi: 'MMSI',
  'legal entity number': 'LEI',
};

const ADDRESS_ORDER = ['ADDRESS1', 'ADDRESS2', 'ADDRESS3', 'CITY', 'STATE/PROVINCE', 'POSTAL CODE', 'REGION'];

/** OFAC "Enhanced XML" (sanctionsData, namespace ENHANCED_XML): structured names, dates, documents and features. */
export function parseOfacEnhancedXml(files: ListFiles, listId: string): ParsedList {
  const file = files.main.name;
  const root = parseXmlRoot(files.main, 'sanctionsData');
  const entitiesNode = child(root, 'entities');
  if (entitiesNode === undefined) throw new ListFormatError(file, '<sanctionsData>', 'no <entities> element');

  // Country reference values carry ISO codes; documents and features point at them by refId.
  const isoByRefId = new Map<string, string>();
  for (const reference of children(child(root, 'referenceValues'), 'referenceValue')) {
    const refId = attribute(reference, 'refId');
    const iso = text(reference, 'isoCode');
    if (
      refId !== undefined &&
      iso !== undefined &&
      text(reference, 'type') === 'COUNTRY' &&
      /^[A-Z]{2}$/.test(iso)
    ) {
      isoByRefId.set(refId, iso);
    }
  }
  const country = (node: XmlNode | undefined, builder: EntryBuilder): string | undefined => {
    if (node === undefined) return undefined;
    const byRef = isoByRefId.get(attribute(node, 'refId') ?? '');
    return byRef ?? builder.countryOrWarn(textOf(node));
  };

  const warnings: ParseWarning[] = [];
  const entries: ListEntry[] = [];
  children(entitiesNode, 'entity').forEach((entity, index) => {
    const id = attribute(entity, 'id');
    const location = `entity #${index + 1}${id === undefined ? '' : ` (id ${id})`}`;
    if (id === undefined) throw new ListFormatError(file, location, 'entity has no id attribute');
    const typeText = text(child(entity, 'generalInfo'), 'entityType')?.toLowerCase() ?? '';
    const type = ENTITY_TYPES[typeText];
    const builder = new EntryBuilder(listId, id, type ?? 'unknown', warnings, file, location);
    if (type === undefined) builder.warn(`unknown entity type "${typeText}"`);

    for (const name of children(child(entity, 'names'), 'name')) {
      const isPrimary = text(name, 'isPrimary') === 'true';
      const strength: ListEntryName['strength'] = isPrimary
        ? 'primary'
        : text(name, 'isLowQuality') === 'true'
          ? 'weak'
          : 'strong';
      for (const translation of children(child(name, 'translations'), 'translation')) {
        const full = text(translation, 'formattedFullName');
        if (full === undefined) continue;
        const script = text(translation, 'script') ?? 'Latin';
        const entry: ListEntryName = { full, strength };
        if (script !== 'Latin') entry.originalScript = true;
        const family = text(translation, 'formattedLastName');
        const given = text(translation, 'formattedFirstName');
        if (type === 'person' && family !== undefined && given !== undefined) {
          entry.parts = { family, given: given.split(/\s+/) };
        }
        builder.addName(entry);
      }
    }
    if (builder.entry.names.length === 0) throw new ListFormatError(file, location, 'entity has no name');

    for (const programme of children(child(entity, 'sanctionsPrograms'), 'sanctionsProgram'))
      builder.addProgramme(textOf(programme));

    for (const address of children(child(entity, 'addresses'), 'address')) {
      const countryNode = child(address, 'country');
      const countryText = textOf(countryNode);
      const code = country(countryNode, builder);
      const translation =
        children(child(address, 'translations'), 'translation').find(
          (candidate) => text(candidate, 'isPrimary') === 'true',
        ) ?? child(child(address, 'translations'), 'translation');
      const parts = new Map<string, string>();
      for (const part of children(child(translation, 'addressParts'), 'addressPart')) {
        const partType = text(part, 'type');
        const value = text(part, 'value');
        if (partType !== undefined && value !== undefined) parts.set(partType, value);
      }
      const city = parts.get('CITY');
      const line = joinParts([...ADDRESS_ORDER.map((key) => parts.get(key)), countryText]);
      builder.addAddress({
        text: line,
        ...(city === undefined ? {} : { city }),
        ...(code === undefined ? {} : { country: code }),
      });
    }

    for (const feature of children(child(entity, 'features'), 'feature')) {
      const featureType = (text(feature, 'type') ?? '').trim().replace(/[:\s-]+$/, '');
      const key = featureType.toLowerCase();
      const value = text(feature, 'value');
      if (key === 'birthdate') {
        const date = featureDate(child(feature, 'valueDate'), value);
        if (date === undefined) builder.warn(`unreadable date of birth "${value ?? ''}"`);
        else builder.addDateOfBirth(date);
      } else if (NATIONALITY_FEATURES.has(key)) {
        const code =
          isoByRefId.get(text(feature, 'valueRefId') ?? '') ??
          (value === undefined ? undefined : countryCode(value));
        if (code !== undefined) builder.addNationalityCode(code);
        else if (value !== undefined) builder.addNationalityText(value);
      } else if (key === 'gender') {
        builder.setGender(value);
      } else if (FEATURE_IDENTIFIERS[key] !== undefined && value !== undefined) {
        builder.addIdentifier({
          type: FEATURE_IDENTIFIERS[key],
          number: value.replace(/^IMO\s+/i, ''),
          text: `${featureType} ${value}`,
        });
      }
    }

    for (const document of children(child(entity, 'identityDocuments'), 'identityDocument')) {
      const number = text(document, 'documentNumber');
      if (number === undefined) continue;
      const label = text(document, 'type') ?? '';
      const code = country(child(document, 'issuingCountry'), builder);
      builder.addIdentifier({
        type: ofacIdentifierType(label) ?? identifierType(label),
        number,
        ...(code === undefined ? {} : { country: code }),
        text: `${label} ${number}`,
      });
    }

    builder.appendRemarks(text(child(entity, 'generalInfo'), 'remarks'));
    entries.push(builder.entry);
  });

  const parsed: ParsedList = { list: listId, format: 'ofac-enhanced-xml', entries, warnings };
  const asOf = text(child(root, 'publicationInfo'), 'dataAsOf');
  if (asOf !== undefined && /^\d{4}-\d{2}-\d{2}/.test(asOf)) parsed.publishedOn = asOf.slice(0, 10);
  return parsed;
}

/** Enhanced XML dates are already ranges: fromDateBegin … toDateEnd. */
function featureDate(valueDate: XmlNode | undefined, published: string | undefined): DateOfBirth | undefined {
  const from = text(valueDate, 'fromDateBegin')?.slice(0, 10);
  const to = (text(valueDate, 'toDateEnd') ?? text(valueDate, 'fromDateEnd'))?.slice(0, 10);
  if (
    from === undefined ||
    to === undefined ||
    !/^\d{4}-\d{2}-\d{2}$/.test(from) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(to) ||
    from > to
  ) {
    return undefined;
  }
  let kind: DateOfBirth['kind'] = 'range';
  if (from === to) kind = 'exact';
  else if (from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31'))
    kind = 'year';
  else if (from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01') && Number(to.slice(8)) >= 28)
    kind = 'month';
  const date: DateOfBirth = { kind, from, to, ...(published === undefined ? {} : { text: published }) };
  return text(valueDate, 'isApproximate') === 'true' ? circa(date, published) : date;
}
