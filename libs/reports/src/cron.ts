/**
 * Checks a five-field cron pattern (minute hour day-of-month month day-of-week) before it reaches BullMQ, so an
 * officer gets a message naming the part at fault instead of a scheduler that never fires. Accepted per field:
 * `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, lists of these with commas; month and day-of-week also
 * take English names (JAN, MON); day-of-week 0 and 7 are Sunday.
 */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
    offset: 1,
  },
  {
    name: 'day of week',
    min: 0,
    max: 7,
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
    offset: 0,
  },
] as const;

export const CRON_MAX_LENGTH = 120;

/** Null when the pattern is acceptable, else what is wrong with it, in words. */
export function cronProblem(pattern: string): string | null {
  if (typeof pattern !== 'string' || pattern.trim() === '')
    return 'cron must be a cron pattern such as "0 1 * * *"';
  if (pattern.length > CRON_MAX_LENGTH) return `cron must be at most ${CRON_MAX_LENGTH} characters`;
  const parts = pattern.trim().split(/\s+/);
  if (parts.length !== 5)
    return `cron must have 5 fields (minute hour day-of-month month day-of-week), not ${parts.length}`;
  for (const [index, field] of FIELDS.entries()) {
    const problem = fieldProblem(parts[index], field);
    if (problem) return `cron ${field.name} "${parts[index]}": ${problem}`;
  }
  return null;
}

function fieldProblem(
  text: string,
  field: { min: number; max: number; names?: readonly string[]; offset?: number },
): string | null {
  const value = (token: string): number | null => {
    if (/^\d{1,2}$/.test(token)) return Number(token);
    const position = field.names?.indexOf(token.toUpperCase()) ?? -1;
    return position >= 0 ? position + (field.offset ?? 0) : null;
  };
  for (const item of text.split(',')) {
    const match = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(item);
    if (!match) return `"${item}" is not *, a value, a range or a step`;
    const [, base, step] = match;
    if (base !== '*') {
      const bounds = base.split('-');
      if (bounds.length > 2) return `"${base}" is not a value or a range`;
      const numbers = bounds.map(value);
      if (numbers.some((number) => number === null)) return `"${base}" is not a value`;
      const [low, high] = [numbers[0]!, numbers[bounds.length - 1]!];
      for (const number of [low, high])
        if (number < field.min || number > field.max) return `${number} is outside ${field.min}-${field.max}`;
      if (low > high) return `the range ${base} runs backwards`;
    }
    if (step !== undefined && (Number(step) < 1 || Number(step) > field.max))
      return `the step /${step} is out of range`;
  }
  return null;
}

/** Null when the IANA time zone is known to this runtime (Asia/Shanghai, UTC …), else the problem. */
export function timeZoneProblem(timeZone: string): string | null {
  if (typeof timeZone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(timeZone))
    return 'timezone must be an IANA time zone such as Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return null;
  } catch {
    return `timezone ${timeZone} is not a known IANA time zone`;
  }
}
