/**
 * Secondary-field qualifiers (MATCHING.md step 6) and banding (step 7). Pure functions over plain data.
 * DOB, nationality and entity type act mostly as negative evidence; an exact identifier match is decisive.
 */
import type { DateOfBirth, Identifier, ListEntry, ListEntryType } from '../domain/list-entry.js';
import type { Band, MatchExplanation, ScreeningQuery, Thresholds } from '../domain/matcher.js';
import { isCommonNameWord } from './common-names.js';

export type Qualifier = MatchExplanation['qualifiers'][number];

export interface QualifierOutcome {
  qualifiers: Qualifier[];
  /** sum of the effects (negative or zero) */
  adjustment: number;
  corroborated: boolean;
  identifierMatch: boolean;
}

// ---------------------------------------------------------------- identifiers

const IDENTIFIER_FAMILIES: Record<string, string> = {
  PASSPORT: 'passport',
  DIPLOMATIC_PASSPORT: 'passport',
  TRAVEL_DOCUMENT: 'passport',
  NATIONAL_ID: 'national',
  ID_CARD: 'national',
  NATIONAL_ID_CARD: 'national',
  CEDULA: 'national',
  PERSONAL_ID: 'national',
  RESIDENT_ID: 'national',
  SSN: 'national',
  NI_NUMBER: 'national',
  TAX_ID: 'registration',
  USCC: 'registration',
  INN: 'registration',
  OGRN: 'registration',
  VAT: 'registration',
  REGISTRATION: 'registration',
  REGISTRATION_NUMBER: 'registration',
  COMPANY_NUMBER: 'registration',
  BUSINESS_REGISTRATION: 'registration',
  LEI: 'lei',
  IMO: 'imo',
  MMSI: 'mmsi',
  SWIFT_BIC: 'bic',
  BIC: 'bic',
  CRYPTO_WALLET: 'crypto',
  DIGITAL_CURRENCY_ADDRESS: 'crypto',
  AIRCRAFT_SERIAL: 'aircraft',
  AIRCRAFT_TAIL: 'aircraft',
  DRIVING_LICENCE: 'driving',
};

export function identifierFamily(type: string): string {
  const upper = type.toUpperCase().replace(/[\s-]+/g, '_');
  return IDENTIFIER_FAMILIES[upper] ?? (upper.includes('PASSPORT') ? 'passport' : upper.includes('CRYPTO') || upper.includes('DIGITAL') ? 'crypto' : 'other');
}

/** Upper-case alphanumerics only; crypto addresses keep their case (base58 / bech32 are case-significant). */
export function normaliseIdentifierNumber(identifier: Identifier): string {
  const family = identifierFamily(identifier.type);
  const raw = identifier.number.normalize('NFKC').trim();
  if (family === 'crypto') return raw.replace(/\s+/g, '');
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function identifiersMatch(a: Identifier, b: Identifier): boolean {
  const na = normaliseIdentifierNumber(a);
  const nb = normaliseIdentifierNumber(b);
  if (na.length < 5 || na !== nb) return false;
  const fa = identifierFamily(a.type);
  const fb = identifierFamily(b.type);
  if (fa !== fb && fa !== 'other' && fb !== 'other') return false;
  if (a.country !== undefined && b.country !== undefined && a.country.toUpperCase() !== b.country.toUpperCase()) return false;
  return true;
}

// ---------------------------------------------------------------- dates of birth

interface DayRange {
  from: number; // days since epoch
  to: number;
}

function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return null;
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY, YYYY-MM or YYYY-MM-DD → the range of days it may denote. */
export function queryDateRange(text: string): DayRange | null {
  const t = text.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m !== null) {
    const y = Number(m[1]);
    const from = dayNumber(`${y}-01-01`);
    const to = dayNumber(`${y}-12-31`);
    return from === null || to === null ? null : { from, to };
  }
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m !== null) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    const from = dayNumber(`${m[1]}-${m[2]}-01`);
    const to = dayNumber(`${m[1]}-${m[2]}-${String(lastDayOfMonth(y, mo)).padStart(2, '0')}`);
    return from === null || to === null ? null : { from, to };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m !== null) {
    const d = dayNumber(`${m[1]}-${m[2]}-${m[3]}`);
    return d === null ? null : { from: d, to: d };
  }
  return null;
}

