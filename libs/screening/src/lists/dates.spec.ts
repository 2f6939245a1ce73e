import { describe, expect, it } from 'vitest';
import { parseDateOfBirth } from './dates.js';

describe(parseDateOfBirth.name, () => {
  it.each([
    ['01 Jan 1960', 'exact', '1960-01-01', '1960-01-01'],
    ['1 January 1960', 'exact', '1960-01-01', '1960-01-01'],
    ['01-JAN-1960', 'exact', '1960-01-01', '1960-01-01'],
    ['January 31, 1960', 'exact', '1960-01-31', '1960-01-31'],
    ['Feb 1960', 'month', '1960-02-01', '1960-02-29'],
    ['1960', 'year', '1960-01-01', '1960-12-31'],
    ['circa 1960', 'range', '1959-01-01', '1961-12-31'],
    ['approximately 1960', 'range', '1959-01-01', '1961-12-31'],
    ['1958 to 1962', 'range', '1958-01-01', '1962-12-31'],
    ['Between 1958 and 1962', 'range', '1958-01-01', '1962-12-31'],
    ['1958-1962', 'range', '1958-01-01', '1962-12-31'],
    ['Jan 1958 to Mar 1958', 'range', '1958-01-01', '1958-03-31'],
    ['31/01/1960', 'exact', '1960-01-31', '1960-01-31'],
    ['00/00/1960', 'year', '1960-01-01', '1960-12-31'],
    ['00/05/1960', 'month', '1960-05-01', '1960-05-31'],
    ['1960-01-31', 'exact', '1960-01-31', '1960-01-31'],
    ['1960-01', 'month', '1960-01-01', '1960-01-31'],
    ['1960-00-00', 'year', '1960-01-01', '1960-12-31'],
    ['1960-01-31T00:00:00', 'exact', '1960-01-31', '1960-01-31'],
  ])('reads "%s" as %s %s..%s', (text, kind, from, to) => {
    expect(parseDateOfBirth(text)).toEqual({ kind, from, to, text });
  });

  it('reads nn/nn/yyyy month first when asked', () => {
    expect(parseDateOfBirth('01/31/1960', { slashOrder: 'mdy' })).toMatchObject({
      kind: 'exact',
      from: '1960-01-31',
    });
  });

  it.each(['', 'unknown', '31 Feb 1961', '1960-13-01', '32/01/1960', '1962 to 1958', 'Smarch 1960'])(
    'returns undefined for "%s"',
    (text) => {
      expect(parseDateOfBirth(text)).toBeUndefined();
    },
  );
});
