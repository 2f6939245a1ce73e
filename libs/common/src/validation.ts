import { type ValidationError as ClassValidatorError } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { IsISO31661Alpha2, IsISO4217CurrencyCode, Matches } from 'class-validator';
import { DECIMAL_AMOUNT_PATTERN } from './money.js';
import { ValidationError, type ErrorDetail } from './errors.js';

/** Repeated validators live once here. */
export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code, e.g. CN' }));

export const IsCurrencyCode = (): PropertyDecorator =>
  applyDecorators(IsISO4217CurrencyCode({ message: '$property must be an ISO 4217 currency code, e.g. CNY' }));

export const IsDecimalAmount = (): PropertyDecorator =>
  applyDecorators(
    Matches(DECIMAL_AMOUNT_PATTERN, {
      message: '$property must be a decimal string with at most 4 fraction digits, e.g. "268.00"',
    }),
  );

/** Flattens class-validator's tree into `{path, message}` pairs with dotted paths (payer.nationality). */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      details.push({ path, message: message.replace(error.property, path) });
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, path));
  }
  return details;
}

export function toValidationError(errors: ClassValidatorError[]): ValidationError {
  const details = flattenValidationErrors(errors);
  return new ValidationError(`Request validation failed: ${details.map((detail) => detail.path).join(', ')}`, details);
}
