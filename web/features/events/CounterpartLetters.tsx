import { DeleteOutlined, MailOutlined } from '@ant-design/icons';
import { App, Button, Col, Empty, Form, Input, Progress, Radio, Row, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventLetterIssues, type CounterpartSource } from '../../../domain/events.ts';
import { LETTER_CHANNELS, type LetterChannel } from '../../../domain/letters.ts';
import { EventLetterBody } from '../../../domain/schemas/events.ts';
import type { OfficeRef } from '../../../domain/schemas/registry.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { ApiError } from '../../api/client.ts';
import { FileIssuesAlert, FilePicker } from '../../components/Attachments.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { issueText } from '../../components/form-issues.ts';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { formatDate, formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useToday } from '../auth/useToday.ts';
import { OfficeName } from '../items/ItemTags.tsx';
import { useNow } from '../items/deadline.ts';
import { ParticipantRows } from './ParticipantRows.tsx';
import { recordCounterpartLetter, useEventRefresh, type EventView } from './useEvents.ts';
import { DataTable } from '../../components/DataTable.tsx';

/**
 * Counterparts off the system (issue 10, part 3): a counterpart office that does not work on this
 * node writes about the event; the office's staff record its letter — the participants it names
 * and/or its own statement of the outcomes — with the scan, as that office's act.
 */

/** «электронное письмо № 2-15/118 от 05.03.2026»; `by` gives the form after «recorded from». */
export function letterText(t: TFunction, l: Pick<CounterpartSource, 'channel' | 'number' | 'date'>, form: 'kinds' | 'byKinds' = 'kinds'): string {
  const kind = t(`events:letters.${form}.${l.channel}`);
  // Stated in the system at the counterpart's node (issue 12): the exchange message is its reference, not a number to read.
  if (l.channel === 'peer') return t('events:letters.refPeer', { kind, date: formatDate(l.date) });
  return l.number
    ? t('events:letters.ref', { kind, number: l.number, date: formatDate(l.date) })
    : t('events:letters.refNoNumber', { kind, date: formatDate(l.date) });
}

const signerOf = (l: CounterpartSource) => [l.signerPosition, l.signerName].filter(Boolean).join(' ');

