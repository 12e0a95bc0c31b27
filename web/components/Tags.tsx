import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../domain/access.ts';
import type { ComplianceStatus } from '../../domain/contacts.ts';
import type { Hosting } from '../../domain/node.ts';
import type { Party } from '../../domain/registry.ts';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color="blue" variant="outlined">
          {t(`common:roles.${r}`)}
        </Tag>
      ))}
    </>
  );
}

export function PartyTag({ party }: { party: Party }) {
  const { t } = useTranslation();
  return <Tag color={party === 'RU' ? 'geekblue' : 'cyan'}>{t(`common:partiesShort.${party}`)}</Tag>;
}

export function YesNoTag({ value, yes, no }: { value: boolean; yes?: string; no?: string }) {
  const { t } = useTranslation();
  return <Tag color={value ? 'green' : 'default'}>{value ? (yes ?? t('common:yes')) : (no ?? t('common:no'))}</Tag>;
}

const COMPLIANCE_COLORS: Record<ComplianceStatus, string> = {
  ok: 'green',
  late: 'gold',
  pending: 'blue',
  overdue: 'red',
  lapsed: 'volcano',
  missing: 'default',
};

export function ComplianceTag({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation();
  return <Tag color={COMPLIANCE_COLORS[status]}>{t(`contacts:compliance.statuses.${status}`)}</Tag>;
}

const HOSTING_COLORS: Record<Hosting, string> = { here: 'green', peer: 'purple', off_system: 'orange' };

/** Where an office works, seen from this node (domain/node.ts). */
export function HostingTag({ hosting }: { hosting: Hosting }) {
  const { t } = useTranslation();
  return <Tag color={HOSTING_COLORS[hosting]}>{t(`registry:hostings.${hosting}`)}</Tag>;
}
