/**
 * Line breaking for the letter, kept across letters. pdfkit's own wrapper runs Unicode line
 * breaking and measures every word again for every document, which was most of a letter's cost;
 * most of a letter's sentences are the template's and break the same way every time. Here a
 * paragraph is broken greedily at spaces (a word wider than the line is split by letters), each
 * word's width is measured once per process, and each paragraph's lines are remembered.
 */
export interface Measure {
  /** Width of `text` at font size 1, in points. */
  (font: string, text: string): number;
}

/** Bounds of the process-wide caches: a stream of unusual text must not grow them without end. */
const MAX_ENTRIES = 50_000;

function remember<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, value);
  }
  return value;
}

export class TextLines {
  private readonly widths = new Map<string, number>();
  private readonly paragraphs = new Map<string, string[]>();

  constructor(private readonly measure: Measure) {}

  /** Width of a word or line at `size`, in points. */
  width(font: string, size: number, text: string): number {
    return remember(this.widths, `${font}\u0000${text}`, () => this.measure(font, text)) * size;
  }

  /** `text` broken into lines no wider than `width` (explicit line breaks are kept). */
  lines(font: string, size: number, width: number, text: string): string[] {
    return remember(this.paragraphs, `${font}\u0000${size}\u0000${width}\u0000${text}`, () =>
      // line ends as typed on any system; tabs and other control characters have no glyph
      text
        .replace(/\r\n?/g, '\n')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
        .split('\n')
        .flatMap((hard) => this.breakLine(font, size, width, hard)),
    );
  }

  private breakLine(font: string, size: number, width: number, text: string): string[] {
    const words = text.split(/ +/).filter(Boolean);
    if (!words.length) return [''];
    const space = this.width(font, size, ' ');
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const w = this.width(font, size, word);
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= width) {
        line = word;
        lineWidth = w;
        continue;
      }
      // a word wider than the line (a long name without spaces, a URL): split it by letters
      let part = '';
      for (const ch of word) {
        if (part && this.width(font, size, part + ch) > width) {
          lines.push(part);
          part = '';
        }
        part += ch;
      }
      line = part;
      lineWidth = this.width(font, size, part);
    }
    lines.push(line);
    return lines;
  }
}
