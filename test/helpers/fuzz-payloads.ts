import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { minimalPdf, sampleJpeg, samplePng } from './sample-files.js';

/**
 * Arbitraries for the fuzz test (test/fuzz.e2e-spec.ts): request bodies built from the OpenAPI
 * schemas, valid-looking (right names and types, edge values) and hostile (wrong types, deep
 * nesting, huge strings, Unicode edge cases, prototype keys, SQL and script fragments).
 *
 * Bodies are JSON values that JSON.stringify cannot always write: a number such as 1e309 (which
 * JSON.parse reads as Infinity), and objects with an own `__proto__` key or a key twice. So they are
 * built as a small tree (`RawJson`, `JsonObject`) and written by `toJsonText`.
 */

/** JSON text written as is: numbers JavaScript cannot hold, nesting too deep to build as a tree. */
class RawJson {
  constructor(readonly text: string) {}
}

/** An object as a list of entries, so `__proto__` is a real own key and keys may repeat. */
export class JsonObject {
  constructor(readonly entries: readonly (readonly [string, Json])[]) {}
}

export type Json = null | boolean | number | string | RawJson | JsonObject | readonly Json[];

/** JSON text of the tree; strings go through JSON.stringify, which writes a lone surrogate as `\ud800`. */
export function toJsonText(value: Json): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  return JSON.stringify(value);
}

/** The part of an OpenAPI schema object the generators read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
}

export interface FuzzContext {
  components: Record<string, Schema>;
  /** Ids of real records, offered for every UUID field so bodies reach the service's own checks. */
  knownIds: readonly string[];
  /** The real ids that fit a field, by its name (`beneficiaryId`), for bodies meant to be accepted. */
  idsFor?: Record<string, readonly string[]>;
}

/** Follows `$ref` and merges `allOf` (Nest writes a nested DTO with a description as `allOf: [$ref]`). */
function resolveSchema(schema: Schema, components: Record<string, Schema>): Schema {
  if (schema.$ref) {
    const target = components[schema.$ref.split('/').pop()!];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolveSchema(target, components);
  }
  if (schema.allOf?.length) {
    const { allOf, ...rest } = schema;
    const merged = allOf.map((s) => resolveSchema(s, components)).reduce((a, b) => ({ ...a, ...b }), {});
    return { ...merged, ...rest };
  }
  return schema;
}

// ---------------------------------------------------------------------------------------------
// String and number pools

const SQL_FRAGMENTS = [
  "' OR 1=1 --",
  "'; DROP TABLE award; --",
  "1'); DELETE FROM fund; --",
  '" OR ""="',
  "x' UNION SELECT password_hash FROM app_user --",
  '1; SELECT pg_sleep(10)',
  '$1',
  "E'\\\\x00'",
  '%',
  '_',
];

const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  "=cmd|' /C calc'!A0",
  '+SUM(1,1)',
  '@SUM(1+1)',
  '-2+3',
];

const FORMAT_STRINGS = ['%s%s%s%n', '%x%x%x%x', '%d', '{0}', '%1$s', '%'];

const UNICODE_EDGES = [
  '',
  ' ',
  '   padded   ',
  '\u202eRTL override gpj.exe',
  'zero\u200bwidth\u200djoiner\u2060',
  '\ufeffbyte order mark',
  'e\u0301\u0301\u0301\u0301',
  '😀👩‍👩‍👧‍👦🇰🇿',
  '\ud800',
  'lone \udc00 low',
  'high at end \udbff',
  '\u0000',
  'a\u0000b',
  '\u0001\u0008\u001f\u007f',
  '\uffff\ufffe',
  '\u2028\u2029',
  '\r\n\t',
  'İıßǅ',
  'Гульнара Сапарова',
  'نودیرا کریمووا',
  '١٢٣',
  'null',
  'undefined',
  'true',
  'NaN',
];

const PATH_FRAGMENTS = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  'file:///etc/passwd',
  '\\\\server\\share',
  '/dev/zero',
];

const HOSTILE_TEXT = [...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS, ...FORMAT_STRINGS, ...UNICODE_EDGES, ...PATH_FRAGMENTS];

/** 100k to 1.1M UTF-16 units of one character: past any length limit, some past the 1 MB body limit. */
const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'é', '😀', '\u202e', "'", '<'), fc.constantFrom(100_000, 250_000, 500_000, 1_100_000))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

