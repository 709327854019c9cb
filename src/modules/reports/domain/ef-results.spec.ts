import { describe, expect, it } from '@jest/globals';
import { type Cell, efResultsRows, efResultsRowsByGroup } from './ef-results.js';
import { percent } from './percent.js';

describe('percent', () => {
  it('rounds to one decimal, half away from zero, from integers', () => {
    expect(percent(104, 298)).toBe(34.9);
    expect(percent(194, 298)).toBe(65.1);
    expect(percent(298, 551)).toBe(54.1);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(percent(-1, 16)).toBe(-6.3);
    expect(percent(3, 3)).toBe(100);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('efResultsRows', () => {
  const cells: Cell[] = [
    { country: 'KG', category: 'VM', sex: 'male', count: 3 },
    { country: 'KZ', category: 'VM', sex: 'female', count: 107 },
    { country: 'KZ', category: 'VOT', sex: 'male', count: 194 },
    { country: 'KZ', category: 'VOT', sex: 'female', count: 104 },
    { country: 'KZ', category: 'VM', sex: 'male', count: 146 },
  ];

  it('orders program countries, then VOT, VM, OTHER, with a total per country and a grand total', () => {
    expect(efResultsRows(cells).map((r) => `${r.country}/${r.category}`)).toEqual([
      'KZ/VOT',
      'KZ/VM',
      'KZ/ALL',
      'KG/VM',
      'KG/ALL',
      'ALL/ALL',
    ]);
  });

  it('reproduces the documented program table for Kazakhstan', () => {
    const [vot, vm, all] = efResultsRows(cells);
    expect(vot).toEqual({
      country: 'KZ',
      category: 'VOT',
      female: 104,
      male: 194,
      other: 0,
      undisclosed: 0,
      total: 298,
      femalePercent: 34.9,
      malePercent: 65.1,
      shareOfCountryPercent: 54.1,
    });
    expect(vm).toMatchObject({ total: 253, femalePercent: 42.3, malePercent: 57.7, shareOfCountryPercent: 45.9 });
    expect(all).toMatchObject({ female: 211, male: 340, total: 551, femalePercent: 38.3, malePercent: 61.7, shareOfCountryPercent: 100 });
  });

  it('has just the grand total row when there is nothing to count', () => {
    expect(efResultsRows([])).toEqual([
      {
        country: 'ALL',
        category: 'ALL',
        female: 0,
        male: 0,
        other: 0,
        undisclosed: 0,
        total: 0,
        femalePercent: 0,
        malePercent: 0,
        shareOfCountryPercent: 0,
      },
    ]);
  });
});

describe('efResultsRowsByGroup', () => {
  it('gives every group in order its own table, an empty group its zero total', () => {
    const rows = efResultsRowsByGroup(
      [
        { group: 'foreign', country: 'KZ', category: 'VOT', sex: 'female', count: 2 },
        { group: 'disability', country: 'KZ', category: 'VM', sex: 'male', count: 1 },
        { group: 'disability', country: 'KG', category: 'VM', sex: 'female', count: 3 },
      ],
      'flag',
    );
    expect(rows.map((r) => `${r.group}:${r.country}/${r.category}=${r.total}`)).toEqual([
      'disability:KZ/VM=1',
      'disability:KZ/ALL=1',
      'disability:KG/VM=3',
      'disability:KG/ALL=3',
      'disability:ALL/ALL=4',
      'gbv_survivor:ALL/ALL=0',
      'foreign:KZ/VOT=2',
      'foreign:KZ/ALL=2',
      'foreign:ALL/ALL=2',
    ]);
  });
});
