import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SETTING_KEYS, SettingsSchema, UpdateSettingsBody, type Settings } from '../../../domain/settings.ts';
import { api } from '../../api/client.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';

const SETTINGS_KEY = ['settings'] as const;

/** Bounds come from the shared schema, so the form allows exactly what the server accepts. */
function bounds(key: keyof Settings): { min?: number; max?: number } {
  let s: z.ZodType = SettingsSchema.shape[key];
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodNumber ? { min: s.minValue ?? undefined, max: s.maxValue ?? undefined } : {};
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<Settings>('/api/v1/settings') });
  const { submit, pending, error } = useFormMutation({
    form,
    schema: UpdateSettingsBody,
    // Only changed values go to the server: the audit row then shows exactly what changed.
    toBody: (v: Settings) => Object.fromEntries(SETTING_KEYS.filter((k) => v[k] !== settings.data?.[k]).map((k) => [k, v[k]])),
    mutationFn: (body) => api.patch<Settings>('/api/v1/settings', body),
    onSuccess: (next) => {
      qc.setQueryData(SETTINGS_KEY, next);
      form.setFieldsValue(next);
      void message.success(t('settings:saved'));
    },
  });

  if (settings.isPending) return <PageSpinner />;
  if (!settings.data) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  return (
    <>
      <PageHeader title={t('settings:title')} />
      <Card style={{ maxWidth: 760 }}>
        <Form<Settings> form={form} layout="vertical" initialValues={settings.data} onFinish={submit}>
          <ErrorAlert error={error} />
          {SETTING_KEYS.map((key, i) => {
            const { min, max } = bounds(key);
            return (
              <Form.Item key={key} name={key} label={t(`settings:fields.${key}.label`)} extra={t(`settings:fields.${key}.hint`, { min, max })} required>
                <InputNumber min={min} max={max} precision={0} autoFocus={i === 0} style={{ width: 160 }} />
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('common:actions.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
