import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { Children, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import { Link, useLocation } from 'react-router';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { currentLocale } from '../../i18n/index.ts';
import './help.css';

/** The guide, one Markdown file per language (web/help/guide.<lang>.md), each loaded when first read. */
const GUIDES = import.meta.glob<string>('../../help/guide.*.md', { query: '?raw', import: 'default' });
const guideFile = (lang: string) => `../../help/guide.${lang}.md`;
const FALLBACK = 'ru';

/** `## Title {#anchor}`: the anchor becomes the heading's id and leaves its text; the same id in every language. */
function withAnchor(Tag: 'h1' | 'h2' | 'h3' | 'h4') {
  return function Heading({ children }: { children?: ReactNode }) {
    const parts = Children.toArray(children);
    const last = parts.at(-1);
    const m = typeof last === 'string' ? /\s*\{#([a-z0-9-]+)\}\s*$/.exec(last) : null;
    if (!m || typeof last !== 'string') return <Tag>{children}</Tag>;
    return (
      <Tag id={m[1]} tabIndex={-1}>
        {parts.slice(0, -1)}
        {last.slice(0, m.index)}
      </Tag>
    );
  };
}

const components: Components = {
  h1: withAnchor('h1'),
  h2: withAnchor('h2'),
  h3: withAnchor('h3'),
  h4: withAnchor('h4'),
  // A link to a page of the app stays in the app; a link to a section only moves the view.
  a: ({ href, children }) => (href?.startsWith('/') ? <Link to={href}>{children}</Link> : <a href={href}>{children}</a>),
  // Markdown puts a picture inside a paragraph, where a <figure> may not stand: spans laid out as blocks instead.
  img: ({ src, alt }) => (
    <span className="help-figure">
      {/* The pictures are screenshots at 1366×768: the size reserves their place, so a section opened by its anchor stays in view while they load. */}
      <img src={typeof src === 'string' ? src : undefined} alt={alt ?? ''} width={1366} height={768} />
      {alt ? (
        <span className="help-caption" aria-hidden>
          {alt}
        </span>
      ) : null}
    </span>
  ),
};

/** The user guide: every role's duties step by step, opened at the section of the page the «?» came from, printable. */
export default function HelpPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { hash } = useLocation();
  const lang = GUIDES[guideFile(locale)] ? locale : FALLBACK;
  const [text, setText] = useState<{ lang: string; markdown: string } | null>(null);

  useEffect(() => {
    let live = true;
    void GUIDES[guideFile(lang)]!().then((markdown) => live && setText({ lang, markdown }));
    return () => {
      live = false;
    };
  }, [lang]);

  // Scroll to the section once its text is there (and again when the reader follows a link within the guide).
  useEffect(() => {
    if (!text || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [text, hash]);

  if (!text || text.lang !== lang) return <PageSpinner />;
  return (
    <article className="help-guide" data-testid="guide" lang={lang} aria-label={t('common:help.title')}>
      <Flex className="help-toolbar" justify="space-between" align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('common:help.hint')}</Typography.Text>
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t('common:help.print')}
        </Button>
      </Flex>
      {lang !== locale ? <Alert className="help-toolbar" type="info" showIcon title={t('common:help.fallback')} style={{ marginBottom: 16 }} /> : null}
      <Markdown components={components}>{text.markdown}</Markdown>
    </article>
  );
}