function entryDateRange(dob: DateOfBirth): DayRange | null {
  const from = dayNumber(dob.from);
  const to = dayNumber(dob.to);
  if (from === null || to === null) return null;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The query date with day and month swapped (03/04 vs 04/03), when that is a valid date. */
function swappedDayMonth(text: string): DayRange | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null || m[2] === m[3]) return null;
  if (Number(m[3]) > 12) return null;
  return queryDateRange(`${m[1]}-${m[3]}-${m[2]}`);
}

export interface DateComparison {
  outcome: 'unknown' | 'compatible' | 'disjoint';
  /** smallest distance in days between the query date and any list date */
  gapDays: number;
  detail: string;
}

export function compareDatesOfBirth(queryDob: string | undefined, entryDobs: readonly DateOfBirth[]): DateComparison {
  if (queryDob === undefined || entryDobs.length === 0) return { outcome: 'unknown', gapDays: 0, detail: 'not compared' };
  const q = queryDateRange(queryDob);
  if (q === null) return { outcome: 'unknown', gapDays: 0, detail: `unreadable query date ${queryDob}` };
  const swapped = swappedDayMonth(queryDob);
  let gap = Number.POSITIVE_INFINITY;
  for (const dob of entryDobs) {
    const e = entryDateRange(dob);
    if (e === null) continue;
    for (const candidate of swapped === null ? [q] : [q, swapped]) {
      if (candidate.from <= e.to && e.from <= candidate.to) {
        const how = candidate === q ? 'overlaps' : 'matches with day and month swapped';
        return { outcome: 'compatible', gapDays: 0, detail: `${queryDob} ${how} ${dob.text ?? `${dob.from}..${dob.to}`}` };
      }
      const distance = candidate.to < e.from ? e.from - candidate.to : candidate.from - e.to;
      if (distance < gap) gap = distance;
    }
  }
  if (!Number.isFinite(gap)) return { outcome: 'unknown', gapDays: 0, detail: 'no readable list date' };
  return { outcome: 'disjoint', gapDays: gap, detail: `${queryDob} is ${gap} days from the nearest listed date of birth` };
}

function datePenalty(gapDays: number): number {
  if (gapDays <= 366) return -0.15;
  if (gapDays <= 5 * 366) return -0.2;
  return -0.25;
}

// ---------------------------------------------------------------- all qualifiers

const PERSON_TYPES = new Set<ListEntryType>(['person']);
const NON_PERSON_TYPES = new Set<ListEntryType>(['organisation', 'vessel', 'aircraft']);

export function typeCompatible(queryType: ScreeningQuery['type'], entryType: ListEntryType): boolean {
  if (queryType === 'any' || queryType === 'unknown' || entryType === 'unknown') return true;
  if (queryType === entryType) return true;
  if (PERSON_TYPES.has(queryType) !== PERSON_TYPES.has(entryType)) return false;
  // organisation / vessel / aircraft: a vessel is owned by a company, names overlap; mild penalty only
  return NON_PERSON_TYPES.has(queryType) && NON_PERSON_TYPES.has(entryType);
}

