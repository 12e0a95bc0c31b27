import type { ThemeConfig } from 'antd';

/**
 * The app's Ant Design theme. antd's default greys for secondary text, descriptions, empty lists and
 * placeholders (45 % and 25 % black) fall under WCAG's 4.5:1 contrast on white and on our grey
 * background; these are the lightest that pass (axe checks every page, e2e/accessibility.spec.ts).
 * Warning, success and error texts and danger buttons get darker shades for the same reason; coloured tags are darkened
 * in styles.css (their preset colours do not follow the palette tokens).
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
  },
  components: {
    // A danger button's text is the error colour: antd's #ff4d4f is 3.7:1 on white (the link page's «Revoke»).
    Button: { colorError: '#cf1322', colorErrorHover: '#a8071a', colorErrorActive: '#820014' },
  },
};
