import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message.ts';

interface Props {
  error: unknown;
  onRetry?: () => void;
  /** Shown under the message, e.g. which action failed. */
  description?: string;
}

/** Every failure in the UI is shown by this one component, as `errors:<code>` in the user's language. */
export function ErrorAlert({ error, onRetry, description }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(t, error)}
      description={description}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common:actions.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
