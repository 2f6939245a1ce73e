import { DomainError } from '@app/common';
import type { MonitoringRuleId } from './monitoring-rule.js';

/**
 * Monitoring windows, in Beijing time (UTC+8, the regulatory day): an hour `YYYY-MM-DDTHH` for the hourly
 * rule (R08), a calendar day `YYYY-MM-DD` for the daily ones.
 */
export type Cadence = 'hourly' | 'daily';

export const RULE_CADENCE: Record<MonitoringRuleId, Cadence> = { R08: 'hourly', R11: 'daily', R12: 'daily', R17: 'daily', R19: 'daily', R20: 'daily' };

const OFFSET_MS = 8 * 3_600_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface MonitoringWindow {
  key: string;
  start: Date;
  end: Date;
}

export function parseWindow(cadence: Cadence, key: string): MonitoringWindow {
  const pattern = cadence === 'hourly' ? /^(\d{4}-\d{2}-\d{2})T(\d{2})$/ : /^(\d{4}-\d{2}-\d{2})$/;
  const match = pattern.exec(key);
  const start = match ? Date.parse(`${match[1]}T${match[2] ?? '00'}:00:00.000Z`) - OFFSET_MS : Number.NaN;
  if (!match || Number.isNaN(start) || windowKeyOf(cadence, new Date(start)) !== key) {
    const example = cadence === 'hourly' ? '2026-11-25T10' : '2026-11-25';
    throw new DomainError('VALIDATION_FAILED', `"${key}" is not a ${cadence} window`, [{ path: 'window', message: `window must look like ${example} (Beijing time)` }]);
  }
  return { key, start: new Date(start), end: new Date(start + (cadence === 'hourly' ? HOUR_MS : DAY_MS)) };
}

/** The key of the window containing this instant. */
export function windowKeyOf(cadence: Cadence, instant: Date): string {
  const beijing = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return cadence === 'hourly' ? beijing.slice(0, 13) : beijing.slice(0, 10);
}

/** The last `count` complete windows before `now`, oldest first (a missed run is caught up by the next). */
export function completedWindows(cadence: Cadence, now: Date, count: number): MonitoringWindow[] {
  const size = cadence === 'hourly' ? HOUR_MS : DAY_MS;
  const current = parseWindow(cadence, windowKeyOf(cadence, now));
  const windows: MonitoringWindow[] = [];
  for (let back = count; back >= 1; back -= 1) windows.push(parseWindow(cadence, windowKeyOf(cadence, new Date(current.start.getTime() - back * size))));
  return windows;
}
