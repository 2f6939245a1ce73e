/** Beijing time is UTC+8 all year (no daylight saving): the regulatory day, month and year. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface BeijingPeriods {
  /** YYYY-MM-DD of the Beijing calendar day */
  day: string;
  /** YYYY-MM */
  month: string;
  /** YYYY */
  year: string;
}

export function beijingPeriods(instant: Date): BeijingPeriods {
  const iso = new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString();
  return { day: iso.slice(0, 10), month: iso.slice(0, 7), year: iso.slice(0, 4) };
}

export function beijingHour(instant: Date): number {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).getUTCHours();
}

/** The UTC instant at which a Beijing calendar day (YYYY-MM-DD) starts. */
export function beijingDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - BEIJING_OFFSET_MS);
}
