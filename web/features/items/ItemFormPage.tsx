import { Alert, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isOfficeStaff } from '../../../domain/access.ts';
import {
  CONFIDENTIALITY_LEVELS,
  COST_ARRANGEMENTS,
  FORMS,
  ITEM_LANGUAGES,
  SUBJECT_MATTERS,
  missingMandatoryFields,
  stateLanguage,
  type ItemContent,
  type MandatoryField,
  type ItemKind,
  type PriorityArea,
  type SubjectMatter,
} from '../../../domain/items.ts';
import { CreateItemBody, UpdateItemBody } from '../../../domain/schemas/items.ts';
import type { Party } from '../../../domain/registry.ts';
import { scopeOf } from '../../../domain/scope.ts';
import { wasSent } from '../../../domain/item-status.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { api } from '../../api/client.ts';
import type { CounterpartsView, ItemView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DraftFiles, DraftFormFooter, EditableDraft } from '../../components/DraftForm.tsx';
import { blankToNull, useDraftForm } from '../../components/useDraftForm.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { useAllOffices, useCounterparts } from '../offices/useOffices.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { LinkPicker } from './LinkPicker.tsx';
import { PriorityAreasSelect } from './PriorityAreasSelect.tsx';
import { RouteNotice } from './RouteNotice.tsx';
import { itemKeys, useItem, useItemRefresh } from './useItems.ts';

/** The form's values of an item's content (a draft's, or a received letter's with its sender and letter). */
export interface Values {
  kind: ItemKind;
  toOfficeCode?: string | null;
  subjectMatter: string;
  subject?: string;
  essence?: string;
  purpose?: string;
  assistance?: string;
  otherInfo?: string | null;
  form?: string | null;
  priorityAreas?: string[];
  language: string;
  translationAttached?: boolean;
  confidentiality: string;
  isPublic?: boolean;
  costArrangement: string;
  costTerms?: string | null;
  inReplyTo?: string | null;
  furtherTo?: string | null;
}

/** The server route requires the addressee; the shared schema keeps it nullable for drafts in general. */
const CreateBody = CreateItemBody.extend({ toOfficeCode: CreateItemBody.shape.toOfficeCode.unwrap() });

const CONTENT_KEYS = [
  'toOfficeCode',
  'subjectMatter',
  'subject',
  'essence',
  'purpose',
  'assistance',
  'otherInfo',
  'form',
  'priorityAreas',
  'language',
  'translationAttached',
  'confidentiality',
  'isPublic',
  'costArrangement',
  'costTerms',
] as const;

/** The content of the form as the API takes it, without the addressee (a draft names it, a received letter does not). */
export function contentBodyOf(v: Values) {
  return {
    kind: v.kind,
    subjectMatter: v.subjectMatter,
    subject: v.subject ?? '',
    essence: v.essence ?? '',
    purpose: v.purpose ?? '',
    assistance: v.assistance ?? '',
    otherInfo: blankToNull(v.otherInfo),
    form: v.form ?? null,
    priorityAreas: v.priorityAreas ?? [],
    language: v.language,
    translationAttached: Boolean(v.translationAttached),
    confidentiality: v.confidentiality,
    isPublic: v.kind === 'proposal' ? Boolean(v.isPublic) : false,
    costArrangement: v.costArrangement,
    costTerms: v.costArrangement === 'agreed' ? blankToNull(v.costTerms) : null,
  };
}

const bodyOf = (v: Values) => ({ toOfficeCode: v.toOfficeCode ?? null, ...contentBodyOf(v) });

/** What A-6.3 still asks of the content between these offices (the form shows it before saving). */
export function missingOf(v: Values, fromOfficeId: string | null, toOfficeId: string | null): MandatoryField[] {
  return missingMandatoryFields({
    kind: v.kind,
    fromOfficeId,
    toOfficeId,
    subject: v.subject ?? '',
    essence: v.essence ?? '',
    purpose: v.purpose ?? '',
    assistance: v.assistance ?? '',
    otherInfo: null,
    form: (v.form ?? null) as ItemContent['form'],
    priorityAreas: [],
    subjectMatter: 'within_protocol',
    language: 'ru',
    translationAttached: false,
    confidentiality: 'open',
    costArrangement: v.costArrangement as ItemContent['costArrangement'],
    costTerms: blankToNull(v.costTerms),
  });
}

