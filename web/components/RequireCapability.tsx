import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, type Capability, type Role } from '../../domain/access.ts';
import { useCan } from '../features/auth/useCan.ts';
import { useUser } from '../features/auth/useSession.ts';
import { LinkButton } from './LinkButton.tsx';

/** A page the user's roles do not allow: say so instead of a broken page (the API refuses anyway). */
export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const allowed = useCan(capability);
  return allowed ? <>{children}</> : <Forbidden />;
}

/** The same for pages open to some roles (the journals of requests and proposals). */
export function RequireRoles({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const allowed = hasRole(useUser(), ...roles);
  return allowed ? <>{children}</> : <Forbidden />;
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('common:forbidden.title')}
      subTitle={t('common:forbidden.text')}
      extra={
        <LinkButton to="/" type="primary">
          {t('common:actions.home')}
        </LinkButton>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common:notFound.title')}
      subTitle={t('common:notFound.text')}
      extra={
        <LinkButton to="/" type="primary">
          {t('common:actions.home')}
        </LinkButton>
      }
    />
  );
}
