import { Col, Divider, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LETTER_CHANNELS, letterNeedsSigner } from '../../../domain/letters.ts';
import { RecordLetterHead } from '../../../domain/schemas/item-actions.ts';
import type { ItemView } from '../../api/types.ts';
import { FilesField, useUploadLimits } from '../../components/Attachments.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { blankToNull } from '../../components/useDraftForm.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { useItemActionMutation } from './ActionDialog.tsx';
import { ActionFields, actionBody, actionInitialValues, type ActionValues } from './ActionFields.tsx';
import { officeNameOf, recordLetterSchema, type MachineLetterAction } from './letter-rules.ts';
import { postLetter } from './useItems.ts';

type LetterValues = { channel?: string; number?: string; date?: string; signerName?: string; signerPosition?: string };

/** The letter as the user read it: blanks are absent. */
export const letterOf = (l: LetterValues = {}) => ({
  channel: l.channel,
  number: blankToNull(l.number),
  date: l.date,
  signerName: blankToNull(l.signerName),
  signerPosition: blankToNull(l.signerPosition),
});

/**
 * The letter's own fields: how it came, its number and date (not after today), who signed it as
 * printed (required for a signed decision), its scans. Shared by the dialog that records a
 * counterpart's action and the form of a request received by letter.
 */
export function LetterFields({ channels, signerRequired }: { channels: readonly string[]; signerRequired: boolean }) {
  const { t } = useTranslation();
  const today = useToday();
  const form = Form.useFormInstance();
  const channel = Form.useWatch(['letter', 'channel'], form) as string | undefined;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['letter', 'channel']} label={t('items:letters.channel')} required>
            <Select options={channels.map((c) => ({ value: c, label: t(`items:letters.channels.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['letter', 'number']} label={t('items:letters.number')} required={channel !== 'phone'}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['letter', 'date']} label={t(channel === 'phone' ? 'items:letters.callDate' : 'items:letters.date')} required>
            <IsoDatePicker allowClear={false} disabledDate={(d) => d > today} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['letter', 'signerName']}
            label={t('items:letters.signerName')}
            required={signerRequired}
            extra={signerRequired ? t('items:letters.signerHint') : undefined}
          >
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['letter', 'signerPosition']} label={t('items:letters.signerPosition')} required={signerRequired}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="file" label={t('items:letters.scans')} required={channel !== 'phone'}>
        <FilesField label={t('items:letters.addScans')} hint={t('items:letters.scansHint')} />
      </Form.Item>
    </>
  );
}

/**
 * Issue 10: a letter of the counterpart off the system, recorded as its action on the item — which
 * action it carries (those its side may take now), the letter and its scans, then what the action
 * says, in the same fields as in the system.
 */
export function RecordLetterDialog({ item, onClose }: { item: ItemView; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const user = useUser();
  const limits = useUploadLimits().data;
  const off = item.offSystem!;
  const office = officeNameOf(item, off.officeCode, currentLocale());
  const [form] = Form.useForm<ActionValues>();
  // The one action the letter can carry now is chosen already.
  const only = off.letterActions.length === 1 ? (off.letterActions[0] as MachineLetterAction) : undefined;
  const action = Form.useWatch('action', form) as MachineLetterAction | undefined;
  const outcome = Form.useWatch('outcome', form) as string | undefined;

  const m = useItemActionMutation({
    item,
    form,
    schema: action ? recordLetterSchema(action, off.side, today, limits) : RecordLetterHead,
    toBody: (v) => ({
      ...(action ? (actionBody(action, v, item.version) as object) : {}),
      action: v.action,
      letter: letterOf(v.letter as LetterValues),
      file: v.file ?? [],
    }),
    post: (body) => postLetter(item.id, body as { file: File[] }),
    doneText: t('items:letters.recorded'),
    onClose,
  });

  return (
    <FormModal<ActionValues>
      open
      title={t('items:letters.recordTitle', { office })}
      form={form}
      initialValues={{ ...(only ? { action: only, ...actionInitialValues(only, item, today, user) } : {}), letter: { channel: 'letter' }, file: [] }}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t('items:letters.recordOk')}
      width={820}
    >
      <Typography.Paragraph>{t('items:letters.recordIntro', { office })}</Typography.Paragraph>
      <Form.Item name="action" label={t('items:letters.action')} required>
        <Select
          placeholder={t('items:letters.chooseAction')}
          options={off.letterActions.map((a) => ({ value: a, label: t(`items:actions.${a}`) }))}
          // A newly chosen action starts from its own values (the answer's level, today's date…).
          onChange={(a: MachineLetterAction) => form.setFieldsValue(actionInitialValues(a, item, today, user))}
        />
      </Form.Item>
      <LetterFields channels={LETTER_CHANNELS} signerRequired={action ? letterNeedsSigner(action) : false} />
      {action ? (
        <>
          <Divider titlePlacement="start" plain>
            {t('items:letters.content')}
          </Divider>
          <ActionFields key={action} item={item} action={action} outcome={outcome} letter />
        </>
      ) : null}
    </FormModal>
  );
}
