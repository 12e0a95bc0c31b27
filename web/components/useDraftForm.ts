import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { useFormMutation } from './useFormMutation.ts';

/** A record saved as a draft: its id and the version an edit is made on. */
interface Saved {
  id: string;
  version: number;
}

interface DraftFormOptions<V extends object, R extends Saved, CS extends z.ZodType, US extends z.ZodType> {
  /** The saved draft being edited (as the server shows it now); absent for a new one. */
  draft?: R;
  /** The form's values of a new draft. */
  blank: V;
  /** The form's values of a saved draft. */
  valuesOf: (draft: R) => V;
  /** Form values → the request body of the draft's content. */
  bodyOf: (values: V) => Record<string, unknown>;
  /** The content fields an update sends when they changed (the timeline names exactly those). */
  contentKeys: readonly string[];
  /** Fields an update sends together when one of them changed (an event's times and their zone). */
  together?: readonly string[];
  /** The body of a new draft: the content and what only creation takes (links to other items). */
  createBody?: (content: Record<string, unknown>, values: V) => Record<string, unknown>;
  /** The shared schemas of the two requests (domain/schemas, refined for the form where needed). */
  createSchema: CS;
  updateSchema: US;
  create: (body: z.output<CS>) => Promise<R>;
  update: (id: string, body: z.output<US>) => Promise<R>;
  /** Puts the saved record in the caches (and refreshes the lists). */
  refresh: (saved: R) => void;
  /** The query of the draft, read again when someone else changed it. */
  draftKey: (id: string) => QueryKey;
  /** The record's page, where a save leads. */
  pathOf: (saved: R) => string;
  /** Where Cancel leads from a new draft. */
  cancelPath: string;
  savedText: string;
}

/** An optional text left blank is absent (null), not an empty string. */
export const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s : null);

const changedKeys = (keys: readonly string[], a: Record<string, unknown>, b: Record<string, unknown>) =>
  keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));

/**
 * The one way a draft (a request or proposal, an event) is written: the form's values and what they
 * still lack, create or update on the version it was loaded at (only the changed fields), the
 * server's field issues on the fields, a version conflict explained with a choice, and a question
 * before leaving with unsaved changes.
 */
export function useDraftForm<V extends object, R extends Saved, CS extends z.ZodType, US extends z.ZodType>(o: DraftFormOptions<V, R, CS, US>) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  // The version the form was loaded at: an update is made on it, even once a newer one has arrived.
  const [base, setBase] = useState(o.draft);
  const [initial, setInitial] = useState<V>(() => (o.draft ? o.valuesOf(o.draft) : o.blank));
  const watched = Form.useWatch([], form) as Partial<V> | undefined;
  const values = { ...initial, ...watched } as V;

  const before = o.bodyOf(initial);
  /** What saving would send: a new draft's whole body, an update's content. */
  const bodyFor = (v: V) => (!base && o.createBody ? o.createBody(o.bodyOf(v), v) : o.bodyOf(v));
  const dirty = JSON.stringify(bodyFor(values)) !== JSON.stringify(bodyFor(initial));

  const leaving = useRef(false);
  const saved = (record: R) => {
    o.refresh(record);
    void message.success(o.savedText);
    leaving.current = true;
    navigate(o.pathOf(record));
  };

  /** Takes the version on the server as the form's new starting point (what the user typed is dropped). */
  const reload = (current: R) => {
    const next = o.valuesOf(current);
    form.resetFields();
    form.setFieldsValue(next as Parameters<typeof form.setFieldsValue>[0]);
    setInitial(next);
    setBase(current);
  };
  /** Someone else saved the draft: say so and let the user take the current version or keep their text. */
  const askAboutConflict = async (id: string) => {
    const key = o.draftKey(id);
    await qc.refetchQueries({ queryKey: key, exact: true });
    const latest = qc.getQueryData<R>(key);
    modal.confirm({
      title: t('common:draft.conflictTitle'),
      content: t('common:draft.conflictText'),
      okText: t('common:draft.loadCurrent'),
      cancelText: t('common:draft.keepMine'),
      onOk: () => (latest ? reload(latest) : undefined),
    });
  };
  const onConflict = (e: unknown): boolean => {
    if (!(e instanceof ApiError && e.code === 'VERSION_CONFLICT') || !base) return false;
    void askAboutConflict(base.id);
    return true;
  };

  const create = useFormMutation({
    form,
    schema: o.createSchema,
    toBody: (v: V) => bodyFor({ ...initial, ...v }),
    mutationFn: o.create,
    onSuccess: saved,
  });
  const update = useFormMutation({
    form,
    schema: o.updateSchema,
    toBody: (v: V) => {
      const now = o.bodyOf({ ...initial, ...v });
      const keys = new Set(changedKeys(o.contentKeys, now, before));
      if (o.together?.some((k) => keys.has(k))) o.together.forEach((k) => keys.add(k));
      return { ...Object.fromEntries([...keys].map((k) => [k, now[k]])), version: base?.version };
    },
    mutationFn: (body) => o.update(base!.id, body),
    onSuccess: saved,
    onError: onConflict,
  });
  const m = base ? update : create;

  // Leaving with unsaved changes: a question inside the application, the browser's own on closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('common:draft.leaveTitle'),
      content: t('common:draft.leaveText'),
      okText: t('common:draft.leave'),
      okButtonProps: { danger: true },
      cancelText: t('common:draft.stay'),
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const hold = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [dirty]);

  return {
    form,
    /** The values as they stand (for what depends on them while the user types). */
    values,
    /** The values the form starts from (antd's initialValues). */
    initial,
    submit: m.submit,
    pending: m.pending,
    error: m.error,
    dirty,
    cancel: () => navigate(base ? o.pathOf(base) : o.cancelPath),
  };
}
