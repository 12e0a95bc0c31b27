import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePartyContext } from '../auth/useSession.ts';

/**
 * O-3.4: a matter outside the Protocol (legal assistance, extradition, anything that is not one of
 * the forms) is addressed to the sender's coordinating unit instead of the counterpart: say so and why.
 */
export function RouteNotice({
  reasons,
  coordinator,
  intended,
  future,
}: {
  reasons: readonly string[];
  coordinator: string;
  intended: string | null;
  future?: boolean;
}) {
  const { t } = useTranslation();
  const party = usePartyContext();
  if (reasons.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      data-testid="route-notice"
      style={{ marginBottom: 16 }}
      title={t(future ? 'items:route.willGo' : 'items:route.went', { coordinator })}
      description={
        <>
          <div>{t('items:route.because')}</div>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {reasons.map((r) => (
              <li key={r}>{t(`items:route.reasons.${r}`, { ...party, defaultValue: r })}</li>
            ))}
          </ul>
          <div>{t('items:route.rule', party)}</div>
          {intended ? <div>{t('items:route.intended', { office: intended })}</div> : null}
        </>
      }
    />
  );
}
