/**
 * A faster `encode()` for fontkit's TrueType subsets, byte for byte the same as fontkit's own (a
 * unit test compares them). fontkit decodes and re-encodes the tables that never change between
 * subsets (cvt, prep, fpgm, and head, hhea, maxp but for one field each) value by value for every
 * letter; here they are copied from the font file once and patched.
 */
interface TrueTypeFont {
  loca: { version: number };
  directory: { tables: Record<string, { length: number } | undefined> };
  _getTableStream(tag: string): { readBuffer(length: number): Uint8Array } | null;
}

export interface TrueTypeSubset {
  font: TrueTypeFont;
  glyphs: number[];
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[]; version: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] };
  _addGlyph(gid: number): number;
  encode(): Uint8Array;
}

/** The subset's tables in fontkit's order. */
const ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;
const CONSTANT = ['head', 'hhea', 'maxp', 'cvt ', 'prep', 'fpgm'] as const;

const rawTables = new WeakMap<TrueTypeFont, Map<string, Buffer>>();

function raw(font: TrueTypeFont): Map<string, Buffer> {
  let tables = rawTables.get(font);
  if (!tables) {
    tables = new Map();
    for (const tag of CONSTANT) {
      const entry = font.directory.tables[tag];
      const stream = entry && font._getTableStream(tag);
      if (entry && stream) tables.set(tag, Buffer.from(stream.readBuffer(entry.length)));
    }
    rawTables.set(font, tables);
  }
  return tables;
}

export function encodeSubset(this: TrueTypeSubset): Uint8Array {
  this.glyf = [];
  this.offset = 0;
  this.loca = { offsets: [], version: this.font.loca.version };
  this.hmtx = { metrics: [], bearings: [] };
  // _addGlyph may append components of composite glyphs while we go
  for (let i = 0; i < this.glyphs.length; i++) this._addGlyph(this.glyphs[i]);
  this.loca.offsets.push(this.offset);

  const constant = raw(this.font);
  const tables = new Map<string, Buffer>();
  const head = constant.get('head');
  if (head)
    tables.set(
      'head',
      patched(head, (b) => b.writeInt16BE(this.loca.version, 50)),
    ); // indexToLocFormat
  const hhea = constant.get('hhea');
  if (hhea)
    tables.set(
      'hhea',
      patched(hhea, (b) => b.writeUInt16BE(this.hmtx.metrics.length, 34)),
    ); // numberOfMetrics
  const long = this.loca.version !== 0;
  const loca = Buffer.alloc(this.loca.offsets.length * (long ? 4 : 2));
  this.loca.offsets.forEach((o, i) => (long ? loca.writeUInt32BE(o, i * 4) : loca.writeUInt16BE(o >>> 1, i * 2)));
  tables.set('loca', loca);
  const maxp = constant.get('maxp');
  if (maxp)
    tables.set(
      'maxp',
      patched(maxp, (b) => b.writeUInt16BE(this.glyf.length, 4)),
    ); // numGlyphs
  for (const tag of ['cvt ', 'prep'] as const) if (constant.has(tag)) tables.set(tag, constant.get(tag)!);
  tables.set('glyf', Buffer.concat(this.glyf));
  const hmtx = Buffer.alloc(this.hmtx.metrics.length * 4);
  this.hmtx.metrics.forEach((m, i) => {
    hmtx.writeUInt16BE(m.advance, i * 4);
    hmtx.writeInt16BE(m.bearing, i * 4 + 2);
  });
  tables.set('hmtx', hmtx);
  if (constant.has('fpgm')) tables.set('fpgm', constant.get('fpgm')!);

  const present = ORDER.filter((tag) => tables.has(tag));
  const exponent = Math.floor(Math.log2(present.length));
  const directory = Buffer.alloc(12 + 16 * present.length);
  directory.write('true', 0, 'latin1');
  directory.writeUInt16BE(present.length, 4);
  directory.writeUInt16BE(2 ** exponent * 16, 6); // searchRange
  directory.writeUInt16BE(exponent, 8); // entrySelector
  directory.writeUInt16BE(present.length * 16 - 2 ** exponent * 16, 10); // rangeShift
  let offset = directory.length;
  present.forEach((tag, i) => {
    const at = 12 + 16 * i;
    const length = tables.get(tag)!.length;
    directory.write(tag, at, 'latin1');
    directory.writeUInt32BE(0, at + 4); // fontkit writes no checksums either
    directory.writeUInt32BE(offset, at + 8);
    directory.writeUInt32BE(length, at + 12);
    offset += length;
  });
  return Buffer.concat([directory, ...present.map((tag) => tables.get(tag)!)]);
}

function patched(bytes: Buffer, patch: (b: Buffer) => void): Buffer {
  const copy = Buffer.from(bytes);
  patch(copy);
  return copy;
}
