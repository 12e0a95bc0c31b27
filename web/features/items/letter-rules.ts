import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Side } from '../../../domain/item-status.ts';
import { dispatchIssue, letterIssuePath, letterIssues, receivedLetterIssues, type LetterIssue } from '../../../domain/letters.ts';
import {
  ConsentLetterBody,
  ITEM_ACTION_SPECS,
  RecordLetterHead,
  type ItemActionSpec,
  type LetterAction,
  type PostedItemAction,
} from '../../../domain/schemas/item-actions.ts';
import { Version } from '../../../domain/schemas/common.ts';
import { ReceiveLetterBody } from '../../../domain/schemas/items.ts';
import type { UploadLimits } from '../../../domain/settings.ts';
import type { ItemView, TimelineEntry } from '../../api/types.ts';
import { refusedFiles } from '../../components/upload-limits.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { formatDate, pickText } from '../../i18n/format.ts';

/**
 * Counterparts off the system in the web (issue 10): the forms that record their letters and the
 * dispatch of ours, checked with the rules of domain/letters.ts, the server's own.
 */

/** The scans chosen in the form: files, sent beside the JSON (the `file` parts). */
const Scans = z.array(z.custom<File>((f) => typeof f === 'object' && f !== null));

type Ctx = z.core.$RefinementCtx;

function addLetterIssues(ctx: Ctx, issues: LetterIssue[]) {
  for (const i of issues) ctx.addIssue({ code: 'custom', path: letterIssuePath(i.field), message: i.message, params: { rule: i.rule } });
}

/** The administrator's limits, refused before anything travels, on the scans' field. */
function addFileIssues(ctx: Ctx, files: readonly File[], limits: UploadLimits | undefined) {
  for (const i of refusedFiles(files, limits)) ctx.addIssue({ code: 'custom', path: ['file'], message: i.message, params: { rule: i.rule, ...i.params } });
}

/** The counterpart's actions of the item machine a letter carries: recorded in the same fields as in the system. */
export type MachineLetterAction = Extract<LetterAction, PostedItemAction>;

/**
 * The dialog that records a counterpart's letter as its action: the letter and its scans, then the
 * action's own body (the same form as in the system), with the letter rules the server applies on
 * the counterpart's side and the recording office's today.
 */
export function recordLetterSchema(action: LetterAction, side: Side, today: string, limits?: UploadLimits) {
  // a consent decision is not a move of the machine; its body names the consent it decides.
  const spec: ItemActionSpec | null = action === 'consent_decision' ? null : ITEM_ACTION_SPECS[action];
  return RecordLetterHead.extend({ file: Scans })
    .and(spec ? (spec.form ?? spec.body) : ConsentLetterBody.extend({ version: Version }))
    .superRefine((b, ctx) => {
      addLetterIssues(ctx, letterIssues(b.letter, action, side, today, b.file.length));
      addFileIssues(ctx, b.file, limits);
    });
}

/** A request or proposal received by letter: its content as written, the letter with its signer, the scans. */
export function receivedLetterSchema(today: string, limits?: UploadLimits) {
  return ReceiveLetterBody.extend({ file: Scans }).superRefine((b, ctx) => {
    addLetterIssues(ctx, receivedLetterIssues(b.letter, today, b.file.length));
    addFileIssues(ctx, b.file, limits);
  });
}

/**
 * Whether our signed letter that `action` sends goes to a counterpart off the system, so the dialog
 * asks how it is dispatched: the action's body takes a dispatch method (sending, the written
 * confirmation, the outcome) and the counterpart is off this node on the other side.
 */
export function dispatchNeeded(item: Pick<ItemView, 'offSystem' | 'side'>, action: PostedItemAction): boolean {
  const body = ITEM_ACTION_SPECS[action].body;
  const takesMethod = body instanceof z.ZodObject && 'dispatchMethod' in body.shape;
  return takesMethod && item.offSystem !== null && item.side !== null && item.side !== item.offSystem.side;
}

/** The form refuses a letter to a counterpart off the system without its dispatch method, as the server would. */
export function withDispatchRule(schema: z.ZodType): z.ZodType {
  return schema.superRefine((body, ctx) => {
    // The dialog asks only when the counterpart is off this node (dispatchNeeded).
    const issue = dispatchIssue({ hosting: 'off_system' }, (body as { dispatchMethod?: 'letter' }).dispatchMethod);
    if (issue) ctx.addIssue({ code: 'custom', path: ['dispatchMethod'], message: issue.message, params: { rule: issue.rule } });
  });
}

/** The name of one of the item's two offices, by its code (the counterpart a letter came from). */
export function officeNameOf(item: Pick<ItemView, 'fromOffice' | 'toOffice'>, code: string, locale: Locale): string {
  const office = [item.fromOffice, item.toOffice].find((o) => o.code === code);
  return office ? pickText(office.name, locale) : code;
}

/**
 * A timeline entry recorded from a counterpart's letter (or call): «recorded from the letter No. …
 * of … of <office>»; null for an action taken in the system.
 */
export function letterLine(
  t: TFunction,
  item: Pick<ItemView, 'fromOffice' | 'toOffice'>,
  e: Pick<TimelineEntry, 'channel' | 'onBehalfOf' | 'details'>,
  locale: Locale,
): string | null {
  const letter = (e.details ?? {}).letter as { number?: string | null; date?: string; channel?: string } | undefined;
  if (!letter || e.channel === 'system') return null;
  const office = e.onBehalfOf ? officeNameOf(item, e.onBehalfOf, locale) : '';
  const channel = t(`items:letters.channelsInline.${letter.channel ?? e.channel}`, { defaultValue: e.channel });
  const date = formatDate(letter.date ?? null);
  if (!letter.number) return t('items:timeline.fromCall', { date, office, channel });
  return t('items:timeline.fromLetter', { number: letter.number, date, office, channel });
}
