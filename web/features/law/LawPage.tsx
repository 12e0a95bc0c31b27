import { Card, Checkbox, Collapse, Descriptions, Empty, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { LAW_DOCUMENTS, type TestResult } from '../../../domain/law.ts';
import type { LawRequirement } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { filterRequirements, inLocale, parseDocument } from './law-filter.ts';
import { useLaw } from './useLaw.ts';

const RESULT_COLOR: Record<TestResult, string> = { passed: 'green', failed: 'red', skipped: 'default', none: 'default' };

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((p, i) => (
        <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-line', marginBottom: 8 }}>
          {p}
        </Typography.Paragraph>
      ))}
    </>
  );
}

function Requirement({ r, year, label, active }: { r: LawRequirement; year: number; label: string; active: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // The law exists here in Russian; a Kazakh text is shown when the data has one.
  const text = locale === 'kk' && r.text.kk ? r.text.kk : r.text.ru;
  const ruOnly = locale !== 'ru' && !(locale === 'kk' && r.text.kk);
  const rule = inLocale(r.rule, locale);
  const does = inLocale(r.does, locale);
  return (
    <Card
      id={r.id}
      size="small"
      style={{ marginBottom: 12, scrollMarginTop: 16, ...(active ? { borderColor: '#1d4f91', boxShadow: '0 0 0 2px rgba(29,79,145,0.25)' } : {}) }}
      title={
        <Flex gap={8} align="center" wrap>
          <a href={`#${r.id}`}>{r.id}</a>
          <span>{label}</span>
          <Tag>{t(`law:sections.${r.section}`)}</Tag>
        </Flex>
      }
      extra={<Tag color={r.confirmed ? 'green' : 'red'}>{r.confirmed ? t('law:confirmed') : t('law:unconfirmed')}</Tag>}
    >
      <Typography.Text strong>{t('law:text')}</Typography.Text>
      {ruOnly ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          {t('law:textRuOnly')}
        </Typography.Paragraph>
      ) : null}
      <div lang={ruOnly || locale === 'ru' ? 'ru' : locale}>
        <Paragraphs text={text} />
      </div>
      <Typography.Text strong>{t('law:rule')}</Typography.Text>
      <Typography.Paragraph lang={rule.lang}>{rule.text}</Typography.Paragraph>
      <Typography.Text strong>{t('law:does')}</Typography.Text>
      <Typography.Paragraph lang={does.lang}>{does.text}</Typography.Paragraph>
      {r.figures.length > 0 ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={t('law:figures.title', { year })}
          style={{ marginBottom: 12 }}
          items={r.figures.map((f, i) => ({
            key: `${f.key}-${f.ground ?? i}`,
            label: t(`law:figures.${f.key}`, { ground: f.ground ? t(`items:refusalGrounds.${f.ground}`) : '' }),
            children: f.value,
          }))}
        />
      ) : null}
      <Collapse
        size="small"
        items={[
          {
            key: 'rules',
            label: `${t('law:rules')}: ${r.rules.length}`,
            children: r.rules.length ? (
              <ul style={{ margin: 0 }}>
                {r.rules.map((x) => (
                  <li key={`${x.file}#${x.name}`}>
                    <Typography.Text code>{x.file}</Typography.Text> <Typography.Text code>{x.name}</Typography.Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">{t('law:noRules')}</Typography.Text>
            ),
          },
          {
            key: 'tests',
            label: t('law:tests', { count: r.tests.length }),
            children: r.tests.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {r.tests.map((x) => (
                  <li key={`${x.file} ${x.name}`} style={{ marginBottom: 4 }}>
                    <Tag color={RESULT_COLOR[x.result]}>{t(`law:results.${x.result}`)}</Tag>
                    <span lang="en">{x.name}</span>{' '}
                    <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                      {x.file}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">{t('law:noTests')}</Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Правовая основа и её исполнение: every article, how the system carries it out and proves it. */
export default function LawPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { data, error, refetch } = useLaw();
  const [params, setParams] = useSearchParams();
  const { hash } = useLocation();
  const anchor = hash ? decodeURIComponent(hash.slice(1)) : null;
  const filter = { q: params.get('q') ?? '', document: parseDocument(params.get('document')), unconfirmed: params.get('unconfirmed') === '1' };
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const label = (r: LawRequirement) => t(`law:short.${r.document}`, { article: r.article });
  const shown = data ? filterRequirements(data.requirements, filter, locale, label, anchor) : [];

  // An address with an article (/law#A-6.3) opens at it once the page has its data.
  useEffect(() => {
    if (anchor && data) document.getElementById(anchor)?.scrollIntoView({ block: 'start' });
  }, [anchor, data]);

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <PageSpinner />;
  return (
    <>
      <PageHeader title={t('law:title')}>
        <Typography.Paragraph style={{ marginBottom: 4 }}>{t('law:intro', { year: data.year })}</Typography.Paragraph>
        <Typography.Text type={data.report ? 'secondary' : 'warning'}>
          {data.report ? t('law:report.from', { date: formatDateTime(data.report.startedAt) }) : t('law:report.none')}
        </Typography.Text>
      </PageHeader>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('law:filters.search')}
          placeholder={t('law:filters.search')}
          defaultValue={filter.q}
          onSearch={(v) => set('q', v.trim() || null)}
          style={{ width: 340 }}
        />
        <Select
          aria-label={t('law:filters.document')}
          value={filter.document ?? ''}
          onChange={(v: string) => set('document', v || null)}
          style={{ minWidth: 220 }}
          options={[{ value: '', label: t('law:filters.allDocuments') }, ...LAW_DOCUMENTS.map((d) => ({ value: d, label: t(`law:documentNames.${d}`) }))]}
        />
        <Checkbox checked={filter.unconfirmed} onChange={(e) => set('unconfirmed', e.target.checked ? '1' : null)}>
          {t('law:filters.unconfirmed')}
        </Checkbox>
        <Typography.Text type="secondary">{t('law:found', { count: shown.length })}</Typography.Text>
      </Flex>
      {anchor && !data.requirements.some((r) => r.id === anchor) ? (
        <Typography.Paragraph type="warning">{t('law:notFound', { id: anchor })}</Typography.Paragraph>
      ) : null}
      {shown.length === 0 ? <Empty /> : null}
      {LAW_DOCUMENTS.map((d) => {
        const list = shown.filter((r) => r.document === d);
        if (list.length === 0) return null;
        return (
          <section key={d} aria-labelledby={`law-doc-${d}`}>
            <Typography.Title level={2} id={`law-doc-${d}`} style={{ fontSize: 18 }}>
              {t(`law:documents.${d}`)}
            </Typography.Title>
            <Space orientation="vertical" style={{ width: '100%' }} size={0}>
              {list.map((r) => (
                <Requirement key={r.id} r={r} year={data.year} label={label(r)} active={r.id === anchor} />
              ))}
            </Space>
          </section>
        );
      })}
    </>
  );
}
