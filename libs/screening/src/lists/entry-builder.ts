import type {
  DateOfBirth,
  Identifier,
  ListAddress,
  ListEntry,
  ListEntryName,
  ListEntryType,
  ParseWarning,
} from '../domain/list-entry.js';
import { countryFromText, isNotACountry, parseCountries } from './countries.js';
import { parseDateOfBirth, type DateParseOptions } from './dates.js';

/** Collects the fields of one entry, deduplicating as it goes, and the warnings met on the way. */
export class EntryBuilder {
  readonly entry: ListEntry;

  constructor(
    list: string,
    sourceId: string,
    type: ListEntryType,
    private readonly warnings: ParseWarning[],
    private readonly file: string,
    private readonly location: string,
  ) {
    this.entry = {
      list,
      sourceId,
      type,
      names: [],
      datesOfBirth: [],
      nationalities: [],
      identifiers: [],
      addresses: [],
      programmes: [],
    };
  }

  warn(message: string, location = this.location): void {
    this.warnings.push({ file: this.file, location, message });
  }

  addName(name: ListEntryName): void {
    const full = name.full.replace(/\s+/g, ' ').trim();
    if (full === '') return;
    const existing = this.entry.names.find((known) => known.full === full);
    if (existing !== undefined) {
      // Keep the strongest reading of a name that is published twice (primary beats strong beats weak).
      if (existing.parts === undefined && name.parts !== undefined) existing.parts = name.parts;
      if (rank(name.strength) < rank(existing.strength)) {
        existing.strength = name.strength;
        this.entry.names.splice(this.entry.names.indexOf(existing), 1);
        this.insertName(existing);
      }
      return;
    }
    const cleaned: ListEntryName = { full, strength: name.strength };
    if (name.originalScript === true) cleaned.originalScript = true;
    if (name.language !== undefined) cleaned.language = name.language;
    if (name.parts !== undefined) cleaned.parts = name.parts;
    this.insertName(cleaned);
  }

  /** Names stay ordered primary, strong, weak (publication order within each), so names[0] is a primary name. */
  private insertName(name: ListEntryName): void {
    const position = this.entry.names.findIndex((known) => rank(known.strength) > rank(name.strength));
    if (position === -1) this.entry.names.push(name);
    else this.entry.names.splice(position, 0, name);
  }

  addDateOfBirth(date: DateOfBirth): void {
    if (
      !this.entry.datesOfBirth.some(
        (known) => known.kind === date.kind && known.from === date.from && known.to === date.to,
      )
    ) {
      this.entry.datesOfBirth.push(date);
    }
  }

  /** Parses a published date of birth; an unreadable one becomes a warning. */
  addDateOfBirthText(text: string | undefined, options: DateParseOptions = {}): void {
    if (text === undefined || text.trim() === '') return;
    const date = parseDateOfBirth(text, options);
    if (date === undefined) this.warn(`unreadable date of birth "${text}"`);
    else this.addDateOfBirth(date);
  }

  addNationalityCode(code: string): void {
    if (!this.entry.nationalities.includes(code)) this.entry.nationalities.push(code);
  }

  /** Country names (possibly several in one cell) → ISO codes; unknown ones become warnings. */
  addNationalityText(text: string | undefined): void {
    if (text === undefined) return;
    const { codes, unknown } = parseCountries(text);
    for (const code of codes) this.addNationalityCode(code);
    for (const piece of unknown) this.warn(`unknown country "${piece}"`);
  }

  countryOrWarn(text: string | undefined): string | undefined {
    if (text === undefined || text.trim() === '') return undefined;
    const code = countryFromText(text);
    if (code === undefined && !isNotACountry(text)) this.warn(`unknown country "${text}"`);
    return code;
  }