/** The letters recorded on the event, and a «Record a letter from …» for each counterpart whose letters the user may record now. */
export function CounterpartLettersPanel({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [from, setFrom] = useState<OfficeRef | null>(null);
  const offices = e.counterparts.filter((c) => e.letterOfficeCodes.includes(c.code));
  const fileNames = new Map(e.attachments.map((a) => [a.id, a.fileName]));
  type Row = EventView['counterpartLetters'][number];
  const columns: TableColumnsType<Row> = [
    { title: t('events:letters.columns.office'), dataIndex: 'office', render: (o: OfficeRef) => <OfficeName office={o} code={false} /> },
    {
      title: t('events:letters.columns.letter'),
      dataIndex: 'letter',
      render: (l: CounterpartSource, r) => (
        <Space orientation="vertical" size={2}>
          <span>{letterText(t, l)}</span>
          {signerOf(l) ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {signerOf(l)}
            </Typography.Text>
          ) : null}
          {r.attachmentIds.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.attachmentIds.map((id) => fileNames.get(id) ?? '').join(', ')}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('events:letters.columns.content'),
      key: 'content',
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          {r.participants ? <Tag>{t('events:letters.namesParticipants', { count: r.participants })}</Tag> : null}
          {r.statement ? <Tag color="green">{t('events:letters.statesOutcomes')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('events:letters.columns.recorded'),
      dataIndex: 'recordedAt',
      width: 170,
      render: (at: string, r) => (
        <>
          <div>{formatDateTime(at)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.recordedBy?.fullName ?? '—'}
          </Typography.Text>
        </>
      ),
    },
  ];
  return (
    <div data-testid="counterpart-letters">
      {offices.length ? (
        <Space wrap style={{ marginBottom: 12 }}>
          {offices.map((o) => (
            <Button key={o.id} icon={<MailOutlined aria-hidden />} onClick={() => setFrom(o)}>
              {t('events:letters.record', { office: pickText(o.name, locale) })}
            </Button>
          ))}
        </Space>
      ) : null}
      {e.counterpartLetters.length ? (
        <DataTable<Row> rowKey="id" size="small" pagination={false} columns={columns} dataSource={e.counterpartLetters} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events:letters.none')} />
      )}
      {from ? <CounterpartLetterDialog event={e} office={from} onClose={() => setFrom(null)} /> : null}
    </div>
  );
}

interface Values {
  letter?: { channel?: LetterChannel; number?: string; date?: string | null; signerName?: string; signerPosition?: string };
  participants?: ({ fullName?: string; position?: string } | undefined)[];
  statement?: { outcomes?: string; agreements?: string };
}

const blank = (s: string | null | undefined) => (s?.trim() ? s : null);

function bodyOf(v: Values, officeCode: string) {
  const l = v.letter ?? {};
  const phone = l.channel === 'phone';
  const outcomes = blank(v.statement?.outcomes);
  const agreements = blank(v.statement?.agreements);
  return {
    officeCode,
    letter: {
      channel: l.channel,
      number: phone ? null : blank(l.number),
      date: l.date ?? '',
      signerName: blank(l.signerName),
      signerPosition: blank(l.signerPosition),
    },
    // A row left blank is no participant.
    participants: (v.participants ?? [])
      .filter((p) => p?.fullName?.trim() || p?.position?.trim())
      .map((p) => ({ fullName: p?.fullName ?? '', position: p?.position ?? '' })),
    statement: outcomes || agreements ? { outcomes, agreements } : null,
  };
}

/** Issues that sit on no field of the dialog (the scans, the letter saying nothing): said in its alert. */
const OWN_FIELD = /^body\.(letter|statement)\.|^body\.participants\.\d/;

/** «Record a letter from <office>»: the letter's facts, what it says, its scans — sent together, recorded together. */
export function CounterpartLetterDialog({ event: e, office, onClose }: { event: EventView; office: OfficeRef; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const today = useToday();
  const now = useNow();
  const refresh = useEventRefresh();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [refused, setRefused] = useState<unknown>(null);
  const channel = Form.useWatch(['letter', 'channel'], form) ?? 'letter';
  const ended = e.endsAt !== null && Date.parse(e.endsAt) <= now;
  const m = useFormMutation({
    form,
    schema: EventLetterBody,
    toBody: (v: Values) => bodyOf(v, office.code),
    mutationFn: async (body) => {
      // The browser checks what the server checks, the scans included, before anything travels.
      const issues = eventLetterIssues(body, today, files.length);
      if (issues.length) throw new ApiError(400, 'VALIDATION_FAILED', 'Check the letter', { issues });
      setProgress(0);
      try {
        return await recordCounterpartLetter(e.id, body, files, setProgress);
      } finally {
        setProgress(null);
      }
    },
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t('events:letters.done'));
      onClose();
    },
  });
  const elsewhere = m.error instanceof ApiError ? m.error.issues.filter((i) => !OWN_FIELD.test(i.field)) : [];
  const officeName = pickText(office.name, locale);

  return (
    <FormModal<Values>
      open
      title={t('events:letters.dialogTitle', { office: officeName })}
      form={form}
      onSubmit={(v) => {
        setRefused(null);
        m.submit(v);
      }}
      onClose={onClose}
      pending={m.pending}
      okText={t('events:letters.ok')}
      width={760}
      initialValues={{ letter: { channel: 'letter', date: today }, participants: [] }}
    >
      <ErrorAlert error={m.error} description={elsewhere.length ? elsewhere.map((i) => issueText(t, i)).join('; ') : undefined} />
      <FileIssuesAlert error={refused} />
      <Typography.Paragraph type="secondary">{t('events:letters.intro', { office: officeName, number: formatNumber(e) })}</Typography.Paragraph>
      <Form.Item name={['letter', 'channel']} label={t('events:letters.channel')} required>
        <Radio.Group optionType="button" options={LETTER_CHANNELS.map((c) => ({ value: c, label: t(`events:letters.channels.${c}`) }))} />
      </Form.Item>
      <Row gutter={12}>
        {channel !== 'phone' ? (
          <Col xs={24} md={12}>
            <Form.Item name={['letter', 'number']} label={t('events:letters.number')} required>
              <Input maxLength={100} autoFocus />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} md={12}>
          <Form.Item name={['letter', 'date']} label={t(channel === 'phone' ? 'events:letters.callDate' : 'events:letters.date')} required>
            <IsoDatePicker allowClear={false} disabledDate={(d) => d > today} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['letter', 'signerName']} label={t('events:letters.signerName')} extra={t('events:letters.asPrinted')}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['letter', 'signerPosition']} label={t('events:letters.signerPosition')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Text strong>{t('events:letters.participants')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('events:letters.participantsHint')}
      </Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <ParticipantRows />
      </div>

      {ended ? (
        <>
          <Typography.Text strong>{t('events:letters.statement')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('events:letters.statementHint')}
          </Typography.Paragraph>
          <Form.Item name={['statement', 'outcomes']} label={t('events:report.outcomes')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name={['statement', 'agreements']} label={t('events:report.agreements')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
          </Form.Item>
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('events:letters.statementAfterEnd')}
        </Typography.Paragraph>
      )}

      {channel !== 'phone' ? (
        <div data-testid="letter-scans">
          <Typography.Text strong>{t('events:letters.scans')}</Typography.Text>
          <div style={{ margin: '8px 0' }}>
            <FilePicker
              label={t('events:letters.addScans')}
              hint={t('items:attachments.typesHint')}
              busy={progress !== null}
              onChoose={(chosen) => setFiles((f) => [...f, ...chosen])}
              onRefused={setRefused}
            />
          </div>
          {files.map((f, i) => (
            <div key={`${f.name}-${i}`}>
              <Typography.Text>{f.name}</Typography.Text>{' '}
              <Button
                type="link"
                size="small"
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('events:letters.removeScan', { name: f.name })}
                onClick={() => setFiles((list) => list.filter((_, j) => j !== i))}
              />
            </div>
          ))}
          {progress !== null ? <Progress percent={progress} size="small" aria-label={t('items:attachments.progress')} /> : null}
        </div>
      ) : null}
    </FormModal>
  );
}
