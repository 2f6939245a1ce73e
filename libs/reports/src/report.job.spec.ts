import { describe, expect, it } from 'vitest';
import { periodOfJob, scheduledAt } from './report.job.js';

describe(periodOfJob.name, () => {
  it('takes the period of a scheduled run from the time in its scheduler job id, so a retry reports the same period', () => {
    const due = Date.parse('2026-11-26T01:00:00+08:00');
    const job = {
      id: `repeat:report-ltr-daily:${due}`,
      timestamp: due - 86_400_000,
      opts: {},
      data: { type: 'LTR', schedule: 'ltr-daily' },
    };
    expect(scheduledAt(job)).toEqual(new Date(due));
    expect(periodOfJob(job)).toEqual({ type: 'LTR', period: '2026-11-25' });
  });

  it('uses the period of a requested run as given, and refuses an unknown type', () => {
    expect(
      periodOfJob({
        id: 'report-ltr-2026-11-20',
        timestamp: Date.now(),
        opts: {},
        data: { type: 'LTR', period: '2026-11-20' },
      }),
    ).toEqual({ type: 'LTR', period: '2026-11-20' });
    expect(() => periodOfJob({ id: 'x', timestamp: Date.now(), opts: {}, data: { type: 'STR' } })).toThrow(
      /Unknown report type/,
    );
  });
});