  addIdentifier(identifier: Identifier): void {
    const number = identifier.number.trim();
    if (number === '') return;
    if (
      this.entry.identifiers.some(
        (known) =>
          known.type === identifier.type && known.number === number && known.country === identifier.country,
      )
    ) {
      return;
    }
    const cleaned: Identifier = { type: identifier.type, number };
    if (identifier.country !== undefined) cleaned.country = identifier.country;
    if (identifier.text !== undefined && identifier.text.trim() !== '') cleaned.text = identifier.text.trim();
    this.entry.identifiers.push(cleaned);
  }

  addAddress(address: ListAddress): void {
    const text = address.text.replace(/\s+/g, ' ').trim();
    if (text === '') return;
    if (this.entry.addresses.some((known) => known.text === text)) return;
    const cleaned: ListAddress = { text };
    if (address.city !== undefined && address.city.trim() !== '') cleaned.city = address.city.trim();
    if (address.country !== undefined) cleaned.country = address.country;
    this.entry.addresses.push(cleaned);
  }

  addProgramme(programme: string | undefined): void {
    const trimmed = programme?.trim();
    if (trimmed === undefined || trimmed === '') return;
    if (!this.entry.programmes.includes(trimmed)) this.entry.programmes.push(trimmed);
  }

  setGender(text: string | undefined): void {
    const value = text?.trim().toLowerCase();
    if (value === 'male' || value === 'm') this.entry.gender = 'male';
    else if (value === 'female' || value === 'f') this.entry.gender = 'female';
  }

  appendRemarks(text: string | undefined): void {
    const trimmed = text?.trim();
    if (trimmed === undefined || trimmed === '' || this.entry.remarks?.includes(trimmed) === true) return;
    this.entry.remarks = this.entry.remarks === undefined ? trimmed : `${this.entry.remarks}; ${trimmed}`;
  }

  setListedOn(text: string | undefined): void {
    const date = text === undefined ? undefined : parseDateOfBirth(text.slice(0, 10));
    if (date?.kind === 'exact') this.entry.listedOn = date.from;
  }
}

function rank(strength: ListEntryName['strength']): number {
  return strength === 'primary' ? 0 : strength === 'strong' ? 1 : 2;
}

/** Joins non-empty parts with a separator. */
export function joinParts(parts: readonly (string | undefined)[], separator = ', '): string {
  return parts
    .map((part) => part?.trim())
    .filter((part): part is string => part !== undefined && part !== '')
    .join(separator);
}

/** Document type words in the lists → the Identifier type vocabulary. */
export function identifierType(text: string): string {
  const lower = text.toLowerCase();
  if (/passport|pasaporte|passeport/.test(lower)) return 'PASSPORT';
  if (
    /national (identification|id)|identity card|national identity|cedula|c[eé]dula|\bdni\b|\bnic\b|\bnin\b|personal id/.test(
      lower,
    )
  )
    return 'NATIONAL_ID';
  if (/\btax\b|\btin\b|\binn\b|\bvat\b|\brfc\b|\bnit\b|\bruc\b|\bcuit\b/.test(lower)) return 'TAX_ID';
  if (/unified social credit|\buscc\b/.test(lower)) return 'USCC';
  if (/legal entity (number|identifier)|\blei\b/.test(lower)) return 'LEI';
  if (/\bimo\b|vessel registration identification/.test(lower)) return 'IMO';
  if (/swift|\bbic\b/.test(lower)) return 'SWIFT_BIC';
  if (/digital currency address|wallet/.test(lower)) return 'CRYPTO_WALLET';
  if (/registration|registry|company number|business number|\bogrn\b|\bkpp\b/.test(lower))
    return 'REGISTRATION_NUMBER';
  if (/driver|driving/.test(lower)) return 'DRIVING_LICENCE';
  if (/\bssn\b|social security/.test(lower)) return 'SOCIAL_SECURITY';
  if (/aircraft|serial number|manufacturer/.test(lower)) return 'AIRCRAFT_ID';
  return 'OTHER';
}
