import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Form, Input, Tag, Typography, type FormInstance } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveBlockBody } from '../../../domain/schemas/annual.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { annualKeys, saveBlock, useBlockRefresh, type BlockView } from './useAnnual.ts';

export interface ProposalsValues {
  proposals?: string;
}

/** The text in the editor when it differs from the saved one, else null. */
export function unsavedProposals(form: FormInstance<ProposalsValues>, block: BlockView): string | null {
  if (!block.availableActions.includes('save')) return null;
  const value = form.getFieldValue('proposals') as string | undefined;
  return value !== undefined && value.trim() !== block.proposals.trim() ? value : null;
}

/** Someone else changed the block: say so and show it as it is now. */
export function useVersionConflict(block: BlockView) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  return (e: unknown): boolean => {
    if (!(e instanceof ApiError && e.code === 'VERSION_CONFLICT')) return false;
    void qc.invalidateQueries({ queryKey: annualKeys.one(block.office.code, block.year) });
    modal.warning({ title: t('annual:versionConflictTitle'), content: t('annual:versionConflict'), okText: t('annual:reloaded') });
    return true;
  };
}

/**
 * The office's proposals for improving cooperation: a plain text, saved by any of its staff while
 * the block is not submitted (Ctrl+Enter saves); read-only otherwise.
 */
export function ProposalsEditor({ block, form }: { block: BlockView; form: FormInstance<ProposalsValues> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useBlockRefresh();
  const conflict = useVersionConflict(block);
  const editable = block.availableActions.includes('save');
  const value = Form.useWatch('proposals', form);
  const dirty = editable && value !== undefined && value.trim() !== block.proposals.trim();

  const m = useFormMutation({
    form,
    schema: SaveBlockBody,
    toBody: (v: ProposalsValues) => ({ proposals: v.proposals ?? '', version: block.version }),
    mutationFn: (body) => saveBlock(block.office.code, block.year, body),
    onSuccess: (saved) => {
      form.setFieldsValue({ proposals: saved.proposals });
      refresh(saved);
      void message.success(t('annual:done.save'));
    },
    onError: conflict,
  });

  // A newer text from the server (after a reload) replaces the editor's only when nothing is typed over the old one.
  const server = useRef(block.proposals);
  useEffect(() => {
    if (block.proposals === server.current) return;
    if ((form.getFieldValue('proposals') ?? '') === server.current) form.setFieldsValue({ proposals: block.proposals });
    server.current = block.proposals;
  }, [block.proposals, form]);

  if (!editable) {
    return block.proposals.trim() ? (
      <div data-testid="proposals-text" style={{ whiteSpace: 'pre-wrap' }}>
        {block.proposals}
      </div>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('annual:proposals.none')} />
    );
  }

  return (
    <Form<ProposalsValues> form={form} layout="vertical" initialValues={{ proposals: block.proposals }} onFinish={m.submit} data-testid="proposals-form">
      <ErrorAlert error={m.error} />
      <Form.Item name="proposals" style={{ marginBottom: 12 }}>
        <Input.TextArea
          aria-label={t('annual:proposals.title')}
          placeholder={t('annual:proposals.placeholder')}
          autoSize={{ minRows: 5, maxRows: 24 }}
          maxLength={50_000}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        />
      </Form.Item>
      <Flex gap={12} align="center" wrap>
        <Button type={dirty ? 'primary' : 'default'} htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={m.pending}>
          {t('annual:actions.save')}
        </Button>
        {dirty ? <Tag color="gold">{t('annual:proposals.unsaved')}</Tag> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('annual:proposals.hint')}
        </Typography.Text>
      </Flex>
    </Form>
  );
}
