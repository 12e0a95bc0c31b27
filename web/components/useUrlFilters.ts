import { useSearchParams } from 'react-router';
import {
  addressKeys,
  apiQuery,
  clearUrlFilters,
  defaultText,
  hasPaging,
  readUrlFilters,
  writeUrlFilters,
  type ApiQuery,
  type QueryKey,
  type QuerySchema,
  type UrlFilterChanges,
  type UrlFilterOptions,
} from './url-filters.ts';

/** Parameters that order a list rather than select from it: they do not count as a filter. */
const ORDER_KEYS = new Set(['sort', 'order']);

/**
 * A list's filters, sorting and page in the address (see url-filters.ts): a shared link or the back
 * button opens the same selection. `query` is what the API gets.
 */
export function useUrlFilters<S extends QuerySchema>(schema: S, options: UrlFilterOptions<S> = {}) {
  const [params, setParams] = useSearchParams();
  // Cheap to read on every render; the query is a react-query key, compared by content.
  const state = readUrlFilters(schema, params, options);
  const query = apiQuery(schema, state, options);

  // From the address as it is now, not as it was at the last render: quick successive changes keep each other.
  const set = (changes: UrlFilterChanges<S>) => setParams((current) => writeUrlFilters(schema, current, changes, options));
  const reset = () => setParams((current) => clearUrlFilters(schema, current, options));
  const get = (key: QueryKey<S>): string | undefined => state.values[key];
  const anyFilter = (Object.keys(state.values) as string[]).some((k) => !ORDER_KEYS.has(k));
  const sortable = 'sort' in schema.shape;

  return {
    schema,
    values: state.values,
    get,
    page: state.page,
    limit: state.limit,
    pageSizes: options.pageSizes,
    paged: hasPaging(schema),
    /** The sorted column's key and direction, the route's defaults when the address names none. */
    sort: sortable ? (state.values['sort' as QueryKey<S>] ?? defaultText(schema, 'sort')) : undefined,
    order: (state.values['order' as QueryKey<S>] ?? defaultText(schema, 'order')) as 'asc' | 'desc' | undefined,
    sortable,
    anyFilter,
    query: query as ApiQuery<S>,
    set,
    reset,
    keys: addressKeys(schema, options),
  };
}

export type UrlFilters<S extends QuerySchema = QuerySchema> = ReturnType<typeof useUrlFilters<S>>;