const lengthy: fc.Arbitrary<string> = fc.constantFrom(255, 256, 1001, 5001, 10_001).map((n) => 'x'.repeat(n));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom(...HOSTILE_TEXT)).map(([a, b]) => `${a}${b}`) },
  { weight: 1, arbitrary: lengthy },
  { weight: 1, arbitrary: hugeString },
);

/** Number literals JavaScript reads lossily or as Infinity. */
const rawNumber: fc.Arbitrary<RawJson> = fc
  .constantFrom('1e309', '-1e309', '1e-400', '-0', '123456789012345678901234567890', '9007199254740993', '0.1e1', '1E2', '1.0')
  .map((text) => new RawJson(text));

/** 33 levels (one past the body guard) up to 50,000 levels, of arrays, objects or both. */
const deepNesting: fc.Arbitrary<RawJson> = fc
  .tuple(fc.constantFrom(33, 100, 5000, 50_000), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, kind]) => {
    if (kind === 'array') return new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    if (kind === 'object') return new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    return new RawJson(`${'[{"a":'.repeat(depth)}1${'}]'.repeat(depth)}`);
  });

const obj = (...entries: [string, Json][]) => new JsonObject(entries);

/** Objects whose keys pollute a prototype if anything merges them naively. */
const pollutingObject: fc.Arbitrary<JsonObject> = fc.constantFrom(
  obj(['__proto__', obj(['polluted', 'yes'], ['isAdmin', true], ['role', 'admin'])]),
  obj(['constructor', obj(['prototype', obj(['polluted', 'yes'])])]),
  obj(['prototype', obj(['polluted', 'yes'])]),
  obj(['__proto__', null]),
  obj(['__proto__', []]),
  obj(['__proto__', 'x']),
  obj(['toString', 'x'], ['valueOf', 1], ['hasOwnProperty', 'x']),
);

const hugeArray: fc.Arbitrary<RawJson> = fc
  .constantFrom('0', 'null', '{}', '"x"')
  .chain((element) => fc.constantFrom(2000, 100_000).map((n) => new RawJson(`[${Array(n).fill(element).join(',')}]`)));

