import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CONFIDENTIALITY_LEVELS, ORAL_CHANNELS, OUTCOMES, REFUSAL_GROUNDS } from '../../../domain/items.ts';
import { isDateAllowed, latestAllowedDate, type DateWindow } from '../../../domain/registration-dates.ts';
import { ITEM_ACTION_SPECS, type ItemActionSpec, type PostedItemAction } from '../../../domain/schemas/item-actions.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { ApiError } from '../../api/client.ts';
import type { ItemView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { utcOffset } from '../../../domain/time.ts';
import { DATE_TIME_FORMAT, formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { fileSize } from '../../components/Attachments.tsx';
import { levelsFrom, registrationDateOf, withDateRule } from './item-rules.ts';
import { itemKeys, postAction, useExecutors, useItemRefresh } from './useItems.ts';

export type DialogAction = PostedItemAction;

type Values = Record<string, unknown> & { oralAt?: Dayjs | null };

/** The action's schema, with the date rules of domain/registration-dates.ts: the same message the server would give. */
function schemaFor(action: DialogAction, item: ItemView): z.ZodType {
  const spec: ItemActionSpec = ITEM_ACTION_SPECS[action];
  const schema = spec.form ?? spec.body;
  const date = registrationDateOf(item, action);
  return date ? withDateRule(schema, date.field, date.window) : schema;
}

const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function toBody(action: DialogAction, v: Values, version: number): unknown {
  switch (action) {
    case 'send_oral':
      return { ...v, oralAt: v.oralAt ? v.oralAt.toISOString() : undefined, version };
    case 'confirm_authenticity':
    case 'accept_conditions':
    case 'reject_conditions':
    case 'close_consultation':
      return { note: optional(v.note), version };
    case 'open_consultation':
    case 'message':
      return { body: v.body, proposedConditions: optional(v.proposedConditions), confidentiality: v.confidentiality, version };
    case 'record_outcome':
      return {
        ...v,
        refusalGrounds: v.outcome === 'executed' ? [] : (v.refusalGrounds ?? []),
        reason: v.outcome === 'executed' ? undefined : optional(v.reason),
        legalBasisApplied: optional(v.legalBasisApplied),
        isPublic: Boolean(v.isPublic),
        version,
      };
    case 'forward':
      return { note: v.note, outgoingNumber: optional(v.outgoingNumber), version };
    case 'assign':
      return { ...v, dueOn: v.dueOn ?? null, version };
    default:
      return { ...v, version };
  }
}

/** Each action of the status machine as a small dialog with its form; the answer replaces the page's item. */
export function ActionDialog({ item, action, onClose }: { item: ItemView; action: DialogAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const refresh = useItemRefresh();
  const today = useToday();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const m = useFormMutation({
    form,
    schema: schemaFor(action, item),
    toBody: (v: Values) => toBody(action, v, item.version),
    mutationFn: (body) => postAction(item.id, action, body),
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t(`items:done.${action}`));
      onClose();
    },
    onError: (e) => {
      if (!(e instanceof ApiError && e.code === 'VERSION_CONFLICT')) return false;
      // Someone else changed the item: say so, close, and show the item as it is now.
      onClose();
      void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
      void qc.invalidateQueries({ queryKey: ['items', 'part', item.id] });
      modal.warning({ title: t('items:versionConflictTitle'), content: t('items:versionConflict'), okText: t('items:reloaded') });
      return true;
    },
  });

  // The latest day the date may be: today, unless the registry refuses it (then the user sees why).
  const dateWindow = registrationDateOf(item, action)?.window;
  const initialDate = dateWindow ? (latestAllowedDate(dateWindow) ?? undefined) : today;
  const initialValues: Values = {
    send: { outgoingDate: initialDate },
    confirm_in_writing: { outgoingDate: initialDate },
    register: { incomingDate: initialDate },
    send_oral: { oralAt: dayjs(), channel: 'phone', spokenBy: user.fullName },
    // A-9.2: the answer and a message start at the request's level, which they may raise, not lower.
    record_outcome: { outcome: 'executed', refusalGrounds: [], confidentiality: item.confidentiality, isPublic: false },
    open_consultation: { confidentiality: item.confidentiality },
    message: { confidentiality: item.confidentiality },
    propose_conditions: { confidentiality: item.confidentiality },
  }[action as string] ?? {};

  return (
    <FormModal<Values>
      open
      title={t(`items:actions.${action}`)}
      form={form}
      initialValues={initialValues}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t(`items:actionOk.${action}`, { defaultValue: t(`items:actions.${action}`) })}
      width={action === 'record_outcome' || action === 'sign' || action === 'confirm_in_writing' ? 760 : 600}
    >
      <Fields item={item} action={action} outcome={outcome} />
    </FormModal>
  );
}

