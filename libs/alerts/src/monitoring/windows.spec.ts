import { describe, expect, it } from 'vitest';
import { completedWindows, parseWindow, windowKeyOf } from './windows.js';

describe(parseWindow.name, () => {
  it('reads Beijing hours and days', () => {
    expect(parseWindow('hourly', '2026-11-25T10')).toEqual({ key: '2026-11-25T10', start: new Date('2026-11-25T02:00:00Z'), end: new Date('2026-11-25T03:00:00Z') });
    expect(parseWindow('daily', '2026-11-25')).toEqual({ key: '2026-11-25', start: new Date('2026-11-24T16:00:00Z'), end: new Date('2026-11-25T16:00:00Z') });
  });
  it('refuses malformed windows with the field path', () => {
    expect(() => parseWindow('daily', '2026-13-01')).toThrow(/not a daily window/);
    expect(() => parseWindow('hourly', '2026-11-25')).toThrow(/not a hourly window/);
  });
  it('lists the complete windows before now, oldest first', () => {
    const now = new Date('2026-11-25T02:30:00Z'); // 10:30 Beijing
    expect(windowKeyOf('daily', now)).toBe('2026-11-25');
    expect(completedWindows('hourly', now, 2).map((window) => window.key)).toEqual(['2026-11-25T08', '2026-11-25T09']);
    expect(completedWindows('daily', now, 1).map((window) => window.key)).toEqual(['2026-11-24']);
  });
});