/** Any JSON value of the wrong kind for most fields. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, [], obj(), [null], [[]], ['a', 1, true]) },
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: rawNumber },
  { weight: 1, arbitrary: deepNesting },
  { weight: 2, arbitrary: pollutingObject },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(obj(['$gt', '']), obj(['$ne', null]), obj(['length', 1_000_000_000]), obj(['0', 'a'], ['length', 1])),
  },
);

// ---------------------------------------------------------------------------------------------
// Valid-looking values: the right type, edge contents

const MONEY_EDGES = [
  '0',
  '0.00',
  '0.01',
  '1',
  '1.00',
  '1500.00',
  '45000.00',
  '-0.001',
  '-1.00',
  '1e309',
  '1e3',
  '0x10',
  '١٢٣',
  '١٢٣٫٤٥',
  '１２３',
  '1,000.00',
  '1 000',
  ' 1.00',
  '1.00 ',
  '+1.00',
  '.5',
  '5.',
  '1.999',
  '00001.00',
  '99999999999999999999999999.99',
  '9223372036854775807',
  '9223372036854775808.00',
  '92233720368547758.07',
  'NaN',
  'Infinity',
  '-Infinity',
  '1_000',
  '0.0000000001',
  '0.00000000001',
];
const DATE_EDGES = [
  '2026-11-20',
  '2026-02-29',
  '2024-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '1900-01-01',
  '2026-11-20T00:00:00Z',
  '2026/11/20',
  '20261120',
  '-2026-11-20',
  '2026-1-1',
  '２０２６-１１-２０',
  'today',
];
const MONTH_EDGES = ['2026-11', '2026-01', '2026-13', '2026-00', '0000-01', '9999-12', '2026-1', '2026-11-01', '11-2026', '2026'];
const EMAIL_EDGES = [
  'a@b.co',
  'fuzz@example.org',
  'ngo.kz@example.org',
  'ADMIN@EXAMPLE.ORG',
  ' admin@example.org ',
  `${'a'.repeat(64)}@example.org`,
  `a@${'b'.repeat(250)}.org`,
  'üñí@exämple.org',
  '"quoted"@example.org',
  'a@b',
  '@example.org',
  'a@@b.org',
  'fuzz+tag@example.org',
  "o'brien@example.org",
  'a@[127.0.0.1]',
];
const COUNTRY_EDGES = ['UZ', 'KZ', 'uz', 'XX', 'U', 'UZB', 'ÜZ', 'K1'];
const IBAN_EDGES = [
  'KZ86125KZT5004100100',
  'KZ86 125K ZT50 0410 0100',
  'kz86125kzt5004100100',
  'DE89370400440532013000',
  'XX00',
  '0'.repeat(40),
];

const uuidValue = (ctx: FuzzContext): fc.Arbitrary<string> =>
  fc.oneof(
    ...(ctx.knownIds.length
      ? [
          { weight: 5, arbitrary: fc.constantFrom(...ctx.knownIds) },
          { weight: 1, arbitrary: fc.constantFrom(...ctx.knownIds).map((id) => id.toUpperCase()) },
        ]
      : []),
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '{6f1c3f8e-0a51-4cf3-9d43-5b3c2f0b7f9a}',
        '6f1c3f8e0a514cf39d435b3c2f0b7f9a',
        '6f1c3f8e-0a51-4cf3-9d43-5b3c2f0b7f9',
        '6f1c3f8e-0a51-4cf3-9d43-5b3c2f0b7f9a ',
      ),
    },
  );

function numberValue(s: Schema, name: string): fc.Arbitrary<Json> {
  const edges: Json[] = [0, 1, 2, 3, -1, 0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, Number.MIN_VALUE];
  for (const bound of [s.minimum, s.maximum]) if (bound !== undefined) edges.push(bound - 1, bound, bound + 1, bound + 0.5);
  if (/year/i.test(name)) edges.push(1800, 1899, 1900, 1991, 2026, 2100, 99999);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...edges) },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: rawNumber },
  );
}

function stringValue(s: Schema, ctx: FuzzContext, name: string): fc.Arbitrary<Json> {
  const example = typeof s.example === 'string' ? s.example : '';
  let specific: fc.Arbitrary<string> | undefined;
  if (s.format === 'uuid' || /Id$/.test(name)) specific = uuidValue(ctx);
  else if (s.pattern?.includes('\\d+(\\.\\d{1,2})?') || /^(amount|budget|usdRate|approvedAmount)$/.test(name))
    specific = fc.constantFrom(...MONEY_EDGES);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(example) || /(On|At|For|Start|End|dateOfBirth)$/.test(name))
    specific = fc.constantFrom(...DATE_EDGES);
  else if (/^\d{4}-\d{2}$/.test(example)) specific = fc.constantFrom(...MONTH_EDGES);
  else if (/email/i.test(name)) specific = fc.constantFrom(...EMAIL_EDGES);
  else if (/^(nationality|country)$/.test(name)) specific = fc.constantFrom(...COUNTRY_EDGES);
  else if (/^(iban|bic)$/.test(name)) specific = fc.constantFrom(...IBAN_EDGES);
  else if (name === 'refreshToken')
    specific = fc.oneof(
      fc.uuid().map((id) => `${id}.${'A'.repeat(43)}`),
      fc.constantFrom('x'.repeat(9), 'x'.repeat(10), 'x'.repeat(200), 'x'.repeat(201), '.', 'a.b.c'),
    );
  const lengths = [s.minLength, s.maxLength]
    .filter((n): n is number => n !== undefined)
    .flatMap((n) => [n - 1, n, n + 1])
    .filter((n) => n >= 0);
  const text = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'a',
        'Passport restoration fees',
        'Гульнара Сапарова',
        'x'.repeat(12),
        example || 'example',
        'a-long-password-1',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(...(lengths.length ? lengths : [254, 255, 256, 1000, 5000])).map((n) => 'x'.repeat(n)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: hostileString },
  );
  return specific ? fc.oneof({ weight: 4, arbitrary: specific }, { weight: 1, arbitrary: text }) : text;
}

function enumValue(values: unknown[]): fc.Arbitrary<Json> {
  const pick = fc.constantFrom(...(values as (string | number)[]));
  return fc.oneof(
    { weight: 8, arbitrary: pick },
    { weight: 1, arbitrary: pick.map((v) => String(v).toUpperCase()) },
    { weight: 1, arbitrary: pick.map((v) => ` ${String(v)} `) },
    { weight: 1, arbitrary: pick.map((v) => `${String(v)}\u200b`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'unknown', 'approved', 'admin') },
  );
}

/** Keys for free-form maps (typeCaps, overrides): real ones and ones that break naive code. */
const MAP_KEYS = [
  'business_startup',
  'medical',
  'legal',
  'REQUIRED_DOCUMENTS',
  'DUPLICATE_BENEFICIARY',
  'FUND_BALANCE',
  'NOT_A_RULE',
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'a\u0000b',
  '\ud800',
  'x'.repeat(300),
  "'; DROP TABLE fund; --",
  '<script>',
  '$where',
];
/** Unknown properties, several of them mass-assignment attempts. */
const EXTRA_KEYS = [
  'id',
  'status',
  'role',
  'organisationId',
  'createdAt',
  'version',
  'ledger',
  'isAdmin',
  'unknownField',
  '__proto__',
  'constructor',
  'prototype',
  '',
  '$where',
  'items.0',
];

