import { describe, expect, it } from '@jest/globals';
import { TextLines } from './text-lines.js';

/** Every character is one point wide at size 1; counts what it is asked to measure. */
function counting() {
  const calls = new Map<string, number>();
  const measure = (font: string, text: string) => {
    const key = `${font}|${text}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return [...text].length;
  };
  return { lines: new TextLines(measure), calls };
}

const SENTENCE = 'The fund has approved the assistance below, requested by the organisation for the beneficiary.';

describe('TextLines.lines', () => {
  it('breaks greedily at spaces, keeping words whole', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 1, 10, 'aaa bbb ccc dddd e')).toEqual(['aaa bbb', 'ccc dddd e']);
    expect(lines.lines('regular', 1, 7, 'aaa bbb ccc')).toEqual(['aaa bbb', 'ccc']);
    expect(lines.lines('regular', 1, 6, 'aaa bbb ccc')).toEqual(['aaa', 'bbb', 'ccc']);
  });

  it('never makes a line wider than the width, and loses no word', () => {
    const { lines } = counting();
    const words = SENTENCE.split(' ');
    for (let width = 12; width <= 100; width++) {
      // the longest word is 12 wide
      const result = lines.lines('regular', 1, width, SENTENCE);
      for (const line of result) expect(line.length).toBeLessThanOrEqual(width);
      expect(result.join(' ').split(' ')).toEqual(words);
      // greedy: the next line's first word would not have fitted on this one
      for (let i = 0; i + 1 < result.length; i++) expect(result[i].length + 1 + result[i + 1].split(' ')[0].length).toBeGreaterThan(width);
    }
  });

  it('splits a word wider than the line by characters', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 1, 4, 'abcdefghij')).toEqual(['abcd', 'efgh', 'ij']);
    expect(lines.lines('regular', 1, 5, 'to https://example.org/v/7K3Q so')).toEqual([
      'to',
      'https',
      '://ex',
      'ample',
      '.org/',
      'v/7K3',
      'Q so',
    ]);
    expect(lines.lines('regular', 1, 3, 'ӘҒҚҢӨҰҮҺІ')).toEqual(['ӘҒҚ', 'ҢӨҰ', 'ҮҺІ']);
  });

  it('keeps explicit line breaks, also empty lines', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 1, 20, 'first line\nsecond line')).toEqual(['first line', 'second line']);
    expect(lines.lines('regular', 1, 20, 'a\n\nb')).toEqual(['a', '', 'b']);
    expect(lines.lines('regular', 1, 5, 'aaa bbb\nc')).toEqual(['aaa', 'bbb', 'c']);
  });

  it('reads Windows and old Mac line ends as line breaks, and tabs and control characters as spaces', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 1, 20, 'one\r\ntwo\rthree')).toEqual(['one', 'two', 'three']);
    expect(lines.lines('regular', 1, 20, 'a\tb\u0007c')).toEqual(['a b c']);
  });

  it('gives one empty line for empty or blank text', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 1, 10, '')).toEqual(['']);
    expect(lines.lines('regular', 1, 10, '   ')).toEqual(['']);
  });

  it('ignores repeated, leading and trailing spaces', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 1, 20, '  a   b  ')).toEqual(['a b']);
  });

  it('breaks at the width in points, at the font size', () => {
    const { lines } = counting();
    expect(lines.lines('regular', 2, 20, 'aaaa bbbb cc')).toEqual(['aaaa bbbb', 'cc']); // 8 + 2 + 8 = 18, then 18 + 2 + 4 > 20
    expect(lines.lines('regular', 2, 17, 'aaaa bbbb cc')).toEqual(['aaaa', 'bbbb cc']);
    expect(lines.lines('regular', 0.5, 5, 'aaaa bbbb cc')).toEqual(['aaaa bbbb', 'cc']); // 2 + 0.5 + 2, then 4.5 + 0.5 + 1 > 5
    expect(lines.lines('regular', 0.5, 4, 'aaaa bbbb cc')).toEqual(['aaaa', 'bbbb cc']);
  });

  it('measures each distinct word once, across paragraphs, widths and sizes', () => {
    const { lines, calls } = counting();
    lines.lines('regular', 1, 12, 'one two three two one');
    lines.lines('regular', 1, 30, 'three one four');
    lines.lines('regular', 2, 12, 'four two one');
    lines.lines('regular', 1, 12, 'one two three two one');
    expect([...calls.keys()].sort()).toEqual(['regular| ', 'regular|four', 'regular|one', 'regular|three', 'regular|two']);
    for (const count of calls.values()) expect(count).toBe(1);
  });

  it('measures the same word again for another font', () => {
    const { lines, calls } = counting();
    lines.lines('regular', 1, 20, 'Total awarded');
    lines.lines('bold', 1, 20, 'Total awarded');
    lines.lines('bold', 1, 20, 'awarded');
    expect(calls.get('regular|Total')).toBe(1);
    expect(calls.get('bold|Total')).toBe(1);
    expect(calls.get('bold|awarded')).toBe(1);
    expect(calls.size).toBe(6);
  });

  it('remembers a paragraph: the same text asks nothing new', () => {
    const { lines, calls } = counting();
    const first = lines.lines('regular', 1, 25, SENTENCE);
    const measured = calls.size;
    expect(lines.lines('regular', 1, 25, SENTENCE)).toEqual(first);
    expect(calls.size).toBe(measured);
    for (const count of calls.values()) expect(count).toBe(1);
  });
});

describe('TextLines.width', () => {
  it('scales the width at size 1 with the size', () => {
    const { lines, calls } = counting();
    expect(lines.width('regular', 1, 'abcd')).toBe(4);
    expect(lines.width('regular', 12, 'abcd')).toBe(48);
    expect(lines.width('regular', 0.5, 'abcd')).toBe(2);
    expect(lines.width('regular', 10, '')).toBe(0);
    expect(calls.get('regular|abcd')).toBe(1);
  });

  it('uses the measure it was given', () => {
    const lines = new TextLines((font, text) => (font === 'bold' ? 0.6 : 0.5) * text.length);
    expect(lines.width('regular', 10, 'abcd')).toBe(20);
    expect(lines.width('bold', 10, 'abcd')).toBeCloseTo(24);
  });
});
