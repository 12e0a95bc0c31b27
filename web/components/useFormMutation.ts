import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { applyIssues, parseWith } from './form-issues.ts';

interface Options<S extends z.ZodType, R, V> {
  form: FormInstance<V>;
  /** The shared zod schema of the request body (domain/schemas): the browser checks what the server checks. */
  schema: S;
  /** Form values → request body (before validation). */
  toBody: (values: V) => unknown;
  mutationFn: (body: z.output<S>) => Promise<R>;
  /** Queries to refresh after success. */
  invalidate?: QueryKey[];
  onSuccess?: (result: R) => void;
  /** Handles a failure itself (e.g. VERSION_CONFLICT: reload); return true to skip the default handling. */
  onError?: (error: unknown) => boolean;
}

/**
 * A form's submit: validate with the shared schema, send, and on a refusal put the server's field
 * issues on the fields. `error` is what the form's ErrorAlert shows.
 */
export function useFormMutation<S extends z.ZodType, R, V>({ form, schema, toBody, mutationFn, invalidate = [], onSuccess, onError }: Options<S, R, V>) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const mutation = useMutation<R, unknown, z.output<S>>({
    mutationFn,
    onSuccess: async (result) => {
      await Promise.all(invalidate.map((queryKey) => qc.invalidateQueries({ queryKey })));
      onSuccess?.(result);
    },
    onError: (e) => {
      if (onError?.(e)) return;
      if (e instanceof ApiError && e.issues.length > 0) {
        const unmatched = applyIssues(form, e.issues, t);
        // When every issue sits on its field, the alert only says "check the fields": a code such
        // as DATE_RANGE_INVALID names one case, the field's own message names this one.
        setError(unmatched.length === 0 ? new ApiError(e.status, 'VALIDATION_FAILED', e.message, e.details) : e);
      } else setError(e);
    },
  });
  const submit = (values: V) => {
    setError(null);
    const body = parseWith(form, schema, toBody(values), t);
    if (body !== null) mutation.mutate(body);
  };
  return { submit, pending: mutation.isPending, error };
}
