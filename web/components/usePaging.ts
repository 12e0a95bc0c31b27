import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from './url-filters.ts';

/**
 * Server-side paging (`limit`/`offset`, `total`) kept in the component, for lists whose page need not
 * survive a reload (a journal keeps its page in the address: useUrlFilters). Changing a filter calls
 * `reset()` to return to page 1.
 */
export function usePaging(defaultSize = 50) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(defaultSize);
  const params = { limit: pageSize, offset: (page - 1) * pageSize };
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [...PAGE_SIZES],
    showTotal: (count) => t('common:list.total', { count }),
    onChange: (p, size) => {
      setPage(size !== pageSize ? 1 : p);
      setPageSize(size);
    },
  });
  return { params, pagination, reset: () => setPage(1) };
}
