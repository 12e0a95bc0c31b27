import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** What the draft still lacks before it can go on, in words; empty when complete. */
  missing: string[];
  missingTitle: string;
  completeTitle: string;
  saveLabel: string;
  pending: boolean;
  onCancel: () => void;
}

/** The end of a draft's form: what is still missing (or that it is complete), Save and Cancel. */
export function DraftFormFooter({ missing, missingTitle, completeTitle, saveLabel, pending, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {missing.length > 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="missing-fields" title={missingTitle} description={missing.join(', ')} />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="missing-fields" title={completeTitle} />
      )}
      <Flex gap={8} style={{ marginBottom: 24 }}>
        <Button type="primary" htmlType="submit" loading={pending}>
          {saveLabel}
        </Button>
        <Button onClick={onCancel}>{t('common:actions.cancel')}</Button>
      </Flex>
    </>
  );
}
