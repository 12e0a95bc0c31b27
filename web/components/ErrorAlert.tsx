import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { lawPath } from '../../domain/law.ts';
import { errorMessage, errorRequirements } from './error-message.ts';

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
  const articles = errorRequirements(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(t, error)}
      description={
        articles.length ? (
          <Space orientation="vertical" size={2}>
            {description}
            {/* The article the refusal carries out, on the law page. */}
            <Space size={8} wrap>
              {articles.map((id) => (
                <Link key={id} to={lawPath(id)}>
                  {t('law:articleLink', { id })}
                </Link>
              ))}
            </Space>
          </Space>
        ) : (
          description
        )
      }
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
