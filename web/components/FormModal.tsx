import { Form, Modal, type FormInstance } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  onSubmit: (values: V) => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
  okText?: string;
  width?: number;
  initialValues?: Partial<V>;
  children: ReactNode;
}

/**
 * A dialog whose OK button is the form's submit button, so Enter in any field submits and the
 * fields come first in the tab order.
 */
export function FormModal<V>({ open, title, form, onSubmit, onClose, pending, error, okText, width = 560, initialValues, children }: Props<V>) {
  const { t } = useTranslation();
  // Many dialogs are unmounted on close (rendered only while open), which skips antd's own return of
  // the focus; the control that opened the dialog is remembered at the first open render and focused again.
  const opener = useRef<Element | null>(null);
  if (open && !opener.current && typeof document !== 'undefined') opener.current = document.activeElement;
  useEffect(() => {
    if (!open) opener.current = null;
  }, [open]);
  useEffect(
    () => () => {
      const el = opener.current;
      if (el instanceof HTMLElement) setTimeout(() => el.isConnected && el.focus());
    },
    [],
  );
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      okText={okText ?? t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: pending }}
      destroyOnHidden
      mask={{ closable: false }}
      modalRender={(dom) => (
        <Form<V> form={form} layout="vertical" onFinish={onSubmit} initialValues={initialValues} clearOnDestroy scrollToFirstError>
          {dom}
        </Form>
      )}
    >
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
