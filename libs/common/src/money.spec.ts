import { describe, expect, it } from 'vitest';
import { centsToDecimal, convertFromUsdCents, convertToUsdCents, decimalToCents, decimalToScaled } from './money.js';

const fx = { version: 1, unitsPerUsd: { USD: '1', CNY: '7.20', KRW: '1380' } };

describe('money', () => {
  it('converts CNY to USD cents through the FX table, rounding half up', () => {
    expect(convertToUsdCents('268.00', 'CNY', fx)).toBe(3722);
    expect(convertToUsdCents('7.20', 'CNY', fx)).toBe(100);
    expect(convertToUsdCents('13800', 'KRW', fx)).toBe(1000);
  });

  it('converts USD cents back to another currency', () => {
    expect(convertFromUsdCents(100, 'CNY', fx)).toBe(720);
  });

  it('refuses currencies missing from the table', () => {
    expect(() => convertToUsdCents('1', 'XYZ', fx)).toThrow(/no FX rate for XYZ/);
  });

  it('parses decimal strings exactly and formats cents', () => {
    expect(decimalToScaled('0.1', 4)).toBe(1000n);
    expect(decimalToCents('10.005')).toBe(1001);
    expect(centsToDecimal(123456)).toBe('1234.56');
    expect(() => decimalToScaled('1e5', 4)).toThrow();
  });
});
