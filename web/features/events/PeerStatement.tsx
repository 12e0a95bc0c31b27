import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { eventStatementIssues } from '../../../domain/events.ts';
import { EventStatementBody } from '../../../domain/schemas/events.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { peerCopyView, peerStatementBody, type PeerStatementValues } from './event-rules.ts';
import { ParticipantRows } from './ParticipantRows.tsx';
import { stateOnPeerEvent, useEventRefresh, type EventView } from './useEvents.ts';

/**
 * Issue 12: a joint event of the other Party's node, shared with the user's office. It is that
 * node's record: read here, not acted on as its proposing side.
 */
export function PeerCopyNotice({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!e.peerCopy) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="peer-copy"
      title={t('events:peer.title', { office: pickText(e.office.name, locale) })}
      description={t('events:peer.description')}
    />
  );
}

/**
 * What the counterpart office states on the joint event, in the system: its participants (they
 * replace those it named before) and, after the event, the head's or a deputy's statement of the
 * outcomes — what its letter would say. It goes to the proposing office's node.
 */
export function PeerStatementForm({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useEventRefresh();
  const [form] = Form.useForm<PeerStatementValues>();
  const view = peerCopyView(e);
  const m = useFormMutation({
    form,
    schema: EventStatementBody,
    toBody: peerStatementBody,
    mutationFn: async (body) => {
      // The browser checks what the server checks before anything travels.
      const issues = eventStatementIssues(body);
      if (issues.length) throw new ApiError(400, 'VALIDATION_FAILED', 'Check the statement', { issues });
      return stateOnPeerEvent(e.id, body);
    },
    onSuccess: (answer) => {
      refresh(answer);
      form.resetFields();
      void message.success(t('events:peer.done'));
    },
  });
  if (!view.participants && !view.outcomes) return null;
  return (
    <Form<PeerStatementValues> form={form} layout="vertical" onFinish={m.submit} data-testid="peer-statement" initialValues={{ participants: [] }}>
      <ErrorAlert error={m.error} />
      <Typography.Paragraph type="secondary">{t('events:peer.intro')}</Typography.Paragraph>
      <Typography.Text strong>{t('events:peer.participants')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('events:peer.participantsHint')}
      </Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <ParticipantRows />
      </div>
      {view.outcomes ? (
        <>
          <Typography.Text strong>{t('events:peer.statement')}</Typography.Text>
          <Form.Item name={['statement', 'outcomes']} label={t('events:report.outcomes')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name={['statement', 'agreements']} label={t('events:report.agreements')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
          </Form.Item>
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('events:peer.statementLater')}
        </Typography.Paragraph>
      )}
      <Button type="primary" htmlType="submit" icon={<SendOutlined aria-hidden />} loading={m.pending}>
        {t('events:peer.ok')}
      </Button>
    </Form>
  );
}
