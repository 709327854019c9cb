import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.js';

const error = (property: string, children: ValidationError[] = [], constraints?: Record<string, string>): ValidationError => ({
  property,
  children,
  constraints,
});

describe('flattenValidationErrors', () => {
  it('names nested fields with dotted paths and says plainly which fields are not accepted', () => {
    const errors = [
      error('items', [error('0', [error('amount', [], { isMoney: 'amount must be a decimal string' })])]),
      error('extra', [], { whitelistValidation: 'property extra should not exist' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'items.0.amount', message: 'amount must be a decimal string' },
      { field: 'extra', message: 'extra is not an accepted field' },
    ]);
  });

  it('flattens the errors of a 200,000-item array without overflowing the stack', () => {
    // found by the fuzz test: `bankAccount: [{}, {}, …]` in a 1 MB body was a 500
    const items = Array.from({ length: 200_000 }, (_, i) => error(String(i), [], { isObject: 'must be an object' }));
    const flat = flattenValidationErrors([error('bankAccount', items)]);
    expect(flat).toHaveLength(200_000);
    expect(flat[199_999]).toEqual({ field: 'bankAccount.199999', message: 'must be an object' });
  });
});
