import { GlobalOutlined } from '@ant-design/icons';
import { App, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../domain/schemas/common.ts';
import { currentLocale } from '../i18n/index.ts';
import { errorMessage } from './error-message.ts';

/** Русский / Қазақша / English; each language is named in itself. */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Select<Locale>
      aria-label={t('common:language')}
      value={currentLocale()}
      prefix={<GlobalOutlined aria-hidden />}
      style={{ minWidth: 150 }}
      options={LOCALES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
      onChange={(l) => onChange(l).catch((e: unknown) => void message.error(errorMessage(t, e)))}
    />
  );
}
