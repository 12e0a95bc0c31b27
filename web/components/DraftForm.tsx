import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageSpinner } from './AppLayout.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { LinkButton } from './LinkButton.tsx';

/** Pieces of a draft's form page around useDraftForm: the draft loaded, the form's end, the files. */

interface EditableDraftProps<R> {
  draft: UseQueryResult<R>;
  /** Whether the user may edit it now (the server decides again on saving). */
  editable: (draft: R) => boolean;
  notEditable: string;
  back: { to: string; label: string };
  children: (draft: R) => ReactNode;
}

/** The saved draft, loaded; or why it cannot be edited now, with the way back to it. */
export function EditableDraft<R>({ draft, editable, notEditable, back, children }: EditableDraftProps<R>) {
  if (draft.isPending) return <PageSpinner />;
  if (draft.error || !draft.data) return <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />;
  if (!editable(draft.data)) {
    return (
      <Alert
        type="warning"
        showIcon
        title={notEditable}
        action={
          <LinkButton to={back.to} size="small">
            {back.label}
          </LinkButton>
        }
      />
    );
  }
  return <>{children(draft.data)}</>;
}

/** Files go with a saved draft: its attachments, or the note that they come after the first save. */
export function DraftFiles({ title, afterSave, children }: { title: string; afterSave: string; children: ReactNode | null }) {
  return children ? <Card title={title}>{children}</Card> : <Alert type="info" showIcon title={afterSave} />;
}

interface FooterProps {
  /** What the draft still lacks before it can go on, in words; empty when complete. */
  missing: string[];
  missingTitle: string;
  completeTitle: string;
  saveLabel: string;
  pending: boolean;
  onCancel: () => void;
}

/** The end of a draft's form: what is still missing (or that it is complete), Save and Cancel. */
export function DraftFormFooter({ missing, missingTitle, completeTitle, saveLabel, pending, onCancel }: FooterProps) {
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
