import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisReportBody } from '../../../domain/schemas/analysis.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { analysisKeys, saveReport, useReportRefresh, type AnalysisReport, type AnalysisView } from './useAnalysis.ts';

interface ReportValues {
  conclusions?: string;
  proposals?: string;
}

const valuesOf = (r: AnalysisReport | null): Required<ReportValues> => ({ conclusions: r?.conclusions ?? '', proposals: r?.proposals ?? '' });

function Updated({ report }: { report: AnalysisReport | null }) {
  const { t } = useTranslation();
  if (!report) return null;
  const date = formatDateTime(report.updatedAt);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="report-updated">
      {report.updatedBy ? t('analysis:report.updated', { date, name: report.updatedBy }) : t('analysis:report.updatedAt', { date })}
    </Typography.Text>
  );
}

/** Leadership reads what the coordinator wrote (O-6). */
function ReportText({ data }: { data: AnalysisView }) {
  const { t } = useTranslation();
  const r = data.report;
  if (!r || (!r.conclusions.trim() && !r.proposals.trim())) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis:report.notWritten', { year: data.year })} />;
  }
  const block = (key: 'conclusions' | 'proposals') => (
    <div>
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 0 }}>
        {t(`analysis:report.${key}`)}
      </Typography.Title>
      {r[key].trim() ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={`report-${key}`}>
          {r[key]}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{t('analysis:report.none')}</Typography.Paragraph>
      )}
    </div>
  );
  return (
    <>
      {block('conclusions')}
      {block('proposals')}
      <Updated report={r} />
    </>
  );
}

/** The coordinator writes the conclusions and proposals of the report (O-4.3). */
function ReportForm({ data }: { data: AnalysisView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const refresh = useReportRefresh();
  const [form] = Form.useForm<ReportValues>();

  const m = useFormMutation({
    form,
    schema: AnalysisReportBody,
    toBody: (v: ReportValues) => ({ conclusions: v.conclusions ?? '', proposals: v.proposals ?? '', version: data.report?.version ?? null }),
    mutationFn: (body) => saveReport(data.year, body),
    onSuccess: (saved) => {
      form.setFieldsValue(valuesOf(saved.report));
      refresh(saved);
      void message.success(t('analysis:report.saved'));
    },
    onError: (e) => {
      if (!(e instanceof ApiError && e.code === 'VERSION_CONFLICT')) return false;
      void qc.invalidateQueries({ queryKey: analysisKeys.year(data.year) });
      modal.warning({ title: t('analysis:report.versionConflictTitle'), content: t('analysis:report.versionConflict'), okText: t('analysis:report.reloaded') });
      return true;
    },
  });

  // A newer text from the server replaces the fields only when nothing was typed over the old one.
  const server = useRef(data.report);
  useEffect(() => {
    if (data.report?.version === server.current?.version) return;
    const typed = form.getFieldsValue();
    const old = valuesOf(server.current);
    if ((typed.conclusions ?? '') === old.conclusions && (typed.proposals ?? '') === old.proposals) form.setFieldsValue(valuesOf(data.report));
    server.current = data.report;
  }, [data.report, form]);

  return (
    <Form<ReportValues> form={form} layout="vertical" initialValues={valuesOf(data.report)} onFinish={m.submit} data-testid="report-form">
      <ErrorAlert error={m.error} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('analysis:report.hint')}
      </Typography.Paragraph>
      <Form.Item name="conclusions" label={t('analysis:report.conclusions')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 18 }} maxLength={100_000} />
      </Form.Item>
      <Form.Item name="proposals" label={t('analysis:report.proposals')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} maxLength={100_000} />
      </Form.Item>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={m.pending}>
          {t('analysis:report.save')}
        </Button>
        <Updated report={data.report} />
      </Flex>
    </Form>
  );
}

export function ReportPanel({ data }: { data: AnalysisView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('analysis:report.title')} style={{ height: '100%' }} data-testid="report">
      {data.mayEdit ? <ReportForm key={data.year} data={data} /> : <ReportText data={data} />}
    </Card>
  );
}
