import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import kkKZ from 'antd/locale/kk_KZ';
import ruRU from 'antd/locale/ru_RU';
import type { TFunction } from 'i18next';
import type { Locale } from '../../domain/schemas/common.ts';

const BASE: Record<Locale, AntdLocale> = { ru: ruRU, kk: kkKZ, en: enUS };

/**
 * Ant Design's own texts. kk_KZ leaves a few keys in English (page size, week picker) and has a
 * misspelt "collapse"; those come from common:antd.* so all three languages are complete.
 */
export function antdLocale(locale: Locale, t: TFunction): AntdLocale {
  const base = BASE[locale];
  const weekSelect = t('common:antd.weekSelect');
  const withWeek = <L extends { lang?: object }>(l: L | undefined): L | undefined => (l ? { ...l, lang: { ...l.lang, weekSelect } } : l);
  return {
    ...base,
    Pagination: { ...base.Pagination, page_size: t('common:antd.pageSize'), items_per_page: t('common:antd.itemsPerPage') },
    DatePicker: withWeek(base.DatePicker),
    Calendar: withWeek(base.Calendar),
    Text: { ...base.Text, collapse: t('common:antd.collapse'), expand: t('common:antd.expand') },
  };
}
