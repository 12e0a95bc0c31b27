import type { z } from 'zod';
import { hasRole, type Actor } from '../../../domain/access.ts';
import { AppError, fieldError, fieldIssue } from '../../../domain/errors.ts';
import { CONSENT_DECIDERS, consentNeeded, informationReceived, mayDecideConsent, providerSide, recipientSide, useBasis } from '../../../domain/information.ts';
import type { ConsentDecisionBody, ConsentRequestBody, UseBody } from '../../../domain/schemas/items.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { presentOfficeRef } from '../registry/index.ts';
import { readerFor } from './items.pieces.ts';
import { sideOf, assertCanSee } from './items.policy.ts';
import type { LetterInput } from './items.letters.ts';
import * as repo from './items.repository.ts';
import { notifyOffice, perform } from './items.service.ts';

/**
 * information received is used for the purpose it was requested for. Another use needs the
 * providing office's prior consent, unless the provider marked the information public. For a
 * request the provider is the requested office (its answer); for a proposal, the proposing one.
 */
export function providerAndRecipient(found: repo.ItemWithOffices): { provider: repo.OfficeRow; recipient: repo.OfficeRow } {
  const office = (side: 'sender' | 'receiver') => (side === 'sender' ? found.from : found.to);
  return { provider: office(providerSide(found.item.kind)), recipient: office(recipientSide(found.item.kind)) };
}

/** conditions the requester accepted bind every use of what it received — shown to those who may read them. */
async function acceptedConditions(deps: Deps, actor: Actor, found: repo.ItemWithOffices): Promise<string | null> {
  if (found.item.conditionsStatus !== 'accepted') return null;
  const level = await repo.conditionsLevel(deps.db, found.item.id);
  return (await readerFor(deps.db, actor, found.item, [level])).level(level) ? found.item.conditions : null;
}

/**
 * The texts of consents and uses (purposes, justifications, notes) speak of the request and go with
 * its content: a viewer who may not read the request sees that they exist and their state only.
 */
async function mayReadTexts(deps: Deps, actor: Actor, found: repo.ItemWithOffices): Promise<boolean> {
  return (await readerFor(deps.db, actor, found.item)).request;
}

async function load(deps: Deps, actor: Actor, itemId: string, db: Db = deps.db) {
  const found = await repo.findItem(db, itemId);
  if (!found) throw new AppError('NOT_FOUND', 'No such item');
  assertCanSee(actor, found.item, { fromParty: found.from.party, toParty: found.to.party });
  return found;
}

function presentConsent(c: repo.ConsentRow, offices: Map<string, repo.OfficeRow>, actor: Actor, texts = true) {
  return {
    id: c.id,
    mayDecide: mayDecideConsent(c, actor),
    itemId: c.itemId,
    requesterOffice: presentOfficeRef(offices.get(c.requesterOfficeId)!),
    providerOffice: presentOfficeRef(offices.get(c.providerOfficeId)!),
    purpose: texts ? c.purpose : null,
    justification: texts ? c.justification : null,
    status: c.status,
    requestedAt: c.requestedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionNote: texts ? c.decisionNote : null,
  };
}

export async function listConsents(deps: Deps, actor: Actor, itemId: string) {
  const found = await load(deps, actor, itemId);
  const offices = new Map([found.from, found.to].map((o) => [o.id, o]));
  const texts = await mayReadTexts(deps, actor, found);
  return { items: (await repo.listConsents(deps.db, itemId)).map((c) => presentConsent(c, offices, actor, texts)) };
}

export async function requestConsent(deps: Deps, actor: Actor, itemId: string, body: z.infer<typeof ConsentRequestBody>) {
  const found = await load(deps, actor, itemId);
  const { provider, recipient } = providerAndRecipient(found);
  if (actor.officeId !== recipient.id || sideOf(actor, found.item) === null)
    throw new AppError('FORBIDDEN', 'Consent is asked by the office that received the information');
  if (!informationReceived(found.item)) throw new AppError('ITEM_ACTION_NOT_ALLOWED', 'No information has been received on this item yet');
  let consent: repo.ConsentRow;
  return perform(
    deps,
    actor,
    itemId,
    'consent_request',
    body,
    async (c, f) => {
      consent = await repo.insertConsent(c.tx, {
        itemId,
        requesterOfficeId: recipient.id,
        providerOfficeId: provider.id,
        purpose: body.purpose,
        justification: body.justification,
        requestedBy: actor.userId,
        requestedAt: c.at,
      });
      return {
        touch: false,
        details: { consentId: consent.id },
        audit: () => ({ action: 'item.consent_request', objectType: 'consent', objectId: consent.id, after: { itemId } }),
        after: (c2) => notifyOffice(c2.tx, c2.deps, f, provider.id, 'item.consent_requested'),
      };
    },
    { view: async () => presentConsent(consent, new Map([found.from, found.to].map((o) => [o.id, o])), actor) },
  );
}