function objectValue(s: Schema, ctx: FuzzContext): fc.Arbitrary<Json> {
  const required = new Set(s.required ?? []);
  const fields = Object.entries(s.properties ?? {}).map(([key, property]) =>
    fc.option(
      fc
        .oneof(
          { weight: 8, arbitrary: goodValue(property, ctx, key) },
          { weight: 3, arbitrary: validLooking(property, ctx, key) },
          { weight: 1, arbitrary: hostileValue },
        )
        .map((v) => [key, v] as [string, Json]),
      { freq: required.has(key) ? 12 : 2, nil: undefined },
    ),
  );
  const additional =
    s.additionalProperties && typeof s.additionalProperties === 'object'
      ? fc.array(fc.tuple(fc.constantFrom(...MAP_KEYS), validLooking(s.additionalProperties, ctx)), { maxLength: 3 })
      : fc.constant([] as [string, Json][]);
  const extra = fc.option(
    fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.oneof(hostileValue, uuidValue(ctx), fc.constantFrom<Json>('admin', 'approved', true, 1))),
    { freq: 6, nil: undefined },
  );
  return fc
    .tuple(fc.tuple(...fields), additional, extra)
    .map(
      ([present, more, unknown]) =>
        new JsonObject([...present.filter((e): e is [string, Json] => e !== undefined), ...more, ...(unknown ? [unknown] : [])]),
    );
}

/**
 * A value the route should accept: enum members, the schema's example, real ids, plausible money,
 * dates and unique e-mail addresses. Mixed into the other bodies so they get past validation and
 * into the services, where the database is written.
 */
function goodValue(schema: Schema, ctx: FuzzContext, name = ''): fc.Arbitrary<Json> {
  const s = resolveSchema(schema, ctx.components);
  if (s.enum) return fc.constantFrom(...(s.enum as (string | number)[]));
  if (s.type === 'boolean') return fc.boolean();
  if (s.type === 'number' || s.type === 'integer') {
    if (name === 'version') return fc.integer({ min: 1, max: 3 });
    const candidates = [s.example, s.minimum, s.maximum].filter((n): n is number => typeof n === 'number');
    return fc.constantFrom(...(candidates.length ? candidates : [1]));
  }
  if (s.type === 'array') return fc.array(goodValue(s.items ?? {}, ctx, name), { minLength: 1, maxLength: 2 });
  if (s.type === 'object' || s.properties) {
    const required = new Set(s.required ?? []);
    const fields = Object.entries(s.properties ?? {}).map(([key, property]) =>
      fc.option(
        goodValue(property, ctx, key).map((v) => [key, v] as [string, Json]),
        { freq: required.has(key) ? 1000 : 2, nil: undefined },
      ),
    );
    return fc.tuple(...fields).map((present) => new JsonObject(present.filter((e): e is [string, Json] => e !== undefined)));
  }
  if (s.type !== 'string') return fc.constant(null);
  const example = typeof s.example === 'string' ? s.example : undefined;
  if (s.format === 'uuid' || /Ids?$/.test(name)) {
    const ids = ctx.idsFor?.[name]?.length ? ctx.idsFor[name] : ctx.knownIds;
    return ids.length ? fc.constantFrom(...ids) : fc.uuid();
  }
  if (s.pattern?.includes('\\d+(\\.\\d{1,2})?') || /^(amount|approvedAmount)$/.test(name))
    return fc.constantFrom('1.00', '10.50', '100.00');
  if (name === 'usdRate') return fc.constantFrom('0.001950', '1', '0.5');
  if (/^\d{4}-\d{2}-\d{2}$/.test(example ?? '') || /(On|At|For|Start|dateOfBirth)$/.test(name))
    return fc.constantFrom('2026-11-20', '2026-01-15', '1991-04-02');
  if (/End$/.test(name)) return fc.constantFrom('2026-12-31', '2027-12-31');
  if (/^\d{4}-\d{2}$/.test(example ?? ''))
    return fc
      .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  if (/email/i.test(name)) return fc.uuid().map((id) => `fuzz-${id.slice(0, 8)}@example.org`);
  if (/^(nationality|country)$/.test(name)) return fc.constantFrom('KZ', 'UZ', 'TM');
  if (name === 'iban') return fc.constant('KZ86125KZT5004100100');
  if (name === 'bic') return fc.constant('HSBKKZKX');
  if (name === 'password') return fc.constant('a-long-password-1');
  if (name === 'refreshToken') return fc.uuid().map((id) => `${id}.${'A'.repeat(43)}`);
  if (example) return fc.constant(example);
  return fc
    .constantFrom('A note written by the fuzz test', 'Гульнара Сапарова', 'Passport restoration fees')
    .map((text) => text.padEnd(s.minLength ?? 0, '.'));
}

