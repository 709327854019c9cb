import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import * as fontkit from 'fontkit';
import { fontFile } from './fonts.js';
import { encodeSubset, type TrueTypeSubset } from './subset-encoder.js';

/** The part of fontkit's TTFFont and TTFSubset these tests use. */
interface Subset {
  glyphs: number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}
interface Font {
  loca: { version: number };
  glyphsForString(text: string): { id: number }[];
  createSubset(): Subset;
}

type FontName = 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf';
const open = (name: FontName): Font => fontkit.create(fontFile(name)) as Font;

const TEXTS = {
  latin: 'Award letter: The fund has approved the assistance below.',
  russian: 'Письмо о предоставлении помощи. Фонд экстренной помощи; Ёё Щщ Ъъ',
  kazakh: 'ӘҒҚҢӨҰҮҺІ әғқңөұүһі',
  tajik: 'ӢӮҲҶ ӣӯҳҷ',
  uzbek: 'Oʻzbekiston, oʻgʻil, Gʻ',
  accented: 'ÀÉÖÑ àéöñ ÇÅØ Ł ő',
  digits: '0123456789 1 500 000,50 №',
  signs: '«»—–·§ ₸ € $ % @ / https://example.org/v/7K3Q-F9ZX',
  mixed: 'Award number · Номер решения · ӘҒҚ · Oʻgʻ · 1,500,000.50 · ÀÉÖÑ',
};

function subsetOf(font: Font, text: string): Subset {
  const subset = font.createSubset();
  for (const glyph of font.glyphsForString(text)) subset.includeGlyph(glyph.id);
  return subset;
}

const fast = (subset: Subset): Buffer => Buffer.from(encodeSubset.call(subset as unknown as TrueTypeSubset));
const fontkits = (subset: Subset): Buffer => Buffer.from(subset.encode());

describe.each<FontName>(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'])('encodeSubset with %s', (name) => {
  const font = open(name);

  it('has a glyph of its own for every character of the texts', () => {
    for (const text of Object.values(TEXTS)) expect(font.glyphsForString(text).map((g) => g.id)).not.toContain(0);
  });

  it.each(Object.entries(TEXTS))('writes the same bytes as fontkit for %s text', (_label, text) => {
    const ours = fast(subsetOf(font, text));
    const theirs = fontkits(subsetOf(font, text));
    expect(ours.length).toBeGreaterThan(12);
    expect(ours.equals(theirs)).toBe(true);
  });

  it('writes the same bytes for the missing glyph alone', () => {
    expect(fast(font.createSubset()).equals(fontkits(font.createSubset()))).toBe(true);
  });

  it('writes the same bytes for glyphs in any order', () => {
    const text = `${TEXTS.mixed}${TEXTS.kazakh}`;
    const ids = [...new Set(font.glyphsForString(text).map((g) => g.id))].reverse();
    const build = () => {
      const subset = font.createSubset();
      for (const id of ids) subset.includeGlyph(id);
      return subset;
    };
    expect(fast(build()).equals(fontkits(build()))).toBe(true);
  });

  it('includes the components of composite glyphs, as fontkit does', () => {
    const ours = subsetOf(font, TEXTS.accented);
    const theirs = subsetOf(font, TEXTS.accented);
    const included = ours.glyphs.length;
    const bytes = fast(ours);
    expect(bytes.equals(fontkits(theirs))).toBe(true);
    expect(ours.glyphs.length).toBeGreaterThan(included); // the accents and base letters were added while encoding
    expect(ours.glyphs).toEqual(theirs.glyphs);
  });

  it('writes the same bytes when encoding a subset again', () => {
    const subset = subsetOf(font, TEXTS.mixed);
    const first = fast(subset);
    expect(fast(subset).equals(first)).toBe(true);
    expect(fontkits(subset).equals(first)).toBe(true);
  });

  it('works as the subset’s own encode, before fontkit read any table of a fresh font', () => {
    const fresh = open(name);
    const subset = subsetOf(fresh, TEXTS.russian);
    subset.encode = encodeSubset as unknown as () => Uint8Array;
    const ours = Buffer.from(subset.encode());
    const theirs = fontkits(subsetOf(open(name), TEXTS.russian));
    expect(ours.equals(theirs)).toBe(true);
    // and fontkit still reads the font correctly after encodeSubset read its tables
    expect(fontkits(subsetOf(fresh, TEXTS.kazakh)).equals(fast(subsetOf(fresh, TEXTS.kazakh)))).toBe(true);
  });

  it('writes a TrueType directory of the nine tables a PDF needs', () => {
    const bytes = fast(subsetOf(font, TEXTS.latin));
    expect(bytes.toString('latin1', 0, 4)).toBe('true');
    const count = bytes.readUInt16BE(4);
    const tags = Array.from({ length: count }, (_, i) => bytes.toString('latin1', 12 + 16 * i, 16 + 16 * i));
    expect(tags).toEqual(['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm']);
    expect([bytes.readUInt16BE(6), bytes.readUInt16BE(8), bytes.readUInt16BE(10)]).toEqual([128, 3, 16]); // searchRange, entrySelector, rangeShift for 9 tables
  });
});

describe('encodeSubset beyond the two letter fonts', () => {
  const other = (name: string): Font =>
    fontkit.create(readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`))) as Font;

  it('writes the same bytes for a font with short loca offsets (DejaVu Sans ExtraLight)', () => {
    const font = other('DejaVuSans-ExtraLight.ttf');
    expect(font.loca.version).toBe(0);
    for (const text of Object.values(TEXTS)) expect(fast(subsetOf(font, text)).equals(fontkits(subsetOf(font, text)))).toBe(true);
  });

  it('writes the same bytes for a font without fpgm and prep (DejaVu Math TeX Gyre)', () => {
    const font = other('DejaVuMathTeXGyre.ttf');
    const bytes = fast(subsetOf(font, TEXTS.mixed));
    expect(bytes.equals(fontkits(subsetOf(font, TEXTS.mixed)))).toBe(true);
    expect(bytes.readUInt16BE(4)).toBe(7);
    for (const text of Object.values(TEXTS)) expect(fast(subsetOf(font, text)).equals(fontkits(subsetOf(font, text)))).toBe(true);
  });
});
