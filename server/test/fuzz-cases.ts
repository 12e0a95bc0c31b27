import fc from 'fast-check';

/**
 * Generated bad requests for any route of the OpenAPI document: a valid-looking request derived from
 * the route's JSON schemas (values of the existing data where the name says what they are), then one
 * mutation of it. Used by fuzz.test.ts; nothing here knows a route by name.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** A JSON fragment written as is (deep nesting, duplicate or `__proto__` keys that an object cannot hold). */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Query text already percent-encoded (bad encodings on purpose). */
export class RawQuery {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** What the existing data offers: ids per resource (the path segment before a parameter) and values per property name. */
export interface Pools {
  ids: Map<string, string[]>;
  values: Map<string, unknown[]>;
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string | null }
  | { kind: 'multipart'; variant: MultipartVariant; fileName: string };

export interface FuzzCase {
  user: string;
  /** Which part the mutation went to, for the summary and a failure's description. */
  mutation: string;
  params: Record<string, string | RawQuery>;
  query: Record<string, string | string[] | RawQuery>;
  body: Body;
}

export const MULTIPART_VARIANTS = [
  'no_boundary',
  'truncated',
  'garbage',
  'bad_part_header',
  'wrong_field',
  'text_field',
  'too_many_files',
  'oversize',
  'empty',
  'valid',
] as const;
export type MultipartVariant = (typeof MULTIPART_VARIANTS)[number];

/** Strings in the fuzz values carry this marker: the log must never show it. */
export const MARK = 'FZMARK';

const MEGA = 'x'.repeat(1_000_000);
/** Over the 1 MiB body limit with its JSON around it. */
const OVER_LIMIT = 'y'.repeat(1_100_000);
const DEEP_ARRAY = new RawJson(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
const DEEP_OBJECT = new RawJson(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`);

/** Text that tries what a careless server refuses with a 500. No SQL keywords: a stored value echoed back must not read as a leak. */
const BAD_STRINGS = [
  `${MARK}\u0000nul`,
  `\u0000`,
  `${MARK}\ud800lone-high`,
  `${MARK}\udc00lone-low`,
  `${MARK}a\ud83dz`,
  `invoice\u202Efdp.exe${MARK}`,
  `\u2066\u2067\u2068\u2069\u200e\u200f\u061c${MARK}`,
  `\ufeff\u2028\u2029${MARK}`,
  '',
  ' ',
  '\t\n\r',
  `${MARK}'"\\;--/*`,
  `${MARK}<script>alert(1)</script>`,
  `${MARK}%00%ZZ%`,
  `${MARK}${'й'.repeat(300)}`,
  `${MARK}😀👩‍👩‍👧қазақ`,
  '2022-02-30',
  '2023-02-29',
  '0000-01-01',
  '9999-12-31',
  '1899-12-31',
  '2022-13-01',
  '2022-02-30T10:00:00Z',
  '2022-02-28T24:00:00Z',
  '0000-01-01T00:00:00Z',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01900000-0000-7000-8000-000000000000',
  'not-a-uuid',
  'definitely_not_an_enum_value',
  'RU-',
  'true',
  'null',
  '__proto__',
];

const BAD_VALUES: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...BAD_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(MEGA, OVER_LIMIT) },
  { weight: 1, arbitrary: fc.constantFrom(DEEP_ARRAY, DEEP_OBJECT) },
  { weight: 3, arbitrary: fc.constantFrom(0, -1, 1.5, -0.0001, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER) },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[]], { a: 1 }, ['x', 1, null]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new RawJson('{"__proto__":{"polluted":true}}'),
      new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
      new RawJson('{"a":1,"a":2}'),
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }).map((s) => `${MARK}${s}`) },
);

/** One character slipped into a valid string: the rest of the request stays valid, so it reaches the handler. */
const INJECTED = ['\u0000', '\ud800', '\udfff', '\u202e', '\u2066', '\u200f', '\ufeff', '\uffff', '\u0085', '\u2028'];

/** Paths of the string leaves of a value. */
function stringLeaves(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof value === 'string') out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => stringLeaves(v, [...path, String(i)], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringLeaves(v, [...path, k], out);
  return out;
}

function getPath(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

const WEIRD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  `${MARK}\u0000key`,
  `${MARK}\ud800key`,
  'x'.repeat(500),
  '',
  'pageSize',
];