/** A value of the schema's type, with edge contents; null sometimes where the schema allows it. */
function validLooking(schema: Schema, ctx: FuzzContext, name = ''): fc.Arbitrary<Json> {
  const s = resolveSchema(schema, ctx.components);
  let value: fc.Arbitrary<Json>;
  if (s.enum) value = enumValue(s.enum);
  else if (s.type === 'string') value = stringValue(s, ctx, name);
  else if (s.type === 'number' || s.type === 'integer') value = numberValue(s, name);
  else if (s.type === 'boolean') value = fc.boolean();
  else if (s.type === 'array') {
    const item = validLooking(s.items ?? {}, ctx, name);
    value = fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: item.map((v) => Array<Json>(300).fill(v)) },
    );
  } else if (s.type === 'object' || s.properties || s.additionalProperties) value = objectValue(s, ctx);
  else value = hostileValue;
  return s.nullable ? fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
}

/** Every property of the schema present, each with a value of the wrong kind. */
function allFieldsHostile(s: Schema): fc.Arbitrary<Json> {
  const keys = Object.keys(s.properties ?? {});
  return fc.tuple(...keys.map(() => hostileValue)).map((values) => new JsonObject(keys.map((k, i) => [k, values[i]] as [string, Json])));
}

/**
 * A request body for an operation: a good one, a valid-looking one (most fields good, some at an
 * edge or hostile), every field hostile, a valid-looking body with polluting keys added, or a body
 * that is not an object at all.
 */
export function jsonBody(schema: Schema | undefined, ctx: FuzzContext): fc.Arbitrary<Json> {
  const s = schema ? resolveSchema(schema, ctx.components) : { type: 'object', properties: {} };
  const valid = validLooking(s, ctx);
  return fc.oneof(
    { weight: 3, arbitrary: goodValue(s, ctx) },
    { weight: 6, arbitrary: valid },
    { weight: 2, arbitrary: allFieldsHostile(s) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, pollutingObject)
        .map(([v, p]) => (v instanceof JsonObject ? new JsonObject([...p.entries, ...v.entries]) : p)),
    },
    { weight: 2, arbitrary: hostileValue },
  );
}

// ---------------------------------------------------------------------------------------------
// Bodies that are not JSON, or not what the route takes

/** Malformed or surprising JSON text, sent as application/json. */
export const MALFORMED_JSON = [
  '',
  ' ',
  '{',
  '{"a":',
  '{"a":1',
  '{"a":1}{"b":2}',
  '\ufeff{"a":1}',
  "{'a':1}",
  '{"a":1,}',
  '[1,2,]',
  'null',
  'true',
  '0',
  '"a string"',
  '1e309',
  'NaN',
  '{"a":NaN}',
  '{"a":undefined}',
  '{"a":0x10}',
  '{"a":1e309}',
  '{"a":"\\x41"}',
  '{"a":"\t"}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"\\u0000":1}',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":"yes"}}',
  // class-transformer takes a nested object's own `constructor` for its class (a 500 at login once)
  '{"id":{"constructor":{"prototype":{"polluted":"yes"}}}}',
  '[]',
  '[{}]',
  '\u0000',
  'a=1&b=2',
  '<?xml version="1.0"?><a/>',
  '{"a":1}\u0000',
];