/** The form's values of a new item: the defaults a draft and a received letter share. */
export const blankValues = (kind: ItemKind, party: Party): Values => ({
  kind,
  subjectMatter: 'within_protocol',
  language: party === 'RU' ? 'ru' : 'kk',
  translationAttached: false,
  confidentiality: 'open',
  isPublic: false,
  costArrangement: 'each_own',
  priorityAreas: [],
});

/** A counterpart in a picker: its name and code, and why direct exchange is refused today, if it is. */
export function CounterpartLabel({ c }: { c: CounterpartsView['items'][number] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <span>{pickText(c.office.name, currentLocale())}</span>
      <Typography.Text type="secondary">{c.office.code}</Typography.Text>
      {c.directExchange.allowed ? null : (
        <Tag color="red">
          {t('items:form.directNotAllowed', {
            reason: c.directExchange.reason ? t(`registry:exchangeReasons.${c.directExchange.reason}`, { defaultValue: c.directExchange.reason }) : '',
          })}
        </Tag>
      )}
    </Space>
  );
}

function valuesOf(item: ItemView): Values {
  return {
    kind: item.kind,
    toOfficeCode: (item.intendedOffice ?? item.toOffice).code,
    subjectMatter: item.subjectMatter,
    subject: item.content?.subject ?? '',
    essence: item.content?.essence ?? '',
    purpose: item.content?.purpose ?? '',
    assistance: item.content?.assistance ?? '',
    otherInfo: item.content?.otherInfo ?? null,
    form: item.form,
    priorityAreas: item.priorityAreas,
    language: item.language,
    translationAttached: item.translationAttached,
    confidentiality: item.confidentiality,
    isPublic: item.isPublic,
    costArrangement: item.costArrangement,
    costTerms: item.content?.costTerms ?? null,
  };
}

/** New request or proposal: /items/new?kind=request|proposal. */
export function NewItemPage() {
  const [params] = useSearchParams();
  const kind: ItemKind = params.get('kind') === 'proposal' ? 'proposal' : 'request';
  return <ItemForm key={kind} kind={kind} />;
}

/** Edit of a draft (or of an oral request not yet confirmed in writing): /items/:id/edit. */
export function EditItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditableDraft
      draft={useItem(id)}
      editable={(item) => item.availableActions.includes('update') && item.contentVisible}
      notEditable={t('items:form.notEditable')}
      back={{ to: `/items/${id}`, label: t('items:actions.backToItem') }}
    >
      {(item) => <ItemForm key={item.id} kind={item.kind} item={item} />}
    </EditableDraft>
  );
}

