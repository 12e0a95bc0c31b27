import { AppError, fieldError, fieldIssue } from '../../../domain/errors.ts';
import { wasSent, type Side } from '../../../domain/item-status.ts';
import { dateIssue, incomingDateWindow, outgoingDateWindow, type DateWindow } from '../../../domain/registration-dates.ts';
import { mayExchangeDirectly, officeInForce, type ExchangeDecision } from '../../../domain/registry.ts';
import { localDate, type IsoDate } from '../../../domain/time.ts';
import type { Deps } from '../../lib/deps.ts';
import { registrySnapshot, type OfficeRow, type RegistrySnapshot } from '../registry/index.ts';
import type { ItemWithOffices } from './items.repository.ts';

/**
 * What the registry and the item's own history say about an item now (O-1, P-5, A-15, O-3.3),
 * computed once per request and handed to the status machine, the presenter and the checks:
 * - `exchange`: whether the sender may exchange directly with the addressee today — a pairing that
 *   lapsed after the draft was made leaves nothing to sign or send;
 * - the windows of the registration dates the user may enter next (outgoing for sending or for the
 *   written confirmation of an oral request, incoming for registration).
 * The registry is read only when one of them is needed.
 */
export interface ItemFacts {
  exchange: ExchangeFact | null;
  outgoingDates: DateWindow | null;
  incomingDates: DateWindow | null;
}

export type ExchangeFact =
  { allowed: true; on: IsoDate } | { allowed: false; on: IsoDate; reason: Extract<ExchangeDecision, { allowed: false }>['reason']; officeCode: string | null };

export const NO_FACTS: ItemFacts = { exchange: null, outgoingDates: null, incomingDates: null };

function exchangeOn(snapshot: RegistrySnapshot, from: OfficeRow, to: OfficeRow) {
  const a = snapshot.office(from.id)!;
  const b = snapshot.office(to.id)!;
  return (on: IsoDate) => mayExchangeDirectly({ from: a, to: b, on, pairings: snapshot.pairings, legalBasis: snapshot.legalBasis });
}

function fact(decision: ExchangeDecision, on: IsoDate): ExchangeFact {
  return decision.allowed ? { allowed: true, on } : { allowed: false, on, reason: decision.reason, officeCode: decision.officeCode ?? null };
}

/** The facts `side` needs for its next actions on the item (none for a viewer of neither side). */
export async function itemFacts(deps: Pick<Deps, 'clock' | 'db' | 'registry'>, found: ItemWithOffices, side: Side | null): Promise<ItemFacts> {
  const { item, from, to } = found;
  const now = deps.clock.now();
  const unsent = !wasSent(item.status);
  const confirming = item.mode === 'oral' && item.oralConfirmedAt === null && !unsent;
  const wantsOutgoing = side === 'sender' && (unsent || confirming);
  const wantsIncoming = side === 'receiver' && item.status === 'sent';
  if (!wantsOutgoing && !wantsIncoming) return NO_FACTS;
  const snapshot = await registrySnapshot(deps);
  if (wantsIncoming) {
    const receiver = snapshot.office(to.id);
    return {
      exchange: null,
      outgoingDates: null,
      incomingDates: incomingDateWindow({
        now,
        timeZone: to.timeZone,
        deliveredAt: (item.mode === 'oral' ? item.oralAt : null) ?? item.sentAt ?? now,
        receiverInForceOn: (day) => !receiver || officeInForce(receiver, day),
        receiverCode: to.code,
      }),
    };
  }
  const direct = item.route === 'direct';
  const check = direct ? exchangeOn(snapshot, from, to) : null;
  const today = localDate(now, from.timeZone);
  const sender = snapshot.office(from.id);
  return {
    exchange: unsent && check ? fact(check(today), today) : null,
    outgoingDates: outgoingDateWindow({
      now,
      timeZone: from.timeZone,
      createdAt: item.createdAt,
      oralAt: confirming ? item.oralAt : null,
      exchangeOn: check,
      senderInForceOn: (day) => !sender || officeInForce(sender, day),
      senderCode: from.code,
    }),
    incomingDates: null,
  };
}

/** O-1, P-5, A-15: the refusal of direct exchange, with the registry's reason and the date it was judged on. */
export function exchangeRefused(f: Extract<ExchangeFact, { allowed: false }>, addressee: string, field?: string): AppError {
  const message = `Direct exchange with ${addressee} is not allowed on ${f.on}: ${f.reason}`;
  const details = { reason: f.reason, officeCode: f.officeCode, on: f.on };
  if (!field) return new AppError('DIRECT_EXCHANGE_NOT_ALLOWED', message, details);
  return fieldError(
    'DIRECT_EXCHANGE_NOT_ALLOWED',
    message,
    fieldIssue(field, 'direct_exchange', `Direct exchange is not allowed on ${f.on} (${f.reason})`, { reason: f.reason, on: f.on }),
    details,
  );
}

/** O-1, P-5, A-15: may the sender address `addressee` directly today? Checked when a draft's addressee is set. */
export async function assertAddressee(
  deps: Pick<Deps, 'clock' | 'db' | 'registry'>,
  sender: OfficeRow,
  addressee: OfficeRow,
  field = 'body.toOfficeCode',
): Promise<void> {
  const snapshot = await registrySnapshot(deps);
  const on = localDate(deps.clock.now(), sender.timeZone);
  const f = fact(exchangeOn(snapshot, sender, addressee)(on), on);
  if (!f.allowed) throw exchangeRefused(f, field === 'body.toOfficeCode' ? addressee.code : sender.code, field);
}

/** O-3.3, P-4: a registration date outside its window answers 422 with the rule, on the field. */
export function assertRegistrationDate(window: DateWindow | null, date: IsoDate, field: string): void {
  if (!window) return;
  const issue = dateIssue(window, date);
  if (!issue) return;
  throw fieldError(
    'REGISTRATION_DATE_INVALID',
    `${field}: ${date} is not possible (${issue.rule})`,
    fieldIssue(field, issue.rule, `Not possible: ${issue.rule}`, { ...issue.params, timeZone: window.timeZone }),
  );
}