export function evaluateQualifiers(query: ScreeningQuery, entry: ListEntry): QualifierOutcome {
  const qualifiers: Qualifier[] = [];
  let adjustment = 0;
  let corroborated = false;
  let identifierMatch = false;

  for (const qi of query.identifiers ?? []) {
    const hit = entry.identifiers.find((ei) => identifiersMatch(qi, ei));
    if (hit !== undefined) {
      identifierMatch = true;
      corroborated = true;
      qualifiers.push({ field: 'identifier', effect: 0, detail: `${qi.type} ${normaliseIdentifierNumber(qi)} equals listed ${hit.type}: score 1.0` });
      break;
    }
  }

  const dates = compareDatesOfBirth(query.dateOfBirth, entry.datesOfBirth);
  if (dates.outcome === 'compatible') {
    corroborated = true;
    qualifiers.push({ field: 'dateOfBirth', effect: 0, detail: `compatible: ${dates.detail}` });
  } else if (dates.outcome === 'disjoint') {
    const effect = datePenalty(dates.gapDays);
    adjustment += effect;
    qualifiers.push({ field: 'dateOfBirth', effect, detail: `disjoint: ${dates.detail}` });
  }

  const queryCountries = (query.nationalities ?? []).map((c) => c.toUpperCase());
  const entryCountries = entry.nationalities.map((c) => c.toUpperCase());
  if (queryCountries.length > 0 && entryCountries.length > 0) {
    const shared = queryCountries.filter((c) => entryCountries.includes(c));
    if (shared.length > 0) {
      corroborated = true;
      qualifiers.push({ field: 'nationality', effect: 0, detail: `shared nationality ${shared.join(', ')}` });
    } else {
      adjustment -= 0.2;
      qualifiers.push({ field: 'nationality', effect: -0.2, detail: `${queryCountries.join(', ')} vs listed ${entryCountries.join(', ')}` });
    }
  }

  if (!typeCompatible(query.type, entry.type)) {
    adjustment -= 0.3;
    qualifiers.push({ field: 'type', effect: -0.3, detail: `query is ${query.type}, list entry is ${entry.type}` });
  } else if (query.type !== 'any' && entry.type !== 'unknown' && query.type !== entry.type) {
    adjustment -= 0.05;
    qualifiers.push({ field: 'type', effect: -0.05, detail: `query is ${query.type}, list entry is ${entry.type}` });
  }
  return { qualifiers, adjustment, corroborated, identifierMatch };
}

// ---------------------------------------------------------------- common names that nothing can confirm

/** What a match made only of common name words loses when the entry has nothing to check it against. */
export const UNCORROBORATED_COMMON_NAME = -0.2;

/**
 * A name-frequency prior for the one case where nothing else can separate namesakes: the party's date of birth or
 * nationality is known, the entry lists neither, and every matched name word is among the most common names
 * (John Smith against JOHN B. PRIDMORE-SMITH, Wang Wei against WANG WEI). Such a match then needs the full name:
 * an exact one still reaches the review threshold (1.0 − 0.2), a partial or fuzzy one does not. Name-only
 * searches are never affected, nor entries with a date of birth or nationality, nor organisations.
 */
export function uncorroboratedCommonName(
  query: ScreeningQuery,
  entry: ListEntry,
  parts: MatchExplanation['parts'],
): Qualifier | null {
  if (query.type !== 'person' || (entry.type !== 'person' && entry.type !== 'unknown')) return null;
  const partyKnown = query.dateOfBirth !== undefined || (query.nationalities?.length ?? 0) > 0;
  if (!partyKnown || entry.datesOfBirth.length > 0 || entry.nationalities.length > 0) return null;
  let matched = 0;
  for (const part of parts) {
    if (part.query === null || part.list === null || part.score <= 0) continue;
    matched++;
    const common = (text: string): boolean => text.split(' ').every((word) => word.length > 0 && isCommonNameWord(word));
    if (!common(part.query) && !common(part.list)) return null;
  }
  if (matched === 0) return null;
  return {
    field: 'commonName',
    effect: UNCORROBORATED_COMMON_NAME,
    detail: 'every matched name word is a common name and the entry lists no date of birth or nationality to check: only the full name can alert',
  };
}

export function bandFor(score: number, corroborated: boolean, thresholds: Thresholds): Band {
  if (score < thresholds.review) return 'NONE';
  if (score >= thresholds.strong && corroborated) return 'STRONG';
  return 'REVIEW';
}
