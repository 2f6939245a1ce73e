import { countryCode } from './countries.js';
import type { EntryBuilder } from './entry-builder.js';

/** Remark labels that introduce an identifier, longest first where one label starts another. */
const IDENTIFIER_LABELS: readonly (readonly [RegExp, string])[] = [
  [/^Diplomatic Passport(?: No\.?)?/i, 'PASSPORT'],
  [/^Passport(?: No\.?)?/i, 'PASSPORT'],
  [/^National ID No\.?/i, 'NATIONAL_ID'],
  [/^National Identification Number/i, 'NATIONAL_ID'],
  [/^Personal ID Card/i, 'NATIONAL_ID'],
  [/^Cedula No\.?/i, 'NATIONAL_ID'],
  [/^C\.U\.R\.P\.?/i, 'NATIONAL_ID'],
  [/^D\.N\.I\.?/i, 'NATIONAL_ID'],
  [/^C\.U\.I\.?/i, 'NATIONAL_ID'],
  [/^I\.F\.E\.?/i, 'NATIONAL_ID'],
  [/^Credencial electoral/i, 'NATIONAL_ID'],
  [/^Electoral Registry No\.?/i, 'NATIONAL_ID'],
  [/^SSN/, 'NATIONAL_ID'],
  [/^Residency Number/i, 'RESIDENCE_PERMIT'],
  [/^Birth Certificate Number/i, 'BIRTH_CERTIFICATE'],
  [/^Driver'?s License No\.?/i, 'DRIVING_LICENCE'],
  [/^Tax ID No\.?/i, 'TAX_ID'],
  [/^R\.F\.C\.?/i, 'TAX_ID'],
  [/^RFC/, 'TAX_ID'],
  [/^V\.A\.T\. Number/i, 'TAX_ID'],
  [/^NIT #/i, 'TAX_ID'],
  [/^RUC #/i, 'TAX_ID'],
  [/^CUIT/, 'TAX_ID'],
  [/^Legal Entity Number/i, 'LEI'],
  [/^Unified Social Credit Code \(USCC\)/i, 'USCC'],
  [/^SWIFT\/BIC/i, 'SWIFT_BIC'],
  [/^Vessel Registration Identification(?: IMO)?/i, 'IMO'],
  [/^MMSI/, 'MMSI'],
  [/^Digital Currency Address - ?/i, 'CRYPTO_WALLET'],
  [/^Aircraft Manufacturer'?s Serial Number \(MSN\)/i, 'AIRCRAFT_SERIAL'],
  [/^Aircraft Tail Number/i, 'AIRCRAFT_TAIL'],
  [/^D-U-N-S Number/i, 'DUNS'],
  [/^BIK \(RU\)/, 'BIK'],
  [/^ISIN/, 'ISIN'],
  [/^Identification Number(?= IMO)/i, 'IMO'],
  [/^Identification Number/i, 'OTHER'],
  [/^Business Registration (?:Number|Document #)/i, 'REGISTRATION_NUMBER'],
  [/^Commercial Registry Number/i, 'REGISTRATION_NUMBER'],
  [/^Registration (?:Number|ID)/i, 'REGISTRATION_NUMBER'],
  [/^Public Registration Number/i, 'REGISTRATION_NUMBER'],
  [/^Company Number/i, 'REGISTRATION_NUMBER'],
  [/^C\.R\. No\.?/i, 'REGISTRATION_NUMBER'],
  [/^Certificate of Incorporation Number/i, 'REGISTRATION_NUMBER'],
  [/^Government Gazette Number/i, 'REGISTRATION_NUMBER'],
  [/^Folio Mercantil No\.?/i, 'REGISTRATION_NUMBER'],
  [/^Matricula Mercantil No\.?/i, 'REGISTRATION_NUMBER'],
  [/^Economic Register Number \(CBLS\)/i, 'REGISTRATION_NUMBER'],
  [/^Enterprise Number/i, 'REGISTRATION_NUMBER'],
  [/^Chamber of Commerce Number/i, 'REGISTRATION_NUMBER'],
  [/^Trade License No\.?/i, 'REGISTRATION_NUMBER'],
  [/^License/, 'REGISTRATION_NUMBER'],
];

/** The identifier type for an OFAC document label ("Tax ID No.", "Passport" …), as in remarks and Enhanced XML. */
export function ofacIdentifierType(label: string): string | undefined {
  const trimmed = label.trim();
  for (const [pattern, type] of IDENTIFIER_LABELS) if (pattern.test(trimmed)) return type;
  return undefined;
}

/** Splits a remark into its "; "-separated items, keeping quoted aliases whole. */
export function remarkItems(remarks: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < remarks.length; index += 1) {
    const character = remarks[index] ?? '';
    if (character === "'") {
      const before = remarks[index - 1] ?? ' ';
      const after = remarks[index + 1] ?? ' ';
      // An apostrophe inside a word (AL-QA'IDA) neither opens nor closes a quote.
      if (!quoted && /\s/.test(before)) quoted = true;
      else if (quoted && /[\s;.,]/.test(after)) quoted = false;
    }
    if (character === ';' && !quoted) {
      items.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  items.push(current);
  return items.map((item) => item.trim().replace(/\.$/, '').trim()).filter((item) => item !== '');
}

/** Reads "Passport A123 (Iran) issued 01 Jan 2001 expires …": number, issuing country. */
function readNumber(rest: string): { number: string; country?: string } {
  const value = rest.replace(/^[:#\s]+/, '').trim();
  const stop = value.search(/\s\(|\s+issued\b|\s+expires\b|\s+\bvalid\b/i);
  const number = (stop === -1 ? value : value.slice(0, stop)).replace(/[,.]$/, '').trim();
  let country: string | undefined;
  for (const match of value.matchAll(/\(([^()]+)\)/g)) {
    const code = countryCode(match[1]);
    if (code !== undefined) country = code;
  }
  return country === undefined ? { number } : { number, country };
}

/**
 * Parses an OFAC remarks field (sdn.csv column 12, plus the sdn_comments.csv overflow) into the entry:
 * DOBs, nationality/citizenship, gender, typed identifiers and the quoted (weak) aliases.
 */
export function applyOfacRemarks(remarks: string, builder: EntryBuilder): void {
  for (const rawItem of remarkItems(remarks)) {
    const item = rawItem.replace(/^alt\.\s+/i, '').trim();
    let match: RegExpExecArray | null;
    if ((match = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*(.+)$/i.exec(item))) {
      const quoted = (match[2] ?? '').trim();
      const name = quoted
        .replace(/^['"‘’]/, '')
        .replace(/['"‘’]$/, '')
        .trim();
      // Aliases that OFAC prints in the remarks rather than in alt.csv are its "weak" aliases.
      builder.addName({ full: name, strength: 'weak' });
      continue;
    }
    if ((match = /^DOB\s+(.+)$/i.exec(item))) {
      builder.addDateOfBirthText(match[1]);
      continue;
    }
    if ((match = /^(?:Nationality of Registration|nationality|citizen)\s+(.+)$/i.exec(item))) {
      builder.addNationalityText(match[1]);
      continue;
    }
    if ((match = /^Gender\s+(.+)$/i.exec(item))) {
      builder.setGender(match[1]);
      continue;
    }
    for (const [label, type] of IDENTIFIER_LABELS) {
      const labelMatch = label.exec(item);
      if (labelMatch === null) continue;
      const rest = item.slice(labelMatch[0].length);
      if (type === 'CRYPTO_WALLET') {
        // "Digital Currency Address - XBT 1Abc…": the currency ticker precedes the address.
        const wallet = /^([A-Z0-9]{2,6})\s+(\S+)/.exec(rest.trim());
        if (wallet?.[2] !== undefined) builder.addIdentifier({ type, number: wallet[2], text: rawItem });
        break;
      }
      const { number, country } = readNumber(rest);
      if (number !== '')
        builder.addIdentifier({ type, number, ...(country === undefined ? {} : { country }), text: rawItem });
      break;
    }
  }
}