const isType = (s: JsonSchema, t: string) => (Array.isArray(s.type) ? s.type.includes(t) : s.type === t);

/** Alternatives of a schema (anyOf/oneOf flattened). */
function variants(s: JsonSchema): JsonSchema[] {
  const alt = s.anyOf ?? s.oneOf;
  return alt ? alt.flatMap(variants) : [s];
}

/** Office codes, logins, dates … by what a property's name says it is. */
function hinted(name: string, pools: Pools): unknown[] | null {
  const n = name.toLowerCase();
  const values = (key: string) => pools.values.get(key) ?? [];
  if (/officecode|^office$|^counterpart$|officecodes$/.test(n))
    return [
      ...values('code')
        .filter((v) => typeof v === 'string' && /^(RU|KZ)-/.test(v))
        .slice(0, 20),
      'RU-ORE',
      'KZ-AKT',
    ];
  if (n === 'timezone') return ['Asia/Almaty', 'Europe/Moscow', 'Asia/Omsk'];
  if (n === 'phone') return ['+7 3532 11-11-11', '+7 7172 71 28 00'];
  if (n === 'login' || n === 'actorlogin') return ['vosofficer', 'omsofficer', `fuzz-${MARK.toLowerCase()}`];
  if (/password/.test(n)) return ['Fixture-Password-2026!', `Fuzz-${MARK}-Password-1`];
  if (n === 'year' || n === 'compare') return [2025, 2026, 2027];
  if (n === 'version') return [1, 2, 3, ...values('version')];
  if (n === 'locale' || n === 'lang') return ['ru', 'kk', 'en'];
  return null;
}

/** A value the schema accepts, or close to it: the request should mostly get past validation. */
export function validArb(schema: JsonSchema | undefined, name: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(null);
  const alts = variants(schema);
  if (alts.length > 1) return fc.oneof(...alts.map((a) => validArb(a, name, pools, depth)));
  const s = alts[0]!;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const hint = hinted(name, pools);
  if (s.type === 'null') return fc.constant(null);
  if (Array.isArray(s.type) && s.type.length > 1) return fc.oneof(...s.type.map((t) => validArb({ ...s, type: t }, name, pools, depth)));
  if (isType(s, 'object') || s.properties) {
    const props = Object.entries(s.properties ?? {});
    if (depth > 4 || props.length === 0) return fc.constant({});
    const model = Object.fromEntries(props.map(([k, p]) => [k, validArb(p, k, pools, depth + 1)]));
    return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
  }
  if (isType(s, 'array')) {
    const item = s.items ? validArb(s.items, name, pools, depth + 1) : fc.constant('x');
    return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) });
  }
  if (isType(s, 'integer') || isType(s, 'number')) {
    const min = Math.max(s.minimum ?? 0, -1e6);
    const max = Math.min(s.maximum ?? min + 100, min + 1000);
    const numbers = hint?.filter((v): v is number => typeof v === 'number' && v >= min && v <= max) ?? [];
    const arb = isType(s, 'integer') ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
    return numbers.length ? fc.oneof(fc.constantFrom(...numbers), arb) : arb;
  }
  if (isType(s, 'boolean')) return fc.boolean();
  if (isType(s, 'string')) {
    if (s.format === 'uuid') {
      const ids = [...new Set([...(pools.ids.get(name) ?? []), ...[...pools.ids.values()].flat()])];
      return fc.oneof({ weight: 3, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.uuid() }, { weight: 1, arbitrary: fc.uuid({ version: 7 }) });
    }
    if (s.format === 'date')
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    if (s.format === 'email') return fc.constantFrom('fuzz@example.test', 'p.ivanov@prok.example');
    const min = s.minLength ?? 0;
    const fromData = (pools.values.get(name) ?? []).filter((v): v is string => typeof v === 'string');
    const anyData = [...pools.values.values()].flat().filter((v): v is string => typeof v === 'string' && v.length >= min && v.length <= (s.maxLength ?? 60));
    const texts = [...(hint?.filter((v): v is string => typeof v === 'string') ?? []), ...fromData.slice(0, 10)];
    const max = Math.max(min, Math.min(s.maxLength ?? 60, 60));
    const words = fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі -.,0123456789ABCDEFabcdef') });
    const choices: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [{ weight: 1, arbitrary: words }];
    if (texts.length) choices.push({ weight: 4, arbitrary: fc.constantFrom(...texts) });
    if (anyData.length) choices.push({ weight: 1, arbitrary: fc.constantFrom(...anyData) });
    return fc.oneof(...choices);
  }
  return fc.constant(hint?.[0] ?? 'x');
}

