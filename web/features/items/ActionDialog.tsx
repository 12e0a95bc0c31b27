import { useQueryClient } from '@tanstack/react-query';
import { App, Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import type { ItemView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { useUser } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { ActionFields, actionBody, actionInitialValues, DispatchField, schemaFor, type ActionValues, type DialogAction } from './ActionFields.tsx';
import { dispatchNeeded, withDispatchRule } from './letter-rules.ts';
import { itemKeys, postAction, useItemRefresh } from './useItems.ts';

export type { DialogAction };

/**
 * The submit of a dialog that acts on an item: the answer replaces the page's item; a version
 * conflict (someone else changed the item meanwhile) closes the dialog, says so and shows the item
 * as it is now.
 */
export function useItemActionMutation<S extends z.ZodType>(o: {
  item: ItemView;
  form: FormInstance<ActionValues>;
  schema: S;
  toBody: (v: ActionValues) => unknown;
  post: (body: z.output<S>) => Promise<ItemView>;
  doneText: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const refresh = useItemRefresh();
  return useFormMutation({
    form: o.form,
    schema: o.schema,
    toBody: o.toBody,
    mutationFn: o.post,
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(o.doneText);
      o.onClose();
    },
    onError: (e) => {
      if (!(e instanceof ApiError && e.code === 'VERSION_CONFLICT')) return false;
      o.onClose();
      void qc.invalidateQueries({ queryKey: itemKeys.one(o.item.id) });
      void qc.invalidateQueries({ queryKey: ['items', 'part', o.item.id] });
      modal.warning({ title: t('items:versionConflictTitle'), content: t('items:versionConflict'), okText: t('items:reloaded') });
      return true;
    },
  });
}

/** Each action of the status machine as a small dialog with its form; the answer replaces the page's item. */
export function ActionDialog({ item, action, onClose }: { item: ItemView; action: DialogAction; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const user = useUser();
  const [form] = Form.useForm<ActionValues>();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  // Issue 10: a letter of ours to a counterpart off the system says how it goes out.
  const dispatch = dispatchNeeded(item, action);
  const m = useItemActionMutation({
    item,
    form,
    schema: dispatch ? withDispatchRule(schemaFor(action, item)) : schemaFor(action, item),
    toBody: (v) => actionBody(action, v, item.version),
    post: (body) => postAction(item.id, action, body),
    doneText: t(`items:done.${action}`),
    onClose,
  });

  return (
    <FormModal<ActionValues>
      open
      title={t(`items:actions.${action}`)}
      form={form}
      initialValues={actionInitialValues(action, item, today, user)}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t(`items:actionOk.${action}`, { defaultValue: t(`items:actions.${action}`) })}
      width={action === 'record_outcome' || action === 'sign' || action === 'confirm_in_writing' ? 760 : 600}
    >
      <ActionFields item={item} action={action} outcome={outcome} />
      {dispatch ? <DispatchField item={item} /> : null}
    </FormModal>
  );
}
