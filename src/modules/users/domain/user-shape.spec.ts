import { describe, expect, it } from '@jest/globals';
import { checkUserShape } from './user-shape.js';

const org = '6f1c2a2e-9c3e-4c55-8a55-0a0a0a0a0a0a';

describe('checkUserShape', () => {
  it('accepts the valid shapes', () => {
    expect(checkUserShape('ngo', org, [])).toEqual([]);
    expect(checkUserShape('officer', null, ['KZ'])).toEqual([]);
    expect(checkUserShape('officer', org, ['KZ', 'KG'])).toEqual([]);
    expect(checkUserShape('admin', null, [])).toEqual([]);
  });

  it('names every wrong field', () => {
    expect(checkUserShape('ngo', null, ['KZ']).map((p) => p.field)).toEqual(['organisationId', 'countries']);
    expect(checkUserShape('officer', null, []).map((p) => p.field)).toEqual(['countries']);
    expect(checkUserShape('finance', org, ['KZ']).map((p) => p.field)).toEqual(['organisationId', 'countries']);
  });
});
