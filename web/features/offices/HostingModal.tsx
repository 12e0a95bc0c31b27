import { Alert, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { allowedHostings, HOSTINGS, type Hosting, type NodeParty } from '../../../domain/node.ts';
import { ChangeHostingBody } from '../../../domain/schemas/registry.ts';
import { request } from '../../api/client.ts';
import type { OfficeView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { useToday } from '../auth/useToday.ts';
import { pairingKeys } from '../pairings/usePairings.ts';
import { officeKeys } from './useOffices.ts';

/** Not a text to translate: the scheme every peer address starts with. */
const HTTPS_PREFIX = 'https://';

interface Values {
  hosting: Hosting;
  peer?: { name?: string; url?: string };
  effectiveFrom?: string | null;
  comment?: string;
}

/**
 * Where the office works: here, at a peer node (its name and https address) or off the system.
 * Offers what this node allows (domain/node.ts); the change enters the office's history.
 */
export function HostingModal({ office, node, onClose, onSaved }: { office: OfficeView; node: NodeParty; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('hosting', form) ?? office.hosting;
  const allowed = allowedHostings(node, office.party);
  const { submit, pending, error } = useFormMutation({
    form,
    schema: ChangeHostingBody,
    toBody: (v: Values) => ({
      hosting: v.hosting,
      peer: v.hosting === 'peer' ? { name: v.peer?.name ?? '', url: v.peer?.url ?? '' } : undefined,
      effectiveFrom: v.effectiveFrom ?? undefined,
      comment: v.comment?.trim() || undefined,
      version: office.version,
    }),
    mutationFn: (body) => request<OfficeView>('PUT', `/api/v1/offices/${office.id}/hosting`, body),
    invalidate: [officeKeys.all, pairingKeys.all],
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <FormModal<Values>
      open
      title={t('registry:hosting.changeTitle', { code: office.code })}
      form={form}
      initialValues={{ hosting: office.hosting, peer: office.peer ?? undefined, effectiveFrom: today }}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      width={620}
    >
      <Form.Item name="hosting" label={t('registry:hosting.choose')} required>
        <Radio.Group>
          <Space orientation="vertical">
            {HOSTINGS.map((h) => (
              <Radio key={h} value={h} disabled={!allowed.includes(h)}>
                {t(`registry:hostings.${h}`)}
                {allowed.includes(h) ? null : <Typography.Text type="secondary"> — {t('registry:hosting.notAllowed')}</Typography.Text>}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Alert type="info" showIcon title={t(`registry:hosting.explain.${chosen}`)} style={{ marginBottom: 16 }} />
      {chosen === 'peer' ? (
        <>
          <Form.Item name={['peer', 'name']} label={t('registry:hosting.peerName')} extra={t('registry:hosting.peerNameHint')} required>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name={['peer', 'url']} label={t('registry:hosting.peerUrl')} extra={t('registry:hosting.peerUrlHint')} required>
            <Input maxLength={500} placeholder={HTTPS_PREFIX} inputMode="url" />
          </Form.Item>
        </>
      ) : null}
      {chosen !== 'here' && office.hosting === 'here' ? <Typography.Paragraph type="secondary">{t('registry:hosting.usersNote')}</Typography.Paragraph> : null}
      <Form.Item name="effectiveFrom" label={t('registry:change.effectiveFrom')} extra={t('registry:change.effectiveFromHint')}>
        <IsoDatePicker />
      </Form.Item>
      <Form.Item name="comment" label={t('registry:change.comment')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
