import { Space, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { fullName } from '../../../domain/contacts.ts';
import type { ContactView } from '../../api/types.ts';
import { validityText } from '../../components/texts.ts';
import { BackdatedNote } from './BackdatedNote.tsx';

/** The columns every contact table shares (office page, my office's contacts). */
export function contactColumns(t: TFunction): TableColumnsType<ContactView> {
  return [
    { title: t('contacts:fields.fullName'), key: 'name', render: (_, c) => fullName(c) },
    { title: t('contacts:fields.position'), dataIndex: 'position' },
    { title: t('contacts:fields.phone'), dataIndex: 'phone', width: 170, render: (p: string) => <a href={`tel:${p.replace(/[^+\d]/g, '')}`}>{p}</a> },
    { title: t('contacts:fields.email'), dataIndex: 'email', render: (e: string) => <a href={`mailto:${e}`}>{e}</a> },
    {
      title: t('contacts:fields.designated'),
      key: 'designated',
      width: 230,
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <span>{validityText(t, c.designatedFrom, c.designatedTo)}</span>
          <BackdatedNote days={c.backdatedDays} recordedOn={c.recordedOn} />
        </Space>
      ),
    },
  ];
}
