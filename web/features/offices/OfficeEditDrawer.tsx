import { Button, Col, Drawer, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OFFICE_KINDS } from '../../../domain/registry.ts';
import { UpdateOfficeBody } from '../../../domain/schemas/registry.ts';
import { api } from '../../api/client.ts';
import type { LocalizedText, OfficeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { TimeZoneInput } from '../../components/TimeZoneInput.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { officeKeys } from './useOffices.ts';
import { useToday } from '../auth/useToday.ts';

const EDITABLE = [
  'kind',
  'name',
  'seat',
  'timeZone',
  'validFrom',
  'validTo',
  'authorized',
  'authorizedFrom',
  'listedInOrderItem1',
  'regionCode',
  'address',
  'notes',
] as const;
type Editable = (typeof EDITABLE)[number];

type Values = Pick<OfficeView, Editable> & { effectiveFrom: string | null; comment?: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Coordinator of the office's Party or administrator: the change enters the history with its date and reason (A-5.3). */
export function OfficeEditDrawer({ office, onClose }: { office: OfficeView; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const { submit, pending, error } = useFormMutation({
    form,
    schema: UpdateOfficeBody,
    toBody: (v: Values) => {
      // Only what changed goes into the PATCH, so the history lists real changes.
      const changed: Partial<Record<Editable, unknown>> = {};
      for (const key of EDITABLE) if (!same(v[key], office[key])) changed[key] = key === 'regionCode' || key === 'address' ? v[key] || null : v[key];
      return { ...changed, effectiveFrom: v.effectiveFrom ?? undefined, comment: v.comment?.trim() || undefined, version: office.version };
    },
    mutationFn: (body) => api.patch<OfficeView>(`/api/v1/offices/${office.id}`, body),
    invalidate: [officeKeys.all],
    onSuccess: onClose,
  });
  const initialValues: Values = { ...office, effectiveFrom: today };
  const localized = (field: 'name' | 'seat', label: string) =>
    (['ru', 'kk', 'en'] as const satisfies readonly (keyof LocalizedText)[]).map((lng, i) => (
      <Form.Item key={lng} name={[field, lng]} label={`${label} (${t(`common:languages.${lng}`)})`} required>
        {field === 'name' ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} autoFocus={field === 'name' && i === 0} /> : <Input />}
      </Form.Item>
    ));

  return (
    <Drawer open title={t('registry:officeEdit.title', { code: office.code })} size={680} onClose={onClose} destroyOnHidden mask={{ closable: false }}>
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <ErrorAlert error={error} />
        {localized('name', t('registry:office.name'))}
        {localized('seat', t('registry:office.seat'))}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('registry:office.kind')} required>
              <Select options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`common:officeKinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="timeZone" label={t('registry:office.timeZone')} required>
              <TimeZoneInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validFrom" label={t('registry:office.validFrom')}>
              <IsoDatePicker />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validTo" label={t('registry:office.validTo')}>
              <IsoDatePicker />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="authorized" label={t('registry:office.authorized')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="authorizedFrom" label={t('registry:office.authorizedFrom')}>
              <IsoDatePicker />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="listedInOrderItem1" label={t('registry:office.listedInOrderItem1')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label={t('registry:office.regionCode')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('registry:office.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="notes" label={t('registry:office.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('registry:change.title')}
        </Typography.Title>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="effectiveFrom" label={t('registry:change.effectiveFrom')} extra={t('registry:change.effectiveFromHint')}>
              <IsoDatePicker />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="comment" label={t('registry:change.comment')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('common:actions.save')}
          </Button>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
