import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, registerDecorator, type ValidationOptions } from 'class-validator';
import { ibanProblem } from '../money/iban.js';
import { isMoneyString, toMinor } from '../money/money.js';
import { hasInvisibleCharacter } from '../text/invisible.js';
import { isCountryCode } from './country-codes.js';

export const PROGRAM_COUNTRIES = ['KZ', 'KG', 'TJ', 'TM', 'UZ'] as const;
export type ProgramCountry = (typeof PROGRAM_COUNTRIES)[number];
export const CURRENCIES = ['KZT', 'KGS', 'TJS', 'TMT', 'UZS', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const LOCAL_CURRENCY: Record<ProgramCountry, Currency> = { KZ: 'KZT', KG: 'KGS', TJ: 'TJS', TM: 'TMT', UZ: 'UZS' };

/** A decimal string with at most two decimals; positive unless `allowZero`. */
export function IsMoney(options: { allowZero?: boolean } & ValidationOptions = {}) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMoney',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a decimal string with at most 2 decimals${options.allowZero ? '' : ', greater than zero'} (e.g. "1500.00")`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => isMoneyString(value) && (options.allowZero || toMinor(value) > 0n),
      },
    });
}

export const ApiMoney = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: String, example: '1500.00', pattern: '^\\d+(\\.\\d{1,2})?$', ...options } as ApiPropertyOptions);

/** ISO 3166-1 alpha-2 code of a program country. */
export const IsProgramCountry = () =>
  applyDecorators(
    IsIn([...PROGRAM_COUNTRIES], { message: ({ property }) => `${property} must be one of ${PROGRAM_COUNTRIES.join(', ')}` }),
  );

/** A real ISO 3166-1 alpha-2 code (nationality), not only two capital letters: see country-codes.ts. */
export function IsCountryCode(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCountryCode',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 3166-1 alpha-2 country code such as "UZ"`, ...validationOptions },
      validator: { validate: (value: unknown) => isCountryCode(value) },
    });
}

export const IsCurrency = () =>
  applyDecorators(IsIn([...CURRENCIES], { message: ({ property }) => `${property} must be one of ${CURRENCIES.join(', ')}` }));

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsIsoDate(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...validationOptions },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * A name that reaches letters, bank files or CSV exports: no invisible or control characters (a
 * right-to-left override U+202E makes "Ali\u202Efdp.exe" read differently from what it is, a zero-width
 * space hides a name from a search; a line break or tab breaks a bank file's line).
 */
export function IsPlainName(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainName',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must not contain invisible or control characters (right-to-left overrides, zero-width characters, line breaks...)`,
        ...validationOptions,
      },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !hasInvisibleCharacter(value) },
    });
}

/** An IBAN (ISO 13616): capitals without spaces, check digits that pass mod 97, the country's length. */
export function IsIban(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIban',
      target: object.constructor,
      propertyName,
      options: { message: ({ value }) => `${propertyName} ${ibanProblem(value) ?? 'must be an IBAN'}`, ...validationOptions },
      validator: { validate: (value: unknown) => ibanProblem(value) === null },
    });
}
