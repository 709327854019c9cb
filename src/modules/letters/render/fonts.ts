import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { encodeSubset, type TrueTypeSubset } from './subset-encoder.js';

/**
 * DejaVu Sans (regular and bold), embedded in every letter so Kazakh, Kyrgyz, Tajik and Uzbek
 * letters render on any reader. Read and parsed once per process (pdfkit accepts a parsed font),
 * and the shaping of each word is kept across letters: most words of a letter are the template's,
 * and shaping them again for every letter cost more than the rest of the layout.
 */
export interface LetterFonts {
  regular: PdfkitFont;
  bold: PdfkitFont;
}

/** What pdfkit needs of a font object: fontkit's font, with `layout`. */
interface PdfkitFont {
  readonly unitsPerEm: number;
  layout(text: string, features?: unknown): GlyphRun;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface GlyphRun {
  glyphs: { id: number; advanceWidth: number }[];
  positions: Position[];
  readonly advanceWidth: number;
}

/** Words shaped once per process; the bound keeps a stream of unusual text from growing it without end. */
const MAX_CACHED_RUNS = 50_000;

function withLayoutCache(font: PdfkitFont): PdfkitFont {
  const runs = new Map<string, { glyphs: GlyphRun['glyphs']; positions: Position[] }>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    const key = features ? `${JSON.stringify(features)}\u0000${text}` : text;
    let run = runs.get(key);
    if (!run) {
      const shaped = font.layout(text, features);
      run = {
        glyphs: shaped.glyphs,
        positions: shaped.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })),
      };
      if (runs.size >= MAX_CACHED_RUNS) runs.clear();
      runs.set(key, run);
    }
    // pdfkit scales the positions it gets in place: every caller gets its own copy
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const p of positions) width += p.xAdvance;
        return width;
      },
    };
  };
  return new Proxy(font as object, {
    get(target, property, receiver) {
      if (property === 'layout') return layout;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as PdfkitFont;
}

interface FontkitFont extends PdfkitFont {
  getGlyph(id: number, codePoints?: number[]): { _decode(): unknown; codePoints: number[] };
  createSubset(): TrueTypeSubset;
}

/** Subsets of the font encode with `encodeSubset` (the same bytes as fontkit's, without re-encoding the constant tables). */
function withFastSubsets(font: FontkitFont): FontkitFont {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    subset.encode = encodeSubset;
    return subset;
  };
  return font;
}

/**
 * fontkit decodes a glyph's outline every time a letter's subset includes it, only to learn whether
 * the glyph is composite; the glyph objects live as long as the font, so the decoding can too.
 *
 * fontkit also keeps the characters of a glyph from whoever asked for it first. With one font for
 * many letters, a subset may ask first, for a component without characters (DejaVu builds Cyrillic
 * о, р, с from Latin o, p, c); pdfkit's text map would then lose those letters in every later
 * letter, so characters given later fill in what is missing.
 */
function withDecodedGlyphs(font: FontkitFont): FontkitFont {
  const getGlyph = font.getGlyph.bind(font);
  const patched = new WeakSet<object>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (codePoints?.length && !glyph.codePoints?.length) glyph.codePoints = codePoints;
    if (!patched.has(glyph)) {
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | null = null;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
      patched.add(glyph);
    }
    return glyph;
  };
  return font;
}

function openFont(file: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): PdfkitFont {
  const font = withLayoutCache(withFastSubsets(withDecodedGlyphs(fontkit.create(fontFile(file)) as FontkitFont)));
  sharedRuns.set(font, new Map());
  return font;
}

/** Shaped and scaled words of our fonts, shared by every letter. */
const sharedRuns = new WeakMap<object, Map<string, unknown>>();

interface EmbeddedFontLike {
  font: object;
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
}

/**
 * pdfkit keeps the words it shaped for one document only (EmbeddedFont.layoutCached); for our fonts
 * the cache is kept for the process, since the scaled result depends on the font alone. Called with
 * a document that has one of our fonts selected; patches pdfkit's class once, leaving other fonts
 * as they were.
 */
export function shareShapedWords(doc: { _font?: unknown }): void {
  const proto = Object.getPrototypeOf(doc._font) as EmbeddedFontLike & { efShared?: boolean };
  if (proto.efShared) return;
  const original = proto.layoutCached;
  proto.layoutCached = function (this: EmbeddedFontLike, text: string) {
    const runs = sharedRuns.get(this.font);
    if (!runs) return original.call(this, text);
    let run = runs.get(text);
    if (run === undefined) {
      const scaled = this.layoutRun(text) as { glyphs: unknown; positions: unknown; advanceWidth: number };
      run = { glyphs: scaled.glyphs, positions: scaled.positions, advanceWidth: scaled.advanceWidth }; // the width once, not summed on every read
      if (runs.size >= MAX_CACHED_RUNS) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
  proto.efShared = true;
}

let cached: LetterFonts | null = null;

export function fontFile(name: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): Buffer {
  return readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`));
}

export function letterFonts(): LetterFonts {
  cached ??= {
    regular: openFont('DejaVuSans.ttf'),
    bold: openFont('DejaVuSans-Bold.ttf'),
  };
  return cached;
}