/** Every property path of a body schema, nested objects included, for a mutation to aim at. */
function propertyPaths(schema: JsonSchema | undefined, prefix: string[] = [], depth = 0): string[][] {
  if (!schema || depth > 3) return [];
  const out: string[][] = [];
  for (const alt of variants(schema)) {
    for (const [k, p] of Object.entries(alt.properties ?? {})) {
      out.push([...prefix, k]);
      for (const inner of variants(p)) {
        if (inner.properties) out.push(...propertyPaths(inner, [...prefix, k], depth + 1));
        if (inner.items && variants(inner.items).some((i) => i.properties)) out.push(...propertyPaths(inner.items, [...prefix, k, '0'], depth + 1));
      }
    }
  }
  return out;
}

function setPath(target: unknown, path: string[], value: unknown, remove = false): unknown {
  const root: unknown = target && typeof target === 'object' && !(target instanceof RawJson) ? structuredClone(target) : {};
  let node = root as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (!next || typeof next !== 'object' || next instanceof RawJson) node[key] = /^\d+$/.test(path[i + 1]!) ? [{}] : {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  // defineProperty: an own `__proto__` key, not a prototype change.
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** Serializes a generated body; RawJson fragments go in as written, own `__proto__` keys included. */
export function jsonText(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${jsonText((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'null';
  return JSON.stringify(v);
}

const RAW_BODIES: { text: string; contentType: string | null }[] = [
  { text: '{', contentType: 'application/json' },
  { text: '{"a":}', contentType: 'application/json' },
  { text: '', contentType: 'application/json' },
  { text: 'null', contentType: 'application/json' },
  { text: '"text"', contentType: 'application/json' },
  { text: '[]', contentType: 'application/json' },
  { text: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
  { text: '{"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'application/json' },
  { text: `{"a":"${MARK}\\u0000"}`, contentType: 'application/json' },
  { text: `{"a":"${MARK}\\ud800"}`, contentType: 'application/json' },
  { text: '\u0000\u0001\u0002', contentType: 'application/json' },
  { text: Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]).toString('latin1'), contentType: 'application/json; charset=utf-8' },
  { text: `{"a":1}`, contentType: 'application/json; charset=latin1' },
  { text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { text: '<a>1</a>', contentType: 'application/xml' },
  { text: 'plain text', contentType: 'text/plain' },
  { text: '{"a":1}', contentType: null },
  { text: '{"a":1}', contentType: 'application/json, text/plain' },
  { text: '{"a":1}', contentType: 'multipart/form-data' },
];

const QUERY_BAD = [
  new RawQuery('%00'),
  new RawQuery(`${MARK}%00x`),
  new RawQuery('%ED%A0%80'),
  new RawQuery('%E0%A4%A'),
  new RawQuery('%ZZ'),
  new RawQuery('%'),
  new RawQuery('%E2%80%AEfdp.exe'),
  new RawQuery(encodeURIComponent(`${MARK}${'я'.repeat(3000)}`)),
];

const PATH_GARBAGE = [
  'abc',
  '0',
  '-1',
  '1e309',
  '01900000-0000-7000-8000-000000000000',
  '00000000-0000-0000-0000-000000000000',
  new RawQuery('%00'),
  new RawQuery('%ED%A0%80'),
  new RawQuery('%E2%80%AE'),
  new RawQuery('..%2F..%2Fetc%2Fpasswd'),
  new RawQuery('%25'),
  'x'.repeat(3000),
  'RU-ORE',
  '2026',
  '99999999999999999999',
  'request.docx',
];

function paramArb(p: Parameter, path: string, pools: Pools): fc.Arbitrary<string> {
  const segments = path.split('/');
  const before = segments[segments.indexOf(`{${p.name}}`) - 1] ?? '';
  const ids = pools.ids.get(before) ?? [];
  if (p.schema.format === 'uuid' && ids.length) return fc.constantFrom(...ids);
  return validArb(p.schema, p.name, pools).map(String);
}

/** The cases for one route: valid-looking requests, each with one thing wrong (a few with nothing wrong). */
export function caseArb(method: string, path: string, op: Operation, users: string[], pools: Pools): fc.Arbitrary<FuzzCase> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queries = (op.parameters ?? []).filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const takesBody = method !== 'GET' && method !== 'DELETE';

  const paramsArb = fc.record(Object.fromEntries(params.map((p) => [p.name, paramArb(p, path, pools)]))) as fc.Arbitrary<Record<string, string>>;
  const queryArb = fc.record(
    Object.fromEntries(queries.map((q) => [q.name, validArb(q.schema, q.name, pools).map((v) => (Array.isArray(v) ? v.join(',') : String(v)))])),
    { requiredKeys: queries.filter((q) => q.required).map((q) => q.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  const bodyArb: fc.Arbitrary<Body> = bodySchema
    ? validArb(bodySchema, 'body', pools).map((value) => ({ kind: 'json' as const, value }))
    : fc.constant({ kind: takesBody ? ('json' as const) : ('none' as const), value: {} } as Body);
  const base = fc.record({ user: fc.constantFrom(...users), params: paramsArb, query: queryArb, body: bodyArb });

  type Base = { user: string; params: Record<string, string | RawQuery>; query: Record<string, string | string[] | RawQuery>; body: Body };
  const mutations: { weight: number; arbitrary: fc.Arbitrary<(b: Base) => FuzzCase> }[] = [
    { weight: 2, arbitrary: fc.constant((b: Base) => ({ ...b, mutation: 'none' })) },
  ];
  if (params.length) {
    mutations.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...params.map((p) => p.name)), fc.constantFrom(...PATH_GARBAGE))
        .map(([name, value]) => (b: Base) => ({ ...b, params: { ...b.params, [name]: value }, mutation: 'path' })),
    });
  }
  const queryValues = fc.oneof(
    fc.constantFrom(...QUERY_BAD),
    BAD_VALUES.filter((v) => typeof v === 'string' && v.length < 20_000 && !/[\ud800-\udfff]/.test(v)).map((v) => v as string),
  );
  if (queries.length) {
    mutations.push({
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...queries.map((q) => q.name)), fc.constantFrom('%00', '%E2%80%AE', '%EF%BB%BF', '%C2%85'))
        .map(([name, char]) => (b: Base) => {
          const current = b.query[name];
          const text = typeof current === 'string' ? current : 'x';
          return { ...b, query: { ...b.query, [name]: new RawQuery(`${encodeURIComponent(text)}${char}${MARK}`) }, mutation: 'query.inject' };
        }),
    });
  }
  mutations.push({
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...queries.map((q) => q.name), 'pageSize', 'limt', '__proto__', 'constructor', `${MARK}\u0000`), queryValues, fc.boolean())
      .map(([name, value, twice]) => (b: Base) => ({
        ...b,
        query: { ...b.query, [name]: twice && typeof value === 'string' ? [value, value] : value },
        mutation: 'query',
      })),
  });
  if (takesBody) {
    const paths = propertyPaths(bodySchema);
    if (paths.length) {
      mutations.push({
        weight: 6,
        arbitrary: fc.tuple(fc.constantFrom(...paths), BAD_VALUES).map(([p, v]) => (b: Base) => ({
          ...b,
          body: { kind: 'json', value: setPath(b.body.kind === 'json' ? b.body.value : {}, p, v) },
          mutation: 'body.field',
        })),
      });
      mutations.push({
        weight: 2,
        arbitrary: fc.constantFrom(...paths).map((p) => (b: Base) => ({
          ...b,
          body: { kind: 'json', value: setPath(b.body.kind === 'json' ? b.body.value : {}, p, undefined, true) },
          mutation: 'body.missing',
        })),
      });
    }
    mutations.push({
      weight: 4,
      arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...INJECTED)).map(([which, at, char]) => (b: Base) => {
        const value = b.body.kind === 'json' ? b.body.value : {};
        const leaves = stringLeaves(value);
        if (leaves.length === 0) return { ...b, mutation: 'body.inject' };
        const leaf = leaves[which % leaves.length]!;
        const text = String(getPath(value, leaf));
        const cut = at % (text.length + 1);
        return { ...b, body: { kind: 'json', value: setPath(value, leaf, `${text.slice(0, cut)}${char}${MARK}${text.slice(cut)}`) }, mutation: 'body.inject' };
      }),
    });
    mutations.push({
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...WEIRD_KEYS), BAD_VALUES).map(([k, v]) => (b: Base) => ({
        ...b,
        body: { kind: 'json', value: setPath(b.body.kind === 'json' ? b.body.value : {}, [k], v) },
        mutation: 'body.extra',
      })),
    });
    mutations.push({ weight: 1, arbitrary: BAD_VALUES.map((v) => (b: Base) => ({ ...b, body: { kind: 'json', value: v }, mutation: 'body.whole' })) });
    mutations.push({
      weight: 1,
      arbitrary: fc.constantFrom(...RAW_BODIES).map((r) => (b: Base) => ({ ...b, body: { kind: 'raw', ...r }, mutation: 'body.raw' })),
    });
    mutations.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...MULTIPART_VARIANTS),
          fc.constantFrom('справка.pdf', `invoice\u202Efdp.exe`, `${MARK}\u0000.pdf`, `${MARK}\ud800.pdf`, '../../etc/passwd', 'я'.repeat(400) + '.pdf', ''),
        )
        .map(([variant, fileName]) => (b: Base) => ({ ...b, body: { kind: 'multipart', variant, fileName }, mutation: `multipart.${variant}` })),
    });
  }
  return fc.tuple(base, fc.oneof(...mutations)).map(([b, mutate]) => mutate(b));
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A multipart body of the given kind; `oversizeBytes` is just over the attachment limit. */
export function multipartBody(variant: MultipartVariant, fileName: string, oversizeBytes: number): { contentType: string; payload: Buffer } {
  const b = 'fuzzboundary';
  const type = `multipart/form-data; boundary=${b}`;
  const part = (name: string, file: string | null, data: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${name}"${file !== null ? `; filename="${file}"` : ''}\r\nContent-Type: application/pdf\r\n\r\n`,
        'utf8',
      ),
      data,
      Buffer.from('\r\n'),
    ]);
  const end = Buffer.from(`--${b}--\r\n`);
  switch (variant) {
    case 'no_boundary':
      return { contentType: 'multipart/form-data', payload: Buffer.concat([part('file', fileName, PDF), end]) };
    case 'truncated':
      return { contentType: type, payload: part('file', fileName, PDF).subarray(0, 60) };
    case 'garbage':
      return { contentType: type, payload: Buffer.from('\u0000\u00ff garbage without any boundary \r\n\r\n--') };
    case 'bad_part_header':
      return { contentType: type, payload: Buffer.from(`--${b}\r\nNo-Colon-Here\r\nContent-Disposition: ;;;\r\n\r\n${MARK}\r\n--${b}--\r\n`) };
    case 'wrong_field':
      return { contentType: type, payload: Buffer.concat([part('document', fileName, PDF), end]) };
    case 'text_field':
      return { contentType: type, payload: Buffer.concat([part('comment', null, Buffer.from(`${MARK}\u0000`)), part('file', fileName, PDF), end]) };
    case 'too_many_files':
      return { contentType: type, payload: Buffer.concat([...Array.from({ length: 12 }, (_, i) => part('file', `${i}-${fileName}`, PDF)), end]) };
    case 'oversize':
      return { contentType: type, payload: Buffer.concat([part('file', fileName, Buffer.concat([PDF, Buffer.alloc(oversizeBytes)])), end]) };
    case 'empty':
      return { contentType: type, payload: end };
    case 'valid':
      return { contentType: type, payload: Buffer.concat([part('file', fileName, PDF), end]) };
  }
}

/** `?a=1&b=2` from generated values; RawQuery values go in as written. */
export function queryText(query: Record<string, string | string[] | RawQuery>): string {
  const parts: string[] = [];
  const enc = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'));
    }
  };
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${one instanceof RawQuery ? one.text : enc(one)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function pathText(path: string, params: Record<string, string | RawQuery>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v instanceof RawQuery) return v.text;
    try {
      return encodeURIComponent(v ?? '');
    } catch {
      return 'x';
    }
  });
}
