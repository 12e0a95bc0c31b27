import type { ThemeConfig } from 'antd';

/**
 * The app's Ant Design theme. antd's default greys for secondary text, descriptions, empty lists and
 * placeholders (45 % and 25 % black) fall under WCAG's 4.5:1 contrast on white and on our grey
 * background; these are the lightest that pass (axe checks every page, e2e/accessibility.spec.ts).
 * Coloured tags write their text in the palette's 7th shade on its 1st: for green, orange, gold, cyan,
 * volcano and lime that is 2.5–4.4:1, so their 7th shade is the 8th (gold and lime: the 9th). Warning,
 * success and error texts get the darker shades for the same reason.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    borderRadius: 4,
    fontSize: 14,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Links follow the primary colour: antd's default link blue (#1677ff) is 4.1:1 on white.
    colorLink: '#1d4f91',
    colorLinkHover: '#2f6bbd',
    colorLinkActive: '#143a6b',
    colorSuccessText: '#237804',
    colorWarningText: '#874d00',
    colorErrorText: '#cf1322',
    green7: '#237804',
    orange7: '#ad4e00',
    gold7: '#874d00',
    cyan7: '#006d75',
    volcano7: '#ad2102',
    lime7: '#3f6600',
  },
};