/** Content types the JSON routes do not parse, or parse differently. */
export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'text/csv',
  'application/octet-stream',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'application/json, text/plain',
];

/** Raw bodies: malformed JSON as JSON, a good-looking body under a wrong content type, truncated or doubled text. */
export function rawBody(validText: fc.Arbitrary<string>): fc.Arbitrary<{ contentType: string; text: string }> {
  const json = fc.constantFrom('application/json', 'application/json; charset=utf-8');
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ contentType: json, text: fc.constantFrom(...MALFORMED_JSON) }) },
    { weight: 2, arbitrary: fc.record({ contentType: fc.constantFrom(...WRONG_CONTENT_TYPES), text: validText }) },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType: json,
        text: fc.tuple(validText, fc.nat()).map(([t, n]) => t.slice(0, n % Math.max(t.length, 1))),
      }),
    },
    { weight: 1, arbitrary: fc.record({ contentType: json, text: validText.map((t) => `\ufeff${t}`) }) },
    { weight: 1, arbitrary: fc.record({ contentType: json, text: validText.map((t) => `${t}${t}`) }) },
  );
}

/** A body under a Content-Encoding: real gzip and deflate, garbage that claims to be gzip, encodings nobody supports, a gzip bomb. */
export function encodedBody(
  validText: fc.Arbitrary<string>,
): fc.Arbitrary<{ contentType: string; contentEncoding: string; text: string | Buffer }> {
  const contentType = 'application/json';
  return fc.oneof(
    validText.map((t) => ({ contentType, contentEncoding: 'gzip', text: gzipSync(t) })),
    validText.map((t) => ({ contentType, contentEncoding: 'deflate', text: deflateSync(t) })),
    fc
      .tuple(validText, fc.constantFrom('gzip', 'deflate', 'gzip, gzip'))
      .map(([t, contentEncoding]) => ({ contentType, contentEncoding, text: t })),
    fc
      .tuple(validText, fc.constantFrom('br', 'x-unknown', 'identity', 'compress', ''))
      .map(([t, contentEncoding]) => ({ contentType, contentEncoding, text: t })),
    // 8 MB of spaces in 8 kB: the 1 MB body limit must count what comes out, not what goes in
    fc.constant(null).map(() => ({
      contentType,
      contentEncoding: 'gzip',
      text: (bomb ??= gzipSync(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(8 * 1024 * 1024, 0x20), Buffer.from('"}')]))),
    })),
  );
}
let bomb: Buffer | undefined;

// ---------------------------------------------------------------------------------------------
// Bank statement CSV (text/csv)

export const STATEMENT_HEADER = 'bookingDate,amount,currency,reference,counterparty,bankTransactionId';

const csvCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DATE_EDGES) },
  { weight: 3, arbitrary: fc.constantFrom(...MONEY_EDGES, '-45000.00', '-0.01') },
  { weight: 2, arbitrary: fc.constantFrom('KZT', 'USD', 'kzt', 'XXX', '') },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: lengthy },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"unclosed', 'a"b', '"a,b"', 'a\nb', '"a\r\nb"') },
);

/** A CSV line: usually six cells, sometimes too few or too many. */
const csvLine = fc
  .oneof(
    { weight: 4, arbitrary: fc.array(csvCell, { minLength: 6, maxLength: 6 }) },
    { weight: 1, arbitrary: fc.array(csvCell, { maxLength: 9 }) },
  )
  .map((cells) => cells.join(','));

