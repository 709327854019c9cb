import { csvField } from '../../../common/csv/csv.js';

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };
type Shape = { [key: string]: Value };
const isObject = (v: Value): v is Shape => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A row's fields as dotted column names: `{ local: { budget } }` → `local.budget`. */
function flatten(row: Shape, prefix = '', out = new Map<string, Value>()): Map<string, Value> {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix + key;
    if (isObject(value)) flatten(value, `${name}.`, out);
    else out.set(name, value);
  }
  return out;
}

/** Every field of every row in the order it first appears; a field that is an object anywhere is an object (a key keeps its first place). */
function mergeShape(shape: Shape, row: Shape): Shape {
  for (const [key, value] of Object.entries(row)) {
    if (isObject(value)) shape[key] = mergeShape(isObject(shape[key]) ? shape[key] : {}, value);
    else if (!(key in shape)) shape[key] = null;
  }
  return shape;
}

/**
 * A report's rows as CSV (RFC 4180, CRLF): nested fields become dotted columns in the order they
 * first appear; a field that is null in one row and an object in another (a fund without dollar
 * figures) gives the object's columns, left empty. Percentages (`…Percent`) keep one decimal,
 * lists are joined with spaces, text is guarded against spreadsheet formulas.
 */
export function reportCsv(rows: object[]): string {
  const flat = rows.map((r) => flatten(r as Shape));
  const columns = [...flatten(rows.reduce<Shape>((shape, r) => mergeShape(shape, r as Shape), {})).keys()];
  const cell = (name: string, v: Value): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return /Percent$/.test(name) ? v.toFixed(1) : String(v);
    if (typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return csvField(v.join(' '));
    return csvField(String(v));
  };
  return [columns.join(','), ...flat.map((f) => columns.map((c) => cell(c, f.get(c))).join(','))].join('\r\n') + '\r\n';
}
