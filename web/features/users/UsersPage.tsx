import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Input, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../domain/access.ts';
import { api } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleTags } from '../../components/Tags.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { formatDateTime, userName } from '../../i18n/format.ts';
import { OfficeCodeSelect } from './OfficeCodeSelect.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { userKeys, useUsers, type UserFilters } from './useUsers.ts';
import { DataTable } from '../../components/DataTable.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserView } | { kind: 'reset'; user: UserView } | null;

const isLocked = (u: UserView) => u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now();

export default function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<UserFilters>({});
  const paging = usePaging(50);
  const { data, isFetching, error, refetch } = useUsers(filters, paging.params);
  const [dialog, setDialog] = useState<Dialog>(null);
  const saved = (text: string) => void message.success(text);
  const setFilter = (patch: UserFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    paging.reset();
  };
  const action = useMutation({
    mutationFn: ({ user, kind }: { user: UserView; kind: 'disable' | 'enable' | 'unlock' }) =>
      kind === 'unlock'
        ? api.post<UserView>(`/api/v1/users/${user.id}/unlock`)
        : api.patch<UserView>(`/api/v1/users/${user.id}`, { disabled: kind === 'disable', version: user.version }),
    onSuccess: async (_, { kind }) => {
      await qc.invalidateQueries({ queryKey: userKeys.all });
      saved(t(`users:saved.${kind}`));
    },
    onError: (e) => void message.error(errorMessage(t, e)),
  });

  const columns: TableColumnsType<UserView> = [
    { title: t('users:fields.login'), dataIndex: 'login', width: 160, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('users:fields.fullName'), dataIndex: 'fullName', render: (n: string) => userName(t, n) },
    { title: t('users:fields.office'), dataIndex: 'officeCode', width: 140 },
    { title: t('users:fields.roles'), key: 'roles', render: (_, u) => <RoleTags roles={u.roles} /> },
    { title: t('users:fields.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
    {
      title: t('users:fields.status'),
      key: 'status',
      width: 190,
      render: (_, u) => (
        <Space orientation="vertical" size={2}>
          {u.disabled ? <Tag color="red">{t('users:status.disabled')}</Tag> : <Tag color="green">{t('users:status.active')}</Tag>}
          {u.disabledReason === 'office_not_hosted' || !u.officeHostedHere ? (
            <Tooltip title={t('users:status.officeNotHostedHint')}>
              <Tag color="orange" tabIndex={0}>
                {t('users:status.officeNotHosted')}
              </Tag>
            </Tooltip>
          ) : null}
          {isLocked(u) ? <Tag color="orange">{t('users:status.lockedUntil', { date: formatDateTime(u.lockedUntil) })}</Tag> : null}
          {u.mustChangePassword ? <Tag>{t('users:status.mustChangePassword')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users:fields.lastLoginAt'), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    {
      title: t('common:actionsColumn'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, u) => (
        <Space size={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
            {t('common:actions.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reset', label: t('users:actions.resetPassword') },
                ...(isLocked(u) ? [{ key: 'unlock', label: t('users:actions.unlock') }] : []),
                // A user of an office not hosted here cannot be enabled (OFFICE_NOT_HOSTED_HERE).
                u.disabled
                  ? { key: 'enable', label: t('users:actions.enable'), disabled: !u.officeHostedHere }
                  : { key: 'disable', label: t('users:actions.disable'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'reset') setDialog({ kind: 'reset', user: u });
                else if (key === 'unlock') action.mutate({ user: u, kind: 'unlock' });
                else
                  modal.confirm({
                    title: key === 'disable' ? t('users:confirm.disable', { login: u.login }) : t('users:confirm.enable', { login: u.login }),
                    okText: t('common:yes'),
                    cancelText: t('common:no'),
                    okButtonProps: { danger: key === 'disable' },
                    onOk: () => action.mutateAsync({ user: u, kind: key as 'disable' | 'enable' }),
                  });
              },
            }}
          >
            <Button size="small" icon={<MoreOutlined />} aria-label={t('users:actions.more', { login: u.login })} />
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users:title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users:actions.create')}
          </Button>
        }
      />
      <Space wrap className="table-filters">
        <Input.Search
          allowClear
          placeholder={t('users:search')}
          aria-label={t('users:search')}
          style={{ width: 260 }}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
        />
        <OfficeCodeSelect
          allowClear
          placeholder={t('users:fields.office')}
          aria-label={t('users:fields.office')}
          style={{ width: 300 }}
          value={filters.officeCode}
          onChange={(officeCode) => setFilter({ officeCode })}
        />
        <FilterSelect
          label={t('users:fields.role')}
          width={220}
          value={filters.role}
          onChange={(role) => setFilter({ role })}
          options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        />
        <FilterSelect
          label={t('users:fields.status')}
          width={180}
          value={filters.disabled}
          onChange={(disabled) => setFilter({ disabled })}
          options={[
            { value: 'false', label: t('users:status.active') },
            { value: 'true', label: t('users:status.disabled') },
          ]}
        />
      </Space>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <DataTable<UserView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={paging.pagination(data?.total)}
        locale={{ emptyText: t('users:empty') }}
        scroll={{ x: 1200 }}
      />
      {dialog?.kind === 'create' ? <UserFormModal user={null} onClose={() => setDialog(null)} onSaved={saved} /> : null}
      {dialog?.kind === 'edit' ? <UserFormModal user={dialog.user} onClose={() => setDialog(null)} onSaved={saved} /> : null}
      {dialog?.kind === 'reset' ? <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} onSaved={saved} /> : null}
    </>
  );
}
