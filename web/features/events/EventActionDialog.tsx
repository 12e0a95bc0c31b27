import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { EventReasonBody, EventVersionBody } from '../../../domain/schemas/events.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { ApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { reportBody, type ReportValues } from './EventReportForm.tsx';
import { eventKeys, postEventAction, REASON_ACTIONS, saveEventReport, useEventRefresh, type EventView, type PostedEventAction } from './useEvents.ts';

type Values = { reason?: string };

const schemaOf = (action: PostedEventAction): z.ZodType => (REASON_ACTIONS.includes(action) ? EventReasonBody : EventVersionBody);

/**
 * One step of the event's course as a small dialog: a confirmation, or the reason for a return,
 * rejection or cancellation. Submitting a report first saves what the report form holds unsaved.
 */
export function EventActionDialog({
  event,
  action,
  onClose,
  unsaved,
}: {
  event: EventView;
  action: PostedEventAction;
  onClose: () => void;
  unsaved?: ReportValues | null;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const refresh = useEventRefresh();
  const [form] = Form.useForm<Values>();
  const reason = REASON_ACTIONS.includes(action);
  const m = useFormMutation({
    form,
    schema: schemaOf(action),
    toBody: (v: Values) => (reason ? { reason: v.reason, version: event.version } : { version: event.version }),
    mutationFn: async (body) => {
      let version = event.version;
      if (action === 'submit_report' && unsaved) {
        const saved = await saveEventReport(event.id, reportBody(unsaved, version));
        refresh(saved);
        version = saved.version;
      }
      return postEventAction(event.id, action, { ...(body as object), version });
    },
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t(`events:done.${action}`));
      onClose();
    },
    onError: (e) => {
      if (!(e instanceof ApiError && e.code === 'VERSION_CONFLICT')) return false;
      // Someone else changed the event: say so, close, and show it as it is now.
      onClose();
      void qc.invalidateQueries({ queryKey: eventKeys.one(event.id) });
      void qc.invalidateQueries({ queryKey: eventKeys.timeline(event.id) });
      modal.warning({ title: t('events:versionConflictTitle'), content: t('events:versionConflict'), okText: t('events:reloaded') });
      return true;
    },
  });

  const locale = currentLocale();
  return (
    <FormModal<Values>
      open
      title={t(`events:actions.${action}`)}
      form={form}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t(`events:actionOk.${action}`)}
      width={600}
    >
      <Typography.Paragraph>
        {t(`events:dialogs.${action}`, { number: formatNumber(event), title: event.title || t('events:noTitle'), office: pickText(event.office.name, locale) })}
      </Typography.Paragraph>
      {action === 'submit' && event.missingFields.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('events:form.missingTitle')}
          description={event.missingFields.map((f) => t(`events:mandatory.${f}`, { defaultValue: f })).join(', ')}
        />
      ) : null}
      {action === 'submit_report' && !(unsaved ? unsaved.outcomes?.trim() : event.report.outcomes?.trim()) ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('events:dialogs.outcomesMissing')} />
      ) : null}
      {action === 'submit_report' && unsaved ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('events:dialogs.unsavedReport')} /> : null}
      {reason ? (
        <Form.Item name="reason" label={t('events:fields.reason')} required>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
