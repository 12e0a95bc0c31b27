import { Alert, App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BlockReasonBody } from '../../../domain/schemas/annual.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useVersionConflict } from './ProposalsEditor.tsx';
import { returnBlock, saveBlock, submitBlock, useBlockRefresh, type BlockView } from './useAnnual.ts';

export type BlockDialogAction = 'submit' | 'return';
type Values = { reason?: string };

/** The reason alone is checked in the form; the version is the block's own. */
const ReasonOnly = BlockReasonBody.pick({ reason: true });
const Nothing = z.object({});

/**
 * Submitting the block (a confirmation; unsaved proposals, or a block never saved, are saved first)
 * or returning it (the coordinator states why).
 */
export function BlockActionDialog({
  block,
  action,
  unsaved,
  onClose,
}: {
  block: BlockView;
  action: BlockDialogAction;
  unsaved: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useBlockRefresh();
  const conflict = useVersionConflict(block);
  const [form] = Form.useForm<Values>();
  const code = block.office.code;
  const m = useFormMutation({
    form,
    schema: action === 'return' ? ReasonOnly : Nothing,
    toBody: (v: Values) => (action === 'return' ? { reason: v.reason } : {}),
    mutationFn: async (body: { reason?: string }) => {
      if (action === 'return') return returnBlock(code, block.year, { reason: body.reason ?? '', version: block.version ?? 1 });
      let version = block.version;
      // A block is submitted with a version: one never saved is saved (started) first.
      if (unsaved !== null || version === null) {
        const saved = await saveBlock(code, block.year, { proposals: unsaved ?? block.proposals, version });
        refresh(saved);
        version = saved.version;
      }
      return submitBlock(code, block.year, { version: version ?? 1 });
    },
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t(`annual:done.${action}`));
      onClose();
    },
    onError: (e) => {
      if (!conflict(e)) return false;
      onClose();
      return true;
    },
  });

  const office = pickText(block.office.name, currentLocale());
  const proposals = unsaved ?? block.proposals;
  return (
    <FormModal<Values>
      open
      title={t(`annual:actions.${action}`)}
      form={form}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t(`annual:actionOk.${action}`)}
      width={600}
    >
      <Typography.Paragraph>{t(`annual:dialogs.${action}`, { year: block.year, office })}</Typography.Paragraph>
      {action === 'submit' && !proposals.trim() ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('annual:dialogs.noProposals')} /> : null}
      {action === 'submit' && unsaved !== null ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('annual:dialogs.unsaved')} /> : null}
      {action === 'return' ? (
        <Form.Item name="reason" label={t('annual:dialogs.reason')} required>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
