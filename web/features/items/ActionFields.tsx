import { Alert, Checkbox, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CONFIDENTIALITY_LEVELS, ORAL_CHANNELS, OUTCOMES, REFUSAL_GROUNDS } from '../../../domain/items.ts';
import { DISPATCH_METHODS } from '../../../domain/letters.ts';
import { isDateAllowed, latestAllowedDate, type DateWindow } from '../../../domain/registration-dates.ts';
import { ITEM_ACTION_SPECS, type ItemActionSpec, type PostedItemAction } from '../../../domain/schemas/item-actions.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { utcOffset } from '../../../domain/time.ts';
import type { ItemView, SessionUser } from '../../api/types.ts';
import { fileSize } from '../../components/Attachments.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { DATE_TIME_FORMAT, formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useToday } from '../auth/useToday.ts';
import { levelsFrom, registrationDateOf, withDateRule } from './item-rules.ts';
import { officeNameOf } from './letter-rules.ts';
import { useExecutors } from './useItems.ts';
import { usePartyContext } from '../auth/useSession.ts';

/** Each posted action of the item machine, as a dialog asks it: the fields, their starting values and the body they make. */
export type DialogAction = PostedItemAction;

export type ActionValues = Record<string, unknown> & { oralAt?: Dayjs | null };

/** The action's schema, with the date rules of domain/registration-dates.ts: the same message the server would give. */
export function schemaFor(action: DialogAction, item: ItemView): z.ZodType {
  const spec: ItemActionSpec = ITEM_ACTION_SPECS[action];
  const schema = spec.form ?? spec.body;
  const date = registrationDateOf(item, action);
  return date ? withDateRule(schema, date.field, date.window) : schema;
}

const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** The form's values → the action's body (as ITEM_ACTION_SPECS declares it). */
export function actionBody(action: DialogAction, v: ActionValues, version: number): unknown {
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

/** The values a dialog starts from: the latest day a date may be, the request's level for a reply (A-9.2). */
export function actionInitialValues(action: DialogAction, item: ItemView, today: string, user: Pick<SessionUser, 'fullName'>): ActionValues {
  // The latest day the date may be: today, unless the registry refuses it (then the user sees why).
  const dateWindow = registrationDateOf(item, action)?.window;
  const initialDate = dateWindow ? (latestAllowedDate(dateWindow) ?? undefined) : today;
  return (
    {
      send: { outgoingDate: initialDate },
      confirm_in_writing: { outgoingDate: initialDate },
      register: { incomingDate: initialDate },
      send_oral: { oralAt: dayjs(), channel: 'phone', spokenBy: user.fullName },
      // A-9.2: the answer and a message start at the request's level, which they may raise, not lower.
      record_outcome: { outcome: 'executed', refusalGrounds: [], confidentiality: item.confidentiality, isPublic: false },
      open_consultation: { confidentiality: item.confidentiality },
      message: { confidentiality: item.confidentiality },
      propose_conditions: { confidentiality: item.confidentiality },
    }[action as string] ?? {}
  );
}

/**
 * Issue 10: our signed letter to a counterpart off the system goes by post, e-mail, fax or courier —
 * the letter's DOCX (the Documents panel) is what goes out; the dialog records how.
 */
export function DispatchField({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const office = item.offSystem ? officeNameOf(item, item.offSystem.officeCode, currentLocale()) : '';
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('items:letters.dispatchHint', { office })} data-testid="dispatch-hint" />
      <Form.Item name="dispatchMethod" label={t('items:letters.dispatch')} required>
        <Select
          placeholder={t('items:letters.chooseDispatch')}
          options={DISPATCH_METHODS.map((m) => ({ value: m, label: t(`items:letters.channels.${m}`) }))}
        />
      </Form.Item>
    </>
  );
}

