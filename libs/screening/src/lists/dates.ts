import type { DateOfBirth } from '../domain/list-entry.js';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  janvier: 1,
  enero: 1,
  feb: 2,
  february: 2,
  fev: 2,
  febrero: 2,
  mar: 3,
  march: 3,
  mars: 3,
  marzo: 3,
  apr: 4,
  april: 4,
  avril: 4,
  abril: 4,
  may: 5,
  mai: 5,
  mayo: 5,
  jun: 6,
  june: 6,
  juin: 6,
  junio: 6,
  jul: 7,
  july: 7,
  juillet: 7,
  julio: 7,
  aug: 8,
  august: 8,
  aout: 8,
  agosto: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  septiembre: 9,
  oct: 10,
  october: 10,
  octobre: 10,
  octubre: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  noviembre: 11,
  dec: 12,
  december: 12,
  decembre: 12,
  diciembre: 12,
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validYear(year: number): boolean {
  return year >= 1850 && year <= 2100;
}

function isoDay(year: number, month: number, day: number): string | undefined {
  if (!validYear(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function exactDate(year: number, month: number, day: number, text?: string): DateOfBirth | undefined {
  const iso = isoDay(year, month, day);
  if (iso === undefined) return undefined;
  return withText({ kind: 'exact', from: iso, to: iso }, text);
}

export function monthDate(year: number, month: number, text?: string): DateOfBirth | undefined {
  if (!validYear(year) || month < 1 || month > 12) return undefined;
  return withText(
    {
      kind: 'month',
      from: `${pad(year, 4)}-${pad(month)}-01`,
      to: `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}`,
    },
    text,
  );
}

export function yearDate(year: number, text?: string): DateOfBirth | undefined {
  if (!validYear(year)) return undefined;
  return withText({ kind: 'year', from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` }, text);
}

/** A range between two parsed bounds: from the first day of `low` to the last day of `high`. */
export function rangeDate(low: DateOfBirth, high: DateOfBirth, text?: string): DateOfBirth | undefined {
  if (low.from > high.to) return undefined;
  return withText({ kind: 'range', from: low.from, to: high.to }, text);
}

/** "circa": one year either side of what was published, because "circa 1960" is an estimate, not a fact. */
export function circa(date: DateOfBirth, text?: string): DateOfBirth {
  const fromYear = Number(date.from.slice(0, 4)) - 1;
  const toYear = Number(date.to.slice(0, 4)) + 1;
  return withText({ kind: 'range', from: `${pad(fromYear, 4)}-01-01`, to: `${pad(toYear, 4)}-12-31` }, text);
}

function withText(date: DateOfBirth, text: string | undefined): DateOfBirth {
  return text === undefined ? date : { ...date, text };
}

export interface DateParseOptions {
  /** how to read nn/nn/yyyy: day first (UK, EU; the default) or month first (US) */
  slashOrder?: 'dmy' | 'mdy';
}

/** One date without range or circa words; undefined when it cannot be read. */
function parseSingle(raw: string, options: DateParseOptions): DateOfBirth | undefined {
  const text = raw.trim().replace(/\.$/, '').trim();
  let match: RegExpExecArray | null;
  // ISO: 1960-01-31, 1960-01, 1960-00-00, 1960-01-31T00:00:00
  if ((match = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:T[\d:.]+Z?)?$/.exec(text))) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = match[3] === undefined ? 0 : Number(match[3]);
    if (month === 0) return yearDate(year);
    if (day === 0) return monthDate(year, month);
    return exactDate(year, month, day);
  }
  // 31/01/1960, 00/00/1960, 01.31.1960 …
  if ((match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text))) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const year = Number(match[3]);
    const [day, month] = options.slashOrder === 'mdy' ? [second, first] : [first, second];
    if (month === 0) return yearDate(year);
    if (day === 0) return monthDate(year, month);
    return exactDate(year, month, day);
  }
  // 01/1960
  if ((match = /^(\d{1,2})[/.](\d{4})$/.exec(text))) {
    const month = Number(match[1]);
    return month === 0 ? yearDate(Number(match[2])) : monthDate(Number(match[2]), month);
  }
  if ((match = /^(\d{4})$/.exec(text))) return yearDate(Number(match[1]));
  // 01 Jan 1960, 1 January 1960, 01-JAN-1960, Jan. 1960, January 1960
  if ((match = /^(?:(\d{1,2})(?:st|nd|rd|th)?[\s-]+)?([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(text))) {
    const month = MONTHS[(match[2] ?? '').toLowerCase()];
    if (month === undefined) return undefined;
    const year = Number(match[3]);
    return match[1] === undefined ? monthDate(year, month) : exactDate(year, month, Number(match[1]));
  }
  // January 31, 1960
  if ((match = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text))) {
    const month = MONTHS[(match[1] ?? '').toLowerCase()];
    if (month === undefined) return undefined;
    return exactDate(Number(match[3]), month, Number(match[2]));
  }
  return undefined;
}

/**
 * Reads a date of birth as the lists print it: "01 Jan 1960", "Jan 1960", "1960", "circa 1960", "1958 to 1962",
 * "Between 1958 and 1962", "31/01/1960", "00/00/1960", "1960-01-31". Returns undefined for anything else, so the
 * caller can record a warning and keep the text.
 */
export function parseDateOfBirth(
  raw: string | undefined | null,
  options: DateParseOptions = {},
): DateOfBirth | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  let body = text.replace(/\.$/, '');
  let approximate = false;
  const circaMatch = /^(?:circa|ca\.?|c\.|approx(?:imately|\.)?|about|around)\s+(.*)$/i.exec(body);
  if (circaMatch?.[1] !== undefined) {
    approximate = true;
    body = circaMatch[1];
  }
  const between =
    /^(?:between\s+)?(.+?)\s+(?:to|and|until|-|–)\s+(.+)$/i.exec(body) ??
    /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(body);
  if (between?.[1] !== undefined && between[2] !== undefined) {
    const low = parseSingle(between[1], options);
    const high = parseSingle(between[2], options);
    if (low === undefined || high === undefined) return undefined;
    const range = rangeDate(low, high, text);
    return range !== undefined && approximate ? circa(range, text) : range;
  }
  const single = parseSingle(body, options);
  if (single === undefined) return undefined;
  return approximate ? circa(single, text) : withText(single, text);
}
