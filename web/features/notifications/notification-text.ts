import type { TFunction } from 'i18next';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { NotificationView } from '../../api/types.ts';
import { formatDate, isIsoDateString, legalBasisName, pickText } from '../../i18n/format.ts';

/**
 * `notifications:kinds.<kind>` filled with the payload: names in the reader's language, change
 * kinds translated, dates as DD.MM.YYYY. The payload holds facts only, never personal data.
 */
export function notificationText(t: TFunction, n: NotificationView, locale: Locale): string {
  const vars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(n.payload)) {
    if (isIsoDateString(value)) vars[key] = formatDate(value);
    else if (value && typeof value === 'object' && !Array.isArray(value) && 'ru' in value) vars[key] = pickText(value as Record<Locale, string>, locale);
    else vars[key] = value;
  }
  if (typeof n.payload.changeKind === 'string') vars.changeKind = t(`notifications:changeKinds.${n.payload.changeKind}`);
  if (n.kind === 'legal_basis.termination' && typeof n.payload.code === 'string') vars.code = legalBasisName(t, n.payload.code);
  // Requests and proposals: codes in the payload read as words; an item without its kind is "a document".
  // Each kind reads as a sentence: the document's kind in the case the sentence needs (name, of, to).
  if (n.kind.startsWith('item.')) {
    const kind = typeof n.payload.itemKind === 'string' ? n.payload.itemKind : 'item';
    for (const [v, form] of [
      ['itemKindName', 'name'],
      ['itemKindOf', 'of'],
      ['itemKindTo', 'to'],
    ] as const)
      vars[v] = t(`notifications:itemKinds.${kind}.${form}`, { defaultValue: t(`notifications:itemKinds.item.${form}`) });
    if (typeof n.payload.outcome === 'string') vars.outcome = t(`notifications:outcomes.${n.payload.outcome}`);
    if (typeof n.payload.decision === 'string') vars.decision = t(`notifications:consentDecisions.${n.payload.decision}`);
    if (typeof n.payload.accepted === 'boolean') vars.decision = t(`notifications:conditionsDecisions.${n.payload.accepted ? 'accepted' : 'rejected'}`);
  }
  const text = t(`notifications:kinds.${n.kind}`, { ...vars, defaultValue: t('notifications:page.unknownKind') });
  // O-3.1: a back-dated contact change says so, or its "from" date would read as timely.
  const backdated = n.kind === 'contact.changed' && typeof n.payload.backdatedDays === 'number' ? n.payload.backdatedDays : 0;
  // The sentence goes on with the back-dating, and ends after it.
  return backdated > 0 ? `${text.replace(/\.$/, '')}${t('notifications:contactBackdated', { count: backdated })}.` : text;
}

/** Only links inside the app are followed. */
export function notificationLink(n: NotificationView): string | null {
  const link = n.payload.link;
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') ? link : null;
}
