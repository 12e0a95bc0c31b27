import { Alert, Card, Form, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isOfficeStaff } from '../../../domain/access.ts';
import { ITEM_KINDS } from '../../../domain/items.ts';
import { LETTER_CHANNELS } from '../../../domain/letters.ts';
import { UpdateItemBody } from '../../../domain/schemas/items.ts';
import { api } from '../../api/client.ts';
import type { ItemView } from '../../api/types.ts';
import { useUploadLimits } from '../../components/Attachments.tsx';
import { DraftFormFooter } from '../../components/DraftForm.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDraftForm } from '../../components/useDraftForm.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { useOffSystemCounterparts } from '../offices/useOffices.ts';
import { blankValues, ClassificationCard, contentBodyOf, ContentCard, CounterpartLabel, HandlingCard, missingOf, type Values } from './ItemFormPage.tsx';
import { receivedLetterSchema } from './letter-rules.ts';
import { LetterFields, letterOf } from './RecordLetterDialog.tsx';
import { itemKeys, postReceived, useItemRefresh } from './useItems.ts';

type ReceivedValues = Values & { fromOfficeCode?: string; letter?: Parameters<typeof letterOf>[0]; file?: File[] };

/** A request received orally is registered once its written text arrives: only written channels. */
const WRITTEN = LETTER_CHANNELS.filter((c) => c !== 'phone');

/**
 * Issue 10: a request or proposal received by letter from an office off the system, entered as
 * written — its sender, number and date, signer as printed and the scans — and from then on an
 * incoming item of the office like any other (/items/received).
 */
export default function ReceivedItemPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useUser();
  const today = useToday();
  const limits = useUploadLimits().data;
  const refresh = useItemRefresh();
  const senders = useOffSystemCounterparts(user.office.id);
  const d = useDraftForm<ReceivedValues, ItemView, ReturnType<typeof receivedLetterSchema>, typeof UpdateItemBody>({
    blank: { ...blankValues('request', user.office.party), letter: { channel: 'letter' }, file: [] },
    valuesOf: () => blankValues('request', user.office.party),
    bodyOf: contentBodyOf,
    contentKeys: [],
    createBody: (content, v) => ({ ...content, fromOfficeCode: v.fromOfficeCode, letter: letterOf(v.letter), file: v.file ?? [] }),
    createSchema: receivedLetterSchema(today, limits),
    // Entered once, as the letter reads: afterwards it is an incoming item, not a draft.
    updateSchema: UpdateItemBody,
    create: (body) => postReceived(body),
    update: (id, body) => api.patch<ItemView>(`/api/v1/items/${id}`, body),
    refresh,
    draftKey: itemKeys.one,
    pathOf: (saved) => `/items/${saved.id}`,
    cancelPath: '/items/incoming',
    savedText: t('items:received.saved'),
  });
  const { form, initial, values: v } = d;

  if (!isOfficeStaff(user)) return <Alert type="warning" showIcon title={t('items:form.staffOnly')} />;

  const chosen = senders.items.find((c) => c.office.code === v.fromOfficeCode);
  const missing = missingOf(v, chosen?.office.id ?? null, user.office.id);
  const options = senders.items.map((c) => ({
    value: c.office.code,
    disabled: !c.directExchange.allowed,
    label: <CounterpartLabel c={c} />,
    text: `${pickText(c.office.name, locale)} ${c.office.code}`,
  }));

  return (
    <>
      <PageHeader title={t('items:received.title')}>
        <Typography.Text type="secondary">{t('items:received.intro')}</Typography.Text>
      </PageHeader>
      <Form<ReceivedValues> form={form} layout="vertical" initialValues={initial} onFinish={d.submit} scrollToFirstError style={{ maxWidth: 1100 }}>
        <ErrorAlert error={d.error} />
        <Card title={t('items:received.sections.letter')} style={{ marginBottom: 16 }}>
          <Form.Item name="fromOfficeCode" label={t('items:received.fromOffice')} required extra={t('items:received.fromOfficeHint')}>
            <Select
              showSearch={{ optionFilterProp: 'text' }}
              loading={senders.isPending}
              options={options}
              placeholder={t('items:form.chooseCounterpart')}
              notFoundContent={t('items:received.noOffices')}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('items:fields.kind')} required>
            <Radio.Group optionType="button" options={ITEM_KINDS.map((k) => ({ value: k, label: t(`items:kinds.${k}`) }))} />
          </Form.Item>
          <LetterFields channels={WRITTEN} signerRequired />
        </Card>

        <ContentCard kind={v.kind} />
        <ClassificationCard />
        <HandlingCard kind={v.kind} values={v} addressee={user.office.party} confidentialityHint={t('items:received.confidentialityHint')} />

        <DraftFormFooter
          missing={missing.map((f) => t(`items:mandatory.${f}`))}
          missingTitle={t('items:received.missingTitle')}
          completeTitle={t('items:received.complete')}
          saveLabel={t('items:received.save')}
          pending={d.pending}
          onCancel={d.cancel}
        />
      </Form>
    </>
  );
}
