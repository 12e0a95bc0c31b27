import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { EventReportBody } from '../../../domain/schemas/events.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { eventKeys, saveEventReport, useEventRefresh, type EventView } from './useEvents.ts';
import { usePartyContext } from '../auth/useSession.ts';

export interface ReportValues {
  outcomes?: string | null;
  agreements?: string | null;
  followUp?: string | null;
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s : null);

export function reportBody(v: ReportValues, version: number) {
  return { outcomes: blankToNull(v.outcomes), agreements: blankToNull(v.agreements), followUp: blankToNull(v.followUp), version };
}

export const reportValuesOf = (e: EventView): ReportValues => ({
  outcomes: e.report.outcomes ?? '',
  agreements: e.report.agreements ?? '',
  followUp: e.report.followUp ?? '',
});

/** The form's values when they differ from the saved report (submitting then saves them first), else null. */
export function unsavedReport(form: FormInstance<ReportValues>, e: EventView): ReportValues | null {
  if (!form.isFieldsTouched()) return null;
  const now = reportBody(form.getFieldsValue(), e.version);
  const saved = reportBody(reportValuesOf(e), e.version);
  return JSON.stringify(now) === JSON.stringify(saved) ? null : form.getFieldsValue();
}

/**
 * O-3.5: the report after the event — its outcomes, the agreements reached and what follows. It is
 * saved as often as needed; the head or a deputy submits it to the coordinator.
 */
export function EventReportForm({ event, form }: { event: EventView; form: FormInstance<ReportValues> }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = useEventRefresh();
  const m = useFormMutation({
    form,
    schema: EventReportBody,
    toBody: (v: ReportValues) => reportBody(v, event.version),
    mutationFn: (body) => saveEventReport(event.id, body),
    onSuccess: (saved) => {
      refresh(saved);
      form.resetFields();
      form.setFieldsValue(reportValuesOf(saved));
      void message.success(t('events:done.save_report'));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void qc.invalidateQueries({ queryKey: eventKeys.one(event.id) });
      return false;
    },
  });
  return (
    <Form<ReportValues> form={form} layout="vertical" initialValues={reportValuesOf(event)} onFinish={m.submit} data-testid="report-form">
      <ErrorAlert error={m.error} />
      <Typography.Paragraph type="secondary">{t('events:report.intro', party)}</Typography.Paragraph>
      <Form.Item name="outcomes" label={t('events:report.outcomes')} extra={t('events:report.outcomesHint')} required>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="agreements" label={t('events:report.agreements')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="followUp" label={t('events:report.followUp')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} maxLength={20000} />
      </Form.Item>
      <Flex gap={8} wrap align="center">
        <Button type="primary" htmlType="submit" loading={m.pending}>
          {t('events:report.save')}
        </Button>
        {event.availableActions.includes('submit_report') ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('events:report.submitHint')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('events:report.headSubmits')}
          </Typography.Text>
        )}
      </Flex>
    </Form>
  );
}
