/**
 * Money is carried as decimal strings at the edges and as integer minor units (scaled bigint) inside,
 * never as floats. Amount strings have at most 4 fraction digits; FX rates at most 8.
 */
export const DECIMAL_AMOUNT_PATTERN = /^(0|[1-9]\d{0,14})(\.\d{1,4})?$/;
export const FX_RATE_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,8})?$/;

/** Parses a non-negative decimal string into an integer scaled by 10^scale (truncation is refused). */
export function decimalToScaled(value: string, scale: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new RangeError(`not a non-negative decimal: ${value}`);
  const fraction = match[2] ?? '';
  if (fraction.length > scale) throw new RangeError(`more than ${scale} fraction digits: ${value}`);
  return BigInt(match[1] + fraction.padEnd(scale, '0'));
}

export function scaledToDecimal(value: bigint, scale: number, minFractionDigits = 2): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  if (fraction.length < minFractionDigits) fraction = fraction.padEnd(Math.min(minFractionDigits, scale), '0');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Rounds a division of scaled integers half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const denominatorAbs = denominator < 0n ? -denominator : denominator;
  if (twice >= denominatorAbs) return quotient + ((numerator < 0n) !== (denominator < 0n) ? -1n : 1n);
  return quotient;
}

/** Minor units used throughout the rules: 1 USD = 100 cents, 1 CNY = 100 fen. */
export function decimalToCents(value: string): number {
  const tenThousandths = decimalToScaled(value, 4);
  return Number(divideRounded(tenThousandths, 100n));
}

export function centsToDecimal(cents: number): string {
  return scaledToDecimal(BigInt(cents), 2, 2);
}

/**
 * FX table: units of each currency per one USD (CNY 7.20 = 7.20 CNY per USD). Conversion goes through USD.
 */
export interface FxTable {
  version: number;
  unitsPerUsd: Record<string, string>;
}

export function convertToUsdCents(value: string, currency: string, fx: FxTable): number {
  const rate = fx.unitsPerUsd[currency];
  if (rate === undefined) throw new RangeError(`no FX rate for ${currency} in FX table version ${fx.version}`);
  // amount scaled 10^4, rate scaled 10^8 → cents = amount * 10^8 / rate / 10^2
  const amount = decimalToScaled(value, 4);
  const rateScaled = decimalToScaled(rate, 8);
  return Number(divideRounded(amount * 1_000_000n, rateScaled));
}

export function convertFromUsdCents(usdCents: number, currency: string, fx: FxTable): number {
  const rate = fx.unitsPerUsd[currency];
  if (rate === undefined) throw new RangeError(`no FX rate for ${currency} in FX table version ${fx.version}`);
  return Number(divideRounded(BigInt(usdCents) * decimalToScaled(rate, 8), 100_000_000n));
}