export const csvText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          STATEMENT_HEADER,
          STATEMENT_HEADER,
          STATEMENT_HEADER.toUpperCase(),
          `\ufeff${STATEMENT_HEADER}`,
          STATEMENT_HEADER.replace(/,/g, ';'),
          'bookingDate,amount',
          `${STATEMENT_HEADER},extra`,
          `${STATEMENT_HEADER},bookingDate`,
          '',
        ),
        fc.array(csvLine, { maxLength: 5 }),
        fc.constantFrom('\n', '\r\n', '\r'),
      )
      .map(([header, lines, eol]) => [header, ...lines].join(eol) + eol),
  },
  // 20,000 short lines: many problems in one file (the answer lists the first hundred)
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('2026-11-30,-1.00,KZT,,x,', 'a', ',,,,,', '"', '2026-11-30,-1.00,KZT,,x,same-tx')
      .map((line) => `${STATEMENT_HEADER}\n${`${line}\n`.repeat(20_000)}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: hugeString },
);

// ---------------------------------------------------------------------------------------------
// Multipart uploads

export interface FilePart {
  field: string;
  content: Buffer;
  filename: string;
  contentType: string;
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const FILE_CONTENTS: Buffer[] = [
  minimalPdf(ALL_BYTES),
  samplePng([1, 2, 3], ALL_BYTES),
  sampleJpeg(ALL_BYTES),
  // only the first bytes of each type: refused as damaged (422)
  Buffer.concat([Buffer.from('%PDF-1.4\n'), ALL_BYTES, Buffer.from('\n%%EOF\n')]),
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ALL_BYTES]),
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), ALL_BYTES, Buffer.from([0xff, 0xd9])]),
  // a PDF/HTML polyglot
  Buffer.concat([minimalPdf(), Buffer.from('<script>alert(1)</script>')]),
  Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), ALL_BYTES]),
  Buffer.from('<!doctype html><script>alert(1)</script>'),
  Buffer.alloc(0),
  Buffer.from('%PDF'),
  Buffer.from('bookingDate,amount\n'),
];
/** One file part; `maxUploadBytes` is the app's MAX_UPLOAD_MB, so some files are one byte too many. */
const filePart = (maxUploadBytes: number): fc.Arbitrary<FilePart> => {
  let oversized: Buffer | undefined;
  return fc.record({
    field: fc.constantFrom('file', 'file', 'file', 'files', 'File', 'kind'),
    content: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...FILE_CONTENTS) },
      {
        weight: 1,
        arbitrary: fc
          .constant(null)
          .map(() => (oversized ??= Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(maxUploadBytes, 0x41)]))),
      },
    ),
    filename: fc.constantFrom(
      'estimate.pdf',
      '../../etc/passwd',
      `${'x'.repeat(1000)}.pdf`,
      '\u202efdp.exe',
      'смета.pdf',
      'a\u0000.pdf',
      '%00.pdf',
      'CON',
      '.htaccess',
      "'; DROP TABLE stored_file; --.pdf",
      '<script>.pdf',
    ),
    contentType: fc.constantFrom(
      'application/pdf',
      'image/png',
      'image/jpeg',
      'text/html',
      'application/x-msdownload',
      'application/octet-stream',
    ),
  });
};

const formFieldName = fc.constantFrom(
  'kind',
  'kind',
  'kind',
  'kind[]',
  '__proto__',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'extra',
  'file',
);
const formFieldValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('cost_estimate', 'quote', 'invoice', 'certificate', 'other') },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT.filter((s) => s !== '')) },
  { weight: 1, arbitrary: fc.constantFrom(1025, 100_000).map((n) => 'k'.repeat(n)) },
);

export function multipartBody(maxUploadBytes: number): fc.Arbitrary<{ files: FilePart[]; fields: [string, string][] }> {
  const file = filePart(maxUploadBytes);
  return fc.record({
    files: fc.oneof(
      { weight: 5, arbitrary: fc.array(file, { minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.array(file, { maxLength: 3 }) },
    ),
    fields: fc.array(fc.tuple(formFieldName, formFieldValue), { maxLength: 3 }),
  });
}

// ---------------------------------------------------------------------------------------------
// Path parameters

/** Path segments that are not ids: traversal, NUL, malformed percent escapes, very long. */
export const HOSTILE_PATH_SEGMENTS = [
  '..',
  '..%2F..%2Fusers',
  '%2e%2e%2f%2e%2e%2f',
  '%00',
  'x%00',
  '%E0%A4%A',
  '%',
  '%ZZ',
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent('😀'),
  encodeURIComponent('\u202e'),
  '%ED%A0%80', // a lone surrogate, as UTF-8 would write it if it could
  '00000000-0000-0000-0000-000000000000',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'x'.repeat(5000),
];
