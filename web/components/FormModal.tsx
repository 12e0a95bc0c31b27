import { Form, Modal, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
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
  // Many dialogs are rendered only while open and unmounted on close, which skips antd's own return
  // of the focus: the control that was focused when such a dialog appeared gets it back.
  const [opener] = useState(() => (open && typeof document !== 'undefined' ? document.activeElement : null));
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement) setTimeout(() => opener.isConnected && opener.focus());
    },
    [opener],
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