function SignStatement({ item, purpose }: { item: ItemView; purpose: 'sign' | 'confirm' }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const files = item.attachments.filter((a) => a.role === 'content');
  const addressee = item.intendedOffice ?? item.toOffice;
  return (
    <>
      <Typography.Paragraph>
        {t(purpose === 'sign' ? 'items:sign.intro' : 'items:sign.introConfirm', { kind: t(`items:kindLower.${item.kind}`), number: formatNumber(item) })}
      </Typography.Paragraph>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('items:fields.toOffice')}>{pickText(addressee.name, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('items:fields.subject')}>{item.content?.subject || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('items:sign.covers')}>{t('items:sign.coversText')}</Descriptions.Item>
        <Descriptions.Item label={t('items:sign.files')}>
          {files.length === 0
            ? t('items:sign.noFiles')
            : files.map((f) => (
                <div key={f.id}>
                  {f.fileName} ({fileSize(f.size, locale, t)}){' '}
                  <Typography.Text code style={{ fontSize: 11 }}>{`SHA-256 ${f.sha256.slice(0, 16)}…`}</Typography.Text>
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
export function LevelField({
  name = 'confidentiality',
  label,
  floor,
  extra,
}: {
  name?: string;
  label: string;
  floor: ItemView['confidentiality'];
  extra?: string;
}) {
  const { t } = useTranslation();
  const allowed = levelsFrom(floor);
  return (
    <Form.Item name={name} label={label} extra={extra ?? t('items:pieces.levelHintReply', { level: t(`items:confidentiality.${floor}`) })}>
      <Radio.Group
        optionType="button"
        options={CONFIDENTIALITY_LEVELS.map((c) => ({ value: c, label: t(`items:confidentiality.${c}`), disabled: !allowed.includes(c) }))}
      />
    </Form.Item>
  );
}

function NumberDate({
  numberName,
  dateName,
  window,
  autoFocus = true,
}: {
  numberName: string;
  dateName: string;
  window: DateWindow | null;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const hint = window
    ? t('items:dialogs.dateWindow', { min: formatDate(window.min), max: formatDate(window.max), offset: utcOffset(new Date(), window.timeZone) })
    : undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={numberName} label={t(`items:fields.${numberName}`)} required>
          <Input autoFocus={autoFocus} maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={dateName} label={t(`items:fields.${dateName}`)} required extra={hint}>
          {/* Without a window (a counterpart's date, from its letter) the server still refuses a day after today. */}
          <IsoDatePicker allowClear={false} disabledDate={window ? (d) => !isDateAllowed(window, d) : (d) => d > today} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * The fields of each action, shared by the dialogs that take it in the system and those that record
 * it from a counterpart's letter (`letter`): then the fields speak for the counterpart's side, and
 * what only the system does (an electronic signature, the notices of this node) is not said.
 */
export function ActionFields({
  item,
  action,
  outcome,
  letter = false,
}: {
  item: ItemView;
  action: DialogAction;
  outcome: string | undefined;
  letter?: boolean;
}) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const side = letter ? (item.offSystem?.side ?? null) : item.side;
  const intro = (key: string) => (letter ? null : <Typography.Paragraph>{t(key)}</Typography.Paragraph>);
  // In a letter's dialog the letter's own fields come first: nothing jumps to the action's.
  const text = (name: string, label: string, required: boolean, rows = 3, extra?: string) => (
    <Form.Item name={name} label={label} required={required} extra={extra}>
      <Input.TextArea autoFocus={required && !letter} autoSize={{ minRows: rows, maxRows: 12 }} maxLength={20000} />
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
          <Typography.Paragraph>
            {t(item.route === 'coordinator' ? 'items:dialogs.sendRouted' : 'items:dialogs.send', {
              ...party,
              office: pickText(item.toOffice.name, currentLocale()),
            })}
          </Typography.Paragraph>
          <NumberDate numberName="outgoingNumber" dateName="outgoingDate" window={item.registrationDates.outgoing} />
        </>
      );
    case 'confirm_in_writing':
      return (
        <>
          {letter ? null : <SignStatement item={item} purpose="confirm" />}
          <NumberDate numberName="outgoingNumber" dateName="outgoingDate" window={letter ? null : item.registrationDates.outgoing} autoFocus={!letter} />
        </>
      );
    case 'register':
      return (
        <>
          {intro('items:dialogs.register')}
          <NumberDate numberName="incomingNumber" dateName="incomingDate" window={letter ? null : item.registrationDates.incoming} autoFocus={!letter} />
        </>
      );
    case 'send_oral':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('items:dialogs.sendOral')} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="oralAt" label={t('items:fields.oralAt')} required extra={t('items:dialogs.oralAtHint')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={DATE_TIME_FORMAT}
                  allowClear={false}
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
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
      return text('reason', t('items:fields.reason'), true, 3, letter ? undefined : t('items:dialogs.withdraw'));
    case 'doubt_authenticity':
      return text('reason', t('items:fields.reason'), true, 3, t('items:dialogs.doubt'));
    case 'return':
      return text('reason', t('items:fields.reason'), true, 3, t('items:dialogs.return'));
    case 'confirm_authenticity':
      return (
        <>
          {intro('items:dialogs.confirmAuthenticity')}
          {text('note', t('items:fields.note'), false, 2)}
        </>
      );
    case 'accept_conditions':
    case 'reject_conditions':
      return (
        <>
          {intro(action === 'accept_conditions' ? 'items:dialogs.accept' : 'items:dialogs.reject')}
          <Alert
            type="warning"
            title={t('items:conditions.proposed')}
            description={
              <div className="pre-wrap">
                {item.conditions.text ??
                  t('items:pieces.hidden.conditions', { level: t(`items:confidentiality.${item.conditions.confidentiality ?? 'restricted'}`) })}
              </div>
            }
            style={{ marginBottom: 12 }}
          />
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
          {action === 'open_consultation' ? intro('items:dialogs.openConsultation') : null}
          {text('body', t('items:fields.messageBody'), true, 4)}
          {/* A letter recorded as a plain message carries no conditions: their proposal is its own action. */}
          {side === 'receiver' && !(letter && action === 'message')
            ? text('proposedConditions', t('items:fields.proposedConditions'), action === 'propose_conditions', 2, t('items:dialogs.conditionsHint'))
            : null}
          <LevelField label={t('items:fields.confidentiality')} floor={item.confidentiality} />
        </>
      );
    case 'forward':
      return (
        <>
          <Typography.Paragraph>{t('items:dialogs.forward', party)}</Typography.Paragraph>
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
      <Form.Item
        name="dueOn"
        label={t('items:fields.dueOn')}
        extra={item.answerDue ? t('items:dialogs.dueOnHint', { date: formatDate(item.answerDue.lastDay) }) : undefined}
      >
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
      {item.conditions.status === 'accepted' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('items:conditions.acceptedObligation')}
          description={
            item.conditions.text ??
            t('items:pieces.hidden.conditions', { level: t(`items:confidentiality.${item.conditions.confidentiality ?? 'restricted'}`) })
          }
        />
      ) : null}
      <Form.Item name="outcome" label={t('items:fields.outcome')} required>
        <Radio.Group optionType="button" buttonStyle="solid" options={OUTCOMES.map((o) => ({ value: o, label: t(`items:statuses.${o}`) }))} />
      </Form.Item>
      {refusal ? (
        <>
          <Form.Item name="refusalGrounds" label={t('items:fields.refusalGrounds')} required extra={t('items:dialogs.groundsHint')}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={REFUSAL_GROUNDS.map((g) => ({ value: g, label: t(`items:refusalGrounds.${g}`) }))}
            />
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
      <LevelField
        label={t('items:fields.outcomeConfidentiality')}
        floor={item.confidentiality}
        extra={`${t('items:dialogs.outcomeConfidentialityHint')}. ${t('items:pieces.levelHintReply', { level: t(`items:confidentiality.${item.confidentiality}`) })}`}
      />
      <Form.Item name="isPublic" valuePropName="checked" extra={t('items:dialogs.isPublicHint')}>
        <Checkbox>{t('items:fields.isPublicOutcome')}</Checkbox>
      </Form.Item>
    </>
  );
}
