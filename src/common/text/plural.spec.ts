import { describe, expect, it } from '@jest/globals';
import { count } from './plural.js';

describe('count', () => {
  it('says one thing in the singular, any other number in the plural', () => {
    expect(count(1, 'problem')).toBe('1 problem');
    expect(count(2, 'problem')).toBe('2 problems');
    expect(count(0, 'problem')).toBe('0 problems');
    expect(count(101, 'field')).toBe('101 fields');
  });

  it('takes an irregular plural', () => {
    expect(count(1, 'child', 'children')).toBe('1 child');
    expect(count(3, 'child', 'children')).toBe('3 children');
  });
});