export async function decideConsent(
  deps: Deps,
  actor: Actor,
  consentId: string,
  body: z.infer<typeof ConsentDecisionBody>,
  letter?: LetterInput & { itemId: string },
) {
  const seen = await repo.findConsent(deps.db, consentId);
  if (!seen || (letter && seen.itemId !== letter.itemId)) throw new AppError('NOT_FOUND', 'No such consent request');
  let decided: repo.ConsentRow;
  return perform(
    deps,
    actor,
    seen.itemId,
    'consent_decision',
    body,
    async (c, found, _facts, by) => {
      const consent = (await repo.findConsent(c.tx, consentId, true))!;
      // Off the system the provider decides by its signed letter, recorded by the office that asked.
      if (by.letter) {
        if (by.officeId !== consent.providerOfficeId) throw new AppError('FORBIDDEN', 'The letter is of the office that did not provide the information');
      } else if (actor.officeId !== consent.providerOfficeId || !hasRole(actor, ...CONSENT_DECIDERS)) {
        if (actor.officeId !== consent.providerOfficeId) throw new AppError('NOT_FOUND', 'No such consent request');
        throw new AppError('FORBIDDEN', 'The head of the providing office or a deputy decides');
      }
      if (consent.status !== 'pending') throw new AppError('CONSENT_ALREADY_DECIDED', 'This request has been decided');
      decided = await repo.decideConsent(c.tx, consentId, { status: body.decision, decidedBy: actor.userId, decidedAt: c.at, decisionNote: body.note ?? null });
      return {
        touch: false,
        details: { consentId, decision: body.decision },
        audit: () => ({ action: 'item.consent_decision', objectType: 'consent', objectId: consentId, after: { decision: body.decision } }),
        after: (c2) => notifyOffice(c2.tx, c2.deps, found, consent.requesterOfficeId, 'item.consent_decided', { decision: body.decision }),
      };
    },
    { view: async (_c, found) => presentConsent(decided, new Map([found.from, found.to].map((o) => [o.id, o])), actor), letter },
  );
}

/**
 * Records a use (or export, or print) of received information for a purpose. It is allowed for the
 * purpose the information was requested for, for public information, and for a purpose the
 * provider consented to; otherwise it is refused with CONSENT_REQUIRED and nothing is recorded.
 */
export async function recordUse(deps: Deps, actor: Actor, itemId: string, body: z.infer<typeof UseBody>) {
  const found = await load(deps, actor, itemId);
  const { recipient } = providerAndRecipient(found);
  if (actor.officeId !== recipient.id || sideOf(actor, found.item) === null)
    throw new AppError('FORBIDDEN', 'Uses are recorded by the office that received the information');
  if (!informationReceived(found.item)) throw new AppError('ITEM_ACTION_NOT_ALLOWED', 'No information has been received on this item yet');
  const consents = consentNeeded(body.purpose, found.item) ? await repo.listConsents(deps.db, itemId) : [];
  const basis = useBasis(body.purpose, found.item, consents);
  if (!basis) {
    throw fieldError(
      'CONSENT_REQUIRED',
      'Using the information for another purpose needs the provider’s prior consent (A-9.3)',
      fieldIssue('body.purpose', 'consent_required', 'Ask the providing office for consent first'),
    );
  }
  const { consentId } = basis;
  const conditions = await acceptedConditions(deps, actor, found);
  let use: Awaited<ReturnType<typeof repo.insertUse>>;
  return perform(
    deps,
    actor,
    itemId,
    `info_${body.kind}`,
    body,
    async (c) => {
      use = await repo.insertUse(c.tx, {
        itemId,
        officeId: actor.officeId,
        kind: body.kind,
        purpose: body.purpose,
        consentId,
        usedBy: actor.userId,
        usedAt: c.at,
      });
      return {
        touch: false,
        details: { purpose: body.purpose, consentId, basis: basis.basis },
        audit: () => ({ action: `item.info_${body.kind}`, objectType: 'item', objectId: itemId, after: { useId: use.id, consentId } }),
      };
    },
    {
      view: async () => ({
        id: use.id,
        kind: use.kind,
        purpose: use.purpose,
        consentId: use.consentId,
        usedAt: use.usedAt.toISOString(),
        officeCode: actor.officeCode,
        conditions,
      }),
    },
  );
}

export async function listUses(deps: Deps, actor: Actor, itemId: string) {
  const found = await load(deps, actor, itemId);
  // Same-instant uses keep the order they were recorded in (UUIDv7 ids are time-ordered).
  const rows = (await repo.listUses(deps.db, itemId)).sort((a, b) => a.u.usedAt.getTime() - b.u.usedAt.getTime() || a.u.id.localeCompare(b.u.id));
  const [texts, conditions] = await Promise.all([mayReadTexts(deps, actor, found), acceptedConditions(deps, actor, found)]);
  return {
    items: rows.map((r) => ({
      id: r.u.id,
      kind: r.u.kind,
      purpose: texts ? r.u.purpose : null,
      consentId: r.u.consentId,
      usedAt: r.u.usedAt.toISOString(),
      officeCode: r.officeCode,
      conditions,
    })),
  };
}
