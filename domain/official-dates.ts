import type { IsoDate } from './time.ts';

/**
 * Dates as official letters write them. Russian: «10 марта 2022 г.». Kazakh: «2022 жылғы 10 наурыз»,
 * and before the noun it qualifies «2022 жылғы 10 наурыздағы (хат)» — CLDR's kk long date
 * («2022 ж. 10 наурыз») is not the official form, so the months are spelled out here.
 */
const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
/** The locative suffix each month takes (vowel harmony; -те after the voiceless к); -ғы/-гі makes it attributive. */
const KK_LOCATIVE = ['да', 'да', 'да', 'де', 'да', 'да', 'де', 'да', 'те', 'да', 'да', 'да'];

const parts = (date: IsoDate) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m: m - 1, d };
};

export function russianLongDate(date: IsoDate): string {
  const { y, m, d } = parts(date);
  return `${d} ${RU_MONTHS[m]} ${y} г.`;
}

/** `plain` «10 наурыз», `attributive` «10 наурыздағы (хат)», `locative` «10 наурызда (берілген)». */
export function kazakhLongDate(date: IsoDate, form: 'plain' | 'attributive' | 'locative' = 'plain'): string {
  const { y, m, d } = parts(date);
  const suffix = form === 'plain' ? '' : `${KK_LOCATIVE[m]}${form === 'attributive' ? (KK_LOCATIVE[m]!.endsWith('а') ? 'ғы' : 'гі') : ''}`;
  return `${y} жылғы ${d} ${KK_MONTHS[m]}${suffix}`;
}
