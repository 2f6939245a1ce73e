import { describe, expect, it } from 'vitest';
import { cronProblem, timeZoneProblem } from './cron.js';

describe(cronProblem.name, () => {
  it('accepts the seeded schedules and the usual cron forms', () => {
    for (const pattern of [
      '0 1 * * *',
      '0 2 1 * *',
      '0 3 * * 1',
      '15 * * * *',
      '*/5 * * * *',
      '0 9-17/2 * * MON-FRI',
      '0 0 1,15 JAN,jul *',
      '30 23 31 12 7',
    ])
      expect(cronProblem(pattern), pattern).toBeNull();
  });

  it('names the field at fault', () => {
    expect(cronProblem('61 1 * * *')).toBe('cron minute "61": 61 is outside 0-59');
    expect(cronProblem('0 24 * * *')).toBe('cron hour "24": 24 is outside 0-23');
    expect(cronProblem('0 1 0 * *')).toBe('cron day of month "0": 0 is outside 1-31');
    expect(cronProblem('0 1 * 13 *')).toBe('cron month "13": 13 is outside 1-12');
    expect(cronProblem('0 1 * * FUNDAY')).toBe('cron day of week "FUNDAY": "FUNDAY" is not a value');
    expect(cronProblem('0 5-1 * * *')).toBe('cron hour "5-1": the range 5-1 runs backwards');
    expect(cronProblem('*/0 * * * *')).toBe('cron minute "*/0": the step /0 is out of range');
  });

  it('refuses the wrong number of fields, empty text and seconds', () => {
    expect(cronProblem('0 1 * *')).toMatch(/5 fields .* not 4/);
    expect(cronProblem('0 0 1 * * *')).toMatch(/not 6/);
    expect(cronProblem('  ')).toMatch(/cron pattern/);
    expect(cronProblem('every day')).toMatch(/not 2/);
  });
});

describe(timeZoneProblem.name, () => {
  it('accepts IANA zones and refuses others', () => {
    expect(timeZoneProblem('Asia/Shanghai')).toBeNull();
    expect(timeZoneProblem('UTC')).toBeNull();
    expect(timeZoneProblem('Mars/Olympus_Mons')).toMatch(/not a known/);
    expect(timeZoneProblem('')).toMatch(/IANA/);
  });
});
