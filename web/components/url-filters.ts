import type { z } from 'zod';

/**
 * A list's filters, sorting and page kept in the page's address, typed by the zod query schema of
 * the API route the list reads (domain/schemas). The address holds only what the route declares
 * and accepts, and no default; the API query is built from the same schema, so the web never sends
 * a parameter the server would refuse (it answers 400 to unknown ones).
 *
 * Paging: the address keeps `page` (1-based) and `limit`; the API gets `limit` and `offset`.
 */

export type QuerySchema = z.ZodObject<z.ZodRawShape>;
export type QueryKey<S extends QuerySchema> = Extract<keyof S['shape'], string>;
/** A query for the API: only the route's own parameters. */
export type ApiQuery<S extends QuerySchema> = Partial<Record<QueryKey<S>, string | number>>;

export const PAGE_SIZES: readonly number[] = [20, 50, 100, 200];
const PAGING_KEYS = ['limit', 'offset'];

export interface UrlFilterOptions<S extends QuerySchema> {
  /**
   * Parameters the page decides itself (a journal's box, the dashboard cell): sent as given, never
   * read from or written to the address. A key given as `undefined` is left out of the query.
   */
  fixed?: Partial<Record<QueryKey<S>, string | undefined>>;
  pageSizes?: readonly number[];
  /** The page size when the address names none (the schema's default otherwise). */
  defaultLimit?: number;
}

export interface UrlFilterState<S extends QuerySchema> {
  /** The address's values the route accepts, as written there; defaults are never among them. */
  values: Partial<Record<QueryKey<S>, string>>;
  page: number;
  limit: number;
}

type Field = z.ZodType;
const fieldOf = (schema: QuerySchema, key: string): Field | undefined => (schema.shape as Record<string, Field>)[key];

/** What the field means when the parameter is absent (undefined when it has no default). */
function defaultOf(field: Field): unknown {
  const r = field.safeParse(undefined);
  return r.success ? r.data : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The value as the field reads it, or undefined when the route would refuse it or reads nothing. */
function accepted(field: Field, raw: string): unknown {
  const r = field.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** The parameter's default as the address would write it (for sorting: which column is sorted when none is named). */
export function defaultText(schema: QuerySchema, key: string): string | undefined {
  const field = fieldOf(schema, key);
  const d = field ? defaultOf(field) : undefined;
  return d === undefined ? undefined : String(d);
}

export const hasPaging = (schema: QuerySchema) => PAGING_KEYS.every((k) => k in schema.shape);

/** The keys the address may hold for this list: the route's parameters but the fixed ones and the paging. */
export function addressKeys<S extends QuerySchema>(schema: S, options: UrlFilterOptions<S> = {}): QueryKey<S>[] {
  const fixed = options.fixed ?? {};
  return (Object.keys(schema.shape) as QueryKey<S>[]).filter((k) => !(k in fixed) && !PAGING_KEYS.includes(k));
}

function pagingOf<S extends QuerySchema>(schema: S, options: UrlFilterOptions<S>) {
  const field = fieldOf(schema, 'limit');
  const fallback = typeof options.defaultLimit === 'number' ? options.defaultLimit : field ? Number(defaultOf(field) ?? 50) : 50;
  return { sizes: options.pageSizes ?? PAGE_SIZES, defaultLimit: fallback };
}

/** Keeps a value only when the field accepts it and it is not what the field means by default. */
function meaningful(field: Field, raw: string): boolean {
  const value = accepted(field, raw);
  return value !== undefined && !same(value, defaultOf(field));
}

export function readUrlFilters<S extends QuerySchema>(schema: S, params: URLSearchParams, options: UrlFilterOptions<S> = {}): UrlFilterState<S> {
  const values: Partial<Record<QueryKey<S>, string>> = {};
  for (const key of addressKeys(schema, options)) {
    const raw = params.get(key);
    if (raw !== null && meaningful(fieldOf(schema, key)!, raw)) values[key] = raw;
  }
  const { sizes, defaultLimit } = pagingOf(schema, options);
  const asked = Number(params.get('limit'));
  const limit = sizes.includes(asked) ? asked : defaultLimit;
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  return { values, page, limit };
}

/** A change: a parameter's new value (undefined clears it), `page` or `limit`. */
export type UrlFilterChanges<S extends QuerySchema> = Partial<Record<QueryKey<S> | 'page', string | number | undefined>>;

/**
 * The address after a change. Values the route would refuse and defaults are removed, not written;
 * any change but a page's (a new page size too) returns to page 1. Parameters that are not this list's stay as they are
 * (the page's own, such as the events' view, or those of a dashboard the list opens over).
 */
export function writeUrlFilters<S extends QuerySchema>(
  schema: S,
  params: URLSearchParams,
  changes: UrlFilterChanges<S>,
  options: UrlFilterOptions<S> = {},
): URLSearchParams {
  const next = new URLSearchParams(params);
  const keys = new Set<string>(addressKeys(schema, options));
  const { sizes, defaultLimit } = pagingOf(schema, options);
  const limitBefore = readUrlFilters(schema, params, options).limit;
  let pageChanged = false;
  for (const [key, value] of Object.entries(changes) as [string, string | number | undefined][]) {
    const raw = value === undefined ? undefined : String(value);
    if (key === 'page') {
      pageChanged = true;
      if (raw !== undefined && Number(raw) > 1) next.set('page', String(Math.floor(Number(raw))));
      else next.delete('page');
    } else if (key === 'limit') {
      if (raw !== undefined && sizes.includes(Number(raw)) && Number(raw) !== defaultLimit) next.set('limit', raw);
      else next.delete('limit');
    } else if (keys.has(key)) {
      if (raw !== undefined && meaningful(fieldOf(schema, key)!, raw)) next.set(key, raw);
      else next.delete(key);
    }
  }
  // Another page size starts from the first page, as does any other change but a page's.
  if (!pageChanged || readUrlFilters(schema, next, options).limit !== limitBefore) next.delete('page');
  return next;
}

/** The address without any of this list's parameters (a page's own ones stay). */
export function clearUrlFilters<S extends QuerySchema>(schema: S, params: URLSearchParams, options: UrlFilterOptions<S> = {}): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of [...addressKeys(schema, options), 'page', 'limit']) next.delete(key);
  return next;
}

/** The API query: the fixed parameters, the address's values, and the page as `limit`/`offset`. */
export function apiQuery<S extends QuerySchema>(schema: S, state: UrlFilterState<S>, options: UrlFilterOptions<S> = {}): ApiQuery<S> {
  const query: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(options.fixed ?? {}) as [string, string | undefined][]) if (v !== undefined) query[k] = v;
  Object.assign(query, state.values);
  if (hasPaging(schema)) Object.assign(query, { limit: state.limit, offset: (state.page - 1) * state.limit });
  return query as ApiQuery<S>;
}

/** `a=1&b=` for a GET: unlike withQuery() it keeps an empty value the route accepts (an annual figure's "no form"). */
export function searchOf(query: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
}