function SignStatement({ item, purpose }: { item: ItemView; purpose: 'sign' | 'confirm' }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const files = item.attachments.filter((a) => a.role === 'content');
  const addressee = item.intendedOffice ?? item.toOffice;
  return (
    <>
      <Typography.Paragraph>{t(purpose === 'sign' ? 'items:sign.intro' : 'items:sign.introConfirm', { kind: t(`items:kindLower.${item.kind}`), number: formatNumber(item) })}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('items:fields.toOffice')}>{pickText(addressee.name, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('items:fields.subject')}>{item.content?.subject || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('items:sign.covers')}>{t('items:sign.coversText')}</Descriptions.Item>
        <Descriptions.Item label={t('items:sign.files')}>
          {files.length === 0
            ? t('items:sign.noFiles')
            : files.map((f) => (
                <div key={f.id}>
                  {f.fileName} ({fileSize(f.size, locale, t)}) <Typography.Text code style={{ fontSize: 11 }}>{`SHA-256 ${f.sha256.slice(0, 16)}…`}</Typography.Text>
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon title={t('items:sign.voidWarning')} style={{ marginBottom: 12 }} />
    </>
  );
}

/**
 * A-9.2: the level the user's side gives a new piece: every level is shown, those below the piece
 * it belongs to or answers (`floor`) are not offered.
 */
export function LevelField({ name = 'confidentiality', label, floor, extra }: { name?: string; label: string; floor: ItemView['confidentiality']; extra?: string }) {
  const { t } = useTranslation();
  const allowed = levelsFrom(floor);
  return (
    <Form.Item name={name} label={label} extra={extra ?? t('items:pieces.levelHintReply', { level: t(`items:confidentiality.${floor}`) })}>
      <Radio.Group optionType="button" options={CONFIDENTIALITY_LEVELS.map((c) => ({ value: c, label: t(`items:confidentiality.${c}`), disabled: !allowed.includes(c) }))} />
    </Form.Item>
  );
}

function NumberDate({ numberName, dateName, window }: { numberName: string; dateName: string; window: DateWindow | null }) {
  const { t } = useTranslation();
  const hint = window ? t('items:dialogs.dateWindow', { min: formatDate(window.min), max: formatDate(window.max), offset: utcOffset(new Date(), window.timeZone) }) : undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={numberName} label={t(`items:fields.${numberName}`)} required>
          <Input autoFocus maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={dateName} label={t(`items:fields.${dateName}`)} required extra={hint}>
          <IsoDatePicker allowClear={false} disabledDate={window ? (d) => !isDateAllowed(window, d) : undefined} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function Fields({ item, action, outcome }: { item: ItemView; action: DialogAction; outcome: string | undefined }) {
  const { t } = useTranslation();
  const text = (name: string, label: string, required: boolean, rows = 3, extra?: string) => (
    <Form.Item name={name} label={label} required={required} extra={extra}>
      <Input.TextArea autoFocus={required} autoSize={{ minRows: rows, maxRows: 12 }} maxLength={20000} />
    </Form.Item>
  );
  switch (action) {
    case 'sign':
      return <SignStatement item={item} purpose="sign" />;
    case 'revise':
      return <Typography.Paragraph>{t('items:dialogs.revise')}</Typography.Paragraph>;
    case 'send':
      return (
        <>
          <Typography.Paragraph>{t(item.route === 'coordinator' ? 'items:dialogs.sendRouted' : 'items:dialogs.send', { office: pickText(item.toOffice.name, currentLocale()) })}</Typography.Paragraph>
          <NumberDate numberName="outgoingNumber" dateName="outgoingDate" window={item.registrationDates.outgoing} />
        </>
      );
    case 'confirm_in_writing':
      return (
        <>
          <SignStatement item={item} purpose="confirm" />
          <NumberDate numberName="outgoingNumber" dateName="outgoingDate" window={item.registrationDates.outgoing} />
        </>
      );
    case 'register':
      return (
        <>
          <Typography.Paragraph>{t('items:dialogs.register')}</Typography.Paragraph>
          <NumberDate numberName="incomingNumber" dateName="incomingDate" window={item.registrationDates.incoming} />
        </>
      );
    case 'send_oral':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('items:dialogs.sendOral')} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="oralAt" label={t('items:fields.oralAt')} required extra={t('items:dialogs.oralAtHint')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} allowClear={false} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="channel" label={t('items:fields.channel')} required>
                <Select options={ORAL_CHANNELS.map((c) => ({ value: c, label: t(`items:channels.${c}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="spokenBy" label={t('items:fields.spokenBy')} required>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="spokenTo" label={t('items:fields.spokenTo')} required extra={t('items:dialogs.spokenToHint')}>
            <Input maxLength={300} autoFocus />
          </Form.Item>
        </>
      );
    case 'withdraw':
      return text('reason', t('items:fields.reason'), true, 3, t('items:dialogs.withdraw'));
    case 'doubt_authenticity':
      return text('reason', t('items:fields.reason'), true, 3, t('items:dialogs.doubt'));
    case 'return':
      return text('reason', t('items:fields.reason'), true, 3, t('items:dialogs.return'));
    case 'confirm_authenticity':
      return (
        <>
          <Typography.Paragraph>{t('items:dialogs.confirmAuthenticity')}</Typography.Paragraph>
          {text('note', t('items:fields.note'), false, 2)}
        </>
      );
    case 'accept_conditions':
    case 'reject_conditions':
      return (
        <>
          <Typography.Paragraph>{t(action === 'accept_conditions' ? 'items:dialogs.accept' : 'items:dialogs.reject')}</Typography.Paragraph>
          <Alert type="warning" title={t('items:conditions.proposed')} description={<div className="pre-wrap">{item.conditions.text ?? t('items:pieces.hidden.conditions', { level: t(`items:confidentiality.${item.conditions.confidentiality ?? 'restricted'}`) })}</div>} style={{ marginBottom: 12 }} />
          {text('note', t('items:fields.note'), false, 2)}
        </>
      );
    case 'close_consultation':
      return (
        <>
          <Typography.Paragraph>{t('items:dialogs.closeConsultation')}</Typography.Paragraph>
          {text('note', t('items:fields.note'), false, 2)}
        </>
      );
    case 'open_consultation':
    case 'message':
    case 'propose_conditions':
      return (
        <>
          {action === 'open_consultation' ? <Typography.Paragraph>{t('items:dialogs.openConsultation')}</Typography.Paragraph> : null}
          {text('body', t('items:fields.messageBody'), true, 4)}
          {item.side === 'receiver' ? text('proposedConditions', t('items:fields.proposedConditions'), action === 'propose_conditions', 2, t('items:dialogs.conditionsHint')) : null}
          <LevelField label={t('items:fields.confidentiality')} floor={item.confidentiality} />
        </>
      );
    case 'forward':
      return (
        <>
          <Typography.Paragraph>{t('items:dialogs.forward')}</Typography.Paragraph>
          {text('note', t('items:fields.forwardNote'), true, 3)}
          <Form.Item name="outgoingNumber" label={t('items:fields.outgoingNumber')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      );
    case 'assign':
      return <AssignFields item={item} />;
    case 'record_outcome':
      return <OutcomeFields item={item} outcome={outcome} />;
  }
}

function AssignFields({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const executors = useExecutors(item.id);
  return (
    <>
      <Form.Item name="executorId" label={t('items:fields.executor')} required>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={executors.isPending}
          options={(executors.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
          placeholder={t('items:dialogs.chooseExecutor')}
        />
      </Form.Item>
      <Form.Item name="instruction" label={t('items:fields.instruction')} required>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('items:fields.dueOn')} extra={item.answerDue ? t('items:dialogs.dueOnHint', { date: formatDate(item.answerDue.lastDay) }) : undefined}>
        <IsoDatePicker />
      </Form.Item>
    </>
  );
}

function OutcomeFields({ item, outcome }: { item: ItemView; outcome: string | undefined }) {
  const { t } = useTranslation();
  const refusal = outcome !== undefined && outcome !== 'executed';
  return (
    <>
      {item.conditions.status === 'accepted' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('items:conditions.acceptedObligation')} description={item.conditions.text ?? t('items:pieces.hidden.conditions', { level: t(`items:confidentiality.${item.conditions.confidentiality ?? 'restricted'}`) })} /> : null}
      <Form.Item name="outcome" label={t('items:fields.outcome')} required>
        <Radio.Group optionType="button" buttonStyle="solid" options={OUTCOMES.map((o) => ({ value: o, label: t(`items:statuses.${o}`) }))} />
      </Form.Item>
      {refusal ? (
        <>
          <Form.Item name="refusalGrounds" label={t('items:fields.refusalGrounds')} required extra={t('items:dialogs.groundsHint')}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={REFUSAL_GROUNDS.map((g) => ({ value: g, label: t(`items:refusalGrounds.${g}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('items:fields.refusalReason')} required extra={t('items:dialogs.reasonHint')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
          </Form.Item>
          {item.conditions.status === 'none' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('items:dialogs.consultFirst')} /> : null}
        </>
      ) : null}
      <Form.Item name="text" label={t('items:fields.outcomeText')} required>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={50000} />
      </Form.Item>
      <Form.Item name="legalBasisApplied" label={t('items:fields.legalBasisApplied')} extra={t('items:dialogs.legalBasisHint')}>
        <Input maxLength={2000} />
      </Form.Item>
      <LevelField label={t('items:fields.outcomeConfidentiality')} floor={item.confidentiality} extra={`${t('items:dialogs.outcomeConfidentialityHint')}. ${t('items:pieces.levelHintReply', { level: t(`items:confidentiality.${item.confidentiality}`) })}`} />
      <Form.Item name="isPublic" valuePropName="checked" extra={t('items:dialogs.isPublicHint')}>
        <Checkbox>{t('items:fields.isPublicOutcome')}</Checkbox>
      </Form.Item>
    </>
  );
}