function ItemForm({ kind, item }: { kind: ItemKind; item?: ItemView }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const locale = currentLocale();
  const user = useUser();
  const refresh = useItemRefresh();
  const counterparts = useCounterparts(user.office.id, null);
  const offices = useAllOffices();
  const d = useDraftForm({
    draft: item,
    blank: blankValues(kind, user.office.party),
    valuesOf,
    bodyOf,
    contentKeys: CONTENT_KEYS,
    createBody: (content, values) => ({ ...content, inReplyTo: values.inReplyTo ?? null, furtherTo: values.furtherTo ?? null }),
    createSchema: CreateBody,
    updateSchema: UpdateItemBody,
    create: (body) => api.post<ItemView>('/api/v1/items', body),
    update: (id, body) => api.patch<ItemView>(`/api/v1/items/${id}`, body),
    refresh,
    draftKey: itemKeys.one,
    pathOf: (saved) => `/items/${saved.id}`,
    cancelPath: '/items/outgoing',
    savedText: t('items:form.saved'),
  });
  const { form, initial, values: v } = d;

  const fixedAfterSend = item ? wasSent(item.status) : false;
  const scope = scopeOf({ subjectMatter: v.subjectMatter as SubjectMatter, priorityAreas: (v.priorityAreas ?? []) as PriorityArea[] });
  const chosen = counterparts.data?.items.find((c) => c.office.code === v.toOfficeCode);
  const chosenOffice = chosen?.office ?? offices.data?.items.find((o) => o.code === v.toOfficeCode);
  const coordinator = offices.data?.items.find((o) => o.kind === 'coordinator' && o.party === user.office.party);
  const missing = missingOf(v, user.office.id, v.toOfficeCode ?? null);

  // O-1: directly, only to an office that is a counterpart today; a routed matter (O-3.4) may name any of them.
  const counterpartOptions = (counterparts.data?.items ?? []).map((c) => ({
    value: c.office.code,
    disabled: !c.directExchange.allowed && scope.route === 'direct' && c.office.code !== initial.toOfficeCode,
    label: <CounterpartLabel c={c} />,
    text: `${pickText(c.office.name, locale)} ${c.office.code}`,
  }));
  if (item && !counterpartOptions.some((o) => o.value === initial.toOfficeCode)) {
    const o = item.intendedOffice ?? item.toOffice;
    counterpartOptions.push({ value: o.code, disabled: false, label: <span>{pickText(o.name, locale)}</span>, text: o.code });
  }

  if (!isOfficeStaff(user)) return <Alert type="warning" showIcon title={t('items:form.staffOnly')} />;

  const title = item ? t('items:form.editTitle', { kind: t(`items:kinds.${kind}`), number: formatNumber(item) }) : t(`items:form.newTitle.${kind}`);

  return (
    <>
      <PageHeader title={title}>
        <Typography.Text type="secondary">{t(`items:form.intro.${kind}`)}</Typography.Text>
      </PageHeader>
      {item?.status === 'signed' ? <Alert type="warning" showIcon title={t('items:form.editVoidsSignature')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={d.submit} scrollToFirstError style={{ maxWidth: 1100 }}>
        <Form.Item name="kind" hidden>
          <Input />
        </Form.Item>
        <ErrorAlert error={d.error} />
        <Card title={t('items:form.sections.addressee')} style={{ marginBottom: 16 }}>
          <Form.Item name="toOfficeCode" label={t(`items:form.toOffice.${kind}`)} required extra={t('items:form.counterpartHint', party)}>
            <Select
              showSearch={{ optionFilterProp: 'text' }}
              loading={counterparts.isPending}
              disabled={fixedAfterSend}
              options={counterpartOptions}
              placeholder={t('items:form.chooseCounterpart')}
              notFoundContent={t('items:form.noCounterparts')}
            />
          </Form.Item>
          {chosen && !chosen.directExchange.allowed && scope.route === 'direct' ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('items:form.directNotAllowedTitle', { office: pickText(chosen.office.name, locale) })}
              description={
                chosen.directExchange.reason
                  ? t(`registry:exchangeReasons.${chosen.directExchange.reason}`, { defaultValue: chosen.directExchange.reason })
                  : undefined
              }
            />
          ) : null}
          <Form.Item name="subjectMatter" label={t('items:fields.subjectMatter')} extra={t('items:form.subjectMatterHint', party)}>
            <Radio.Group disabled={fixedAfterSend} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {SUBJECT_MATTERS.map((s) => (
                <Radio key={s} value={s}>
                  {t(`items:subjectMatters.${s}`, party)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <RouteNotice
            reasons={scope.route === 'coordinator' ? scope.reasons : []}
            coordinator={coordinator ? pickText(coordinator.name, locale) : t(`items:route.coordinatorOf.${user.office.party}`)}
            intended={chosenOffice ? pickText(chosenOffice.name, locale) : null}
            future
          />
        </Card>

        <ContentCard kind={kind} />
        <ClassificationCard />
        <HandlingCard kind={kind} values={v} addressee={chosenOffice?.party ?? null} />

        {item ? null : (
          <Card title={t('items:form.sections.links')} style={{ marginBottom: 16 }}>
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <Form.Item name="inReplyTo" label={t('items:links.in_reply_to')} extra={t('items:form.inReplyToHint')}>
                  <LinkPicker />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="furtherTo" label={t('items:links.further_to')} extra={t('items:form.furtherToHint')}>
                  <LinkPicker />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        )}

        <DraftFormFooter
          missing={missing.map((f) => t(`items:mandatory.${f}`))}
          missingTitle={t('items:form.missingTitle')}
          completeTitle={t('items:form.complete')}
          saveLabel={item ? t('common:actions.save') : t('items:form.saveDraft')}
          pending={d.pending}
          onCancel={d.cancel}
        />
      </Form>
      <DraftFiles title={t('items:attachments.title')} afterSave={t('items:form.filesAfterSave')}>
        {item ? <AttachmentsPanel item={item} /> : null}
      </DraftFiles>
    </>
  );
}

/** A-6.3 fields: marked as required for signing; a draft may still be saved without them. */
const mark = (_field: MandatoryField) => ({ required: true });

/** The text of a request or proposal (A-6.3), as a draft is written or a received letter reads. */
export function ContentCard({ kind }: { kind: ItemKind }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('items:form.sections.content')}
      style={{ marginBottom: 16 }}
      extra={<Typography.Text type="secondary">{t('items:form.article63')}</Typography.Text>}
    >
      <Form.Item name="subject" label={t('items:fields.subject')} extra={t('items:form.subjectHint')} {...mark('subject')}>
        <Input maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="essence" label={t('items:fields.essence')} {...mark('essence')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="purpose" label={t(`items:fields.purpose.${kind}`)} {...mark('purpose')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="assistance" label={t(`items:fields.assistance.${kind}`)} {...mark('assistance')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="otherInfo" label={t('items:fields.otherInfo')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} maxLength={20000} />
      </Form.Item>
    </Card>
  );
}

/** Its form of cooperation and priority areas. */
export function ClassificationCard() {
  const { t } = useTranslation();
  const party = usePartyContext();
  return (
    <Card title={t('items:form.sections.classification')} style={{ marginBottom: 16 }}>
      <Form.Item name="form" label={t('items:fields.form')} {...mark('form')} extra={t('items:form.formHint', party)}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {FORMS.map((f, i) => (
            <Radio key={f} value={f}>
              <Typography.Text strong>{`${i + 1}. ${t(`items:formsShort.${f}`)}`}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`items:forms.${f}`)}
                </Typography.Text>
              </div>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="priorityAreas" label={t('items:fields.priorityAreas')} extra={t('items:form.areasHint', party)}>
        <PriorityAreasSelect />
      </Form.Item>
    </Card>
  );
}

/**
 * Language and translation (A-6.5: the warning names the language of the addressee's Party),
 * confidentiality, publicity of a proposal, costs.
 */
export function HandlingCard({
  kind,
  values,
  addressee,
  confidentialityHint,
}: {
  kind: ItemKind;
  values: Values;
  addressee: Party | null;
  confidentialityHint?: string;
}) {
  const { t } = useTranslation();
  const translationMissing = addressee ? values.language !== stateLanguage(addressee) && !values.translationAttached : false;
  return (
    <Card title={t('items:form.sections.handling')} style={{ marginBottom: 16 }}>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="language" label={t('items:fields.language')}>
            <Radio.Group options={ITEM_LANGUAGES.map((l) => ({ value: l, label: t(`items:languages.${l}`) }))} />
          </Form.Item>
          <Form.Item name="translationAttached" valuePropName="checked" extra={t('items:form.translationHint')}>
            <Checkbox>{t('items:fields.translationAttached')}</Checkbox>
          </Form.Item>
          {translationMissing && addressee ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('items:warnings.TRANSLATION_MISSING')}
              description={t('items:form.translationWarning', { language: t(`items:languageNames.${stateLanguage(addressee)}`) })}
            />
          ) : null}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="confidentiality" label={t('items:fields.confidentiality')} extra={confidentialityHint ?? t('items:form.confidentialityHint')}>
            <Radio.Group optionType="button" options={CONFIDENTIALITY_LEVELS.map((c) => ({ value: c, label: t(`items:confidentiality.${c}`) }))} />
          </Form.Item>
          {kind === 'proposal' ? (
            <Form.Item name="isPublic" valuePropName="checked" extra={t('items:form.isPublicHint')}>
              <Checkbox>{t('items:fields.isPublic')}</Checkbox>
            </Form.Item>
          ) : null}
        </Col>
      </Row>
      <Form.Item name="costArrangement" label={t('items:fields.costArrangement')} extra={t('items:form.costHint')}>
        <Radio.Group options={COST_ARRANGEMENTS.map((c) => ({ value: c, label: t(`items:costs.${c}`) }))} />
      </Form.Item>
      {values.costArrangement === 'agreed' ? (
        <Form.Item name="costTerms" label={t('items:fields.costTerms')} {...mark('costTerms')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20000} />
        </Form.Item>
      ) : null}
    </Card>
  );
}
