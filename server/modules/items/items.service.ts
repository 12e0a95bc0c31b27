import type { z } from 'zod';
import { hasRole, isOfficeStaff, OFFICE_STAFF_ROLES, type Actor } from '../../../domain/access.ts';
import { canonicalItem, sameSignedContent } from '../../../domain/canonical.ts';
import { answerDeadline, oralConfirmationDeadline } from '../../../domain/deadlines.ts';
import { AppError, type ErrorCode, fieldError, type FieldIssue, fieldIssue, validationError } from '../../../domain/errors.ts';
import {
  applyAction,
  FINAL_STATUSES,
  ITEM_ACTIONS,
  ITEM_MACHINE,
  refusalOf,
  TRANSITIONS,
  wasSent,
  type ActionPayload,
  type ActionRefusal,
  type ActorView,
  type ItemAction,
  type Side,
} from '../../../domain/item-status.ts';
import { dispatchIssue, LETTER_ROLES, offSystemSide, receivedLetterIssues, type DispatchMethod } from '../../../domain/letters.ts';
import { isHostedHere } from '../../../domain/node.ts';
import { localDate } from '../../../domain/time.ts';
import { grantingRoles } from '../../../domain/machine.ts';
import { levelChangeRefusal, readIsAudited, type LevelRefusal } from '../../../domain/confidentiality.ts';
import {
  missingMandatoryFields,
  translationIssues,
  OUTCOME_ISSUES,
  outcomeIssues,
  type AttachmentRole,
  type Confidentiality,
  type ItemContent,
  type OutcomeIssue,
  type Route,
} from '../../../domain/items.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { scopeOf, type ScopeReason } from '../../../domain/scope.ts';
import type {
  AssignBody,
  ConfirmInWritingBody,
  CreateItemBody,
  ForwardBody,
  ItemListQuery,
  MessageBody,
  NoteBody,
  OutcomeBody,
  PieceLevelBody,
  ReceiveLetterBody,
  ReasonBody,
  RegisterBody,
  SendBody,
  SendOralBody,
  UpdateItemBody,
} from '../../../domain/schemas/items.ts';
import { messageAction } from '../../../domain/schemas/item-actions.ts';
import { items as itemsTable, type items } from '../../db/schema.ts';
import { independentReads, type Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { perform as kernel, listActions, type ActionContext, type Kind } from '../../kernel/index.ts';
import { cleanName } from '../../lib/uploads.ts';
import { recordAudit, type AuditInput } from '../audit/index.ts';
import { findRecipients, notify, type NotificationKind } from '../notifications/index.ts';
import { allOffices, cachedOffices, findOfficeByCode, findOfficeById, type OfficeRow } from '../registry/index.ts';
import { getSettings } from '../settings/index.ts';
import { providersOf, sha256Hex } from '../signing/index.ts';
import { assertAddressee, assertRegistrationDate, exchangeRefused, itemFacts, NO_FACTS, type ItemFacts } from './items.facts.ts';
import { storeAttachments, type IncomingFile } from './items.files.ts';
import { counterpartOffSystem, letterFacts, letterFieldIssues, letterSide, recordDispatch, storeLetter, type LetterInput } from './items.letters.ts';
import { attachmentProvider, effectiveLevel, highestOf, pieceLevelOf, readerFor, type Reader } from './items.pieces.ts';
import { actorView, assertCanCreate, assertCanSee, mayRead, sideOf } from './items.policy.ts';
import { contentOf, presentItem, presentListRow, stateOf } from './items.presenter.ts';
import * as repo from './items.repository.ts';

type ItemInsert = typeof items.$inferInsert;

const REFUSAL_ERRORS: Record<ActionRefusal, ErrorCode> = {
  NOT_ALLOWED_IN_STATUS: 'ITEM_ACTION_NOT_ALLOWED',
  NOT_YOUR_SIDE: 'FORBIDDEN',
  ROLE_REQUIRED: 'FORBIDDEN',
  CONTENT_INCOMPLETE: 'MANDATORY_CONTENT_MISSING',
  NOT_SIGNED: 'ITEM_NOT_SIGNED',
  NOT_ORAL: 'ITEM_ACTION_NOT_ALLOWED',
  ALREADY_CONFIRMED: 'ALREADY_CONFIRMED',
  GROUNDS_REQUIRED: 'REFUSAL_GROUND_REQUIRED',
  NO_CONDITIONS: 'NO_CONDITIONS_PROPOSED',
  ORAL_CONFIRMATION_REQUIRED: 'ORAL_CONFIRMATION_REQUIRED',
  EXCHANGE_NOT_ALLOWED: 'DIRECT_EXCHANGE_NOT_ALLOWED',
};

const parties = (f: repo.ItemWithOffices) => ({ fromParty: f.from.party, toParty: f.to.party });

async function coordinatorOf(db: Db, party: 'RU' | 'KZ'): Promise<OfficeRow> {
  const office = (await allOffices(db)).find((o) => o.party === party && o.kind === 'coordinator');
  if (!office) throw new AppError('UNPROCESSABLE', `No coordinating unit of ${party} in the registry`);
  return office;
}

/** A rule of domain/items.ts outcomeIssues on its field of the request's body. */
const outcomeFieldIssue = (i: OutcomeIssue): FieldIssue => fieldIssue(`body.${i.field}`, i.rule, i.message);

function refusalError(refusal: ActionRefusal, action: ItemAction, item: repo.ItemRow): AppError {
  if (refusal === 'CONTENT_INCOMPLETE') {
    const missing = missingMandatoryFields(contentOf(item));
    return new AppError('MANDATORY_CONTENT_MISSING', `Missing: ${missing.join(', ')}`, {
      issues: missing.map((f) => ({
        field: `body.${f === 'toOfficeId' ? 'toOfficeCode' : f}`,
        rule: 'mandatory_content',
        message: `${f} is required before signing (A-6.3)`,
      })),
    });
  }
  if (refusal === 'GROUNDS_REQUIRED') {
    return fieldError(
      'REFUSAL_GROUND_REQUIRED',
      'A full or partial refusal needs at least one ground of Article 7.1',
      outcomeFieldIssue(OUTCOME_ISSUES.refusal_ground),
    );
  }
  return new AppError(REFUSAL_ERRORS[refusal], `${action} is not possible now (${refusal})`, { action, status: item.status, refusal });
}

/** the actions that put the content out under the sender's signature. */
const TRANSLATION_CHECKED = new Set<string>(['sign', 'send', 'confirm_in_writing']);

async function assertTranslationFile(db: Db, item: repo.ItemRow): Promise<void> {
  const issues = translationIssues(
    contentOf(item),
    (await repo.listAttachments(db, item.id)).map((r) => r.a),
  );
  if (issues.length === 0) return;
  throw fieldError(
    'TRANSLATION_FILE_MISSING',
    'The request says a translation is attached, but no attachment is marked as the translation (A-6.5)',
    issues.map((i) => fieldIssue(`body.${i.field}`, i.rule, i.message)),
  );
}

// ─── routing ─────────────────────────────────────────────────────────────────

interface Routing {
  toOfficeId: string;
  intendedOfficeId: string | null;
  route: Route;
  routeReasons: ScopeReason[];
}

/** O-3.4: a matter outside the Protocol is addressed to the sender's coordinator, with the reasons. */
async function routeFor(db: Db, sender: OfficeRow, addressee: OfficeRow, content: Pick<ItemContent, 'subjectMatter' | 'priorityAreas'>): Promise<Routing> {
  const scope = scopeOf(content);
  if (scope.route === 'coordinator') {
    const coordinator = await coordinatorOf(db, sender.party);
    return { toOfficeId: coordinator.id, intendedOfficeId: addressee.id, route: 'coordinator', routeReasons: scope.reasons };
  }
  if (addressee.party === sender.party) {
    throw fieldError(
      'DIRECT_EXCHANGE_NOT_ALLOWED',
      'Direct exchange is with an office of the other Party',
      fieldIssue('body.toOfficeCode', 'counterpart_party', 'Choose an office of the other Party'),
      { reason: 'SAME_PARTY' },
    );
  }
  return { toOfficeId: addressee.id, intendedOfficeId: null, route: 'direct', routeReasons: [] };
}

async function addresseeByCode(db: Db, code: string): Promise<OfficeRow> {
  const office = await findOfficeByCode(db, code);
  if (!office) throw validationError(fieldIssue('body.toOfficeCode', 'office_exists', 'No such office'), 'No such office');
  return office;
}

/**
 * O-1, P-5, A-15: a draft goes directly only to an office the sender may exchange with today. Checked
 * when the addressee is set — on creation, on a change of addressee, or when a routed matter comes
 * back to the direct route; a draft whose pairing lapsed later is left editable, with nothing to
 * sign or send (the `exchangeAllowed` fact of the status machine).
 */
async function checkAddressee(deps: Deps, db: Db, sender: OfficeRow, routing: Routing, before: repo.ItemRow | null): Promise<void> {
  if (routing.route !== 'direct') return;
  if (before && before.route === 'direct' && before.toOfficeId === routing.toOfficeId) return;
  const addressee = await findOfficeById(db, routing.toOfficeId);
  if (addressee) await assertAddressee(deps, sender, addressee);
}

// ─── reading ─────────────────────────────────────────────────────────────────

export async function loadVisible(deps: Deps, actor: Actor, id: string, db: Db = deps.db, forUpdate = false) {
  const found = await repo.findItem(db, id, forUpdate);
  if (!found) throw new AppError('NOT_FOUND', 'No such item');
  assertCanSee(actor, found.item, parties(found));
  return found;
}

async function view(deps: Deps, actor: Actor, found: repo.ItemWithOffices, db: Db = deps.db) {
  const [attachmentRows, links, executor, conditionsLevel, letters] = await independentReads(db, deps.db, [
    () => repo.listAttachments(db, found.item.id),
    () => repo.listLinks(db, found.item.id),
    () => (found.item.executorId ? repo.officeUsers(db, found.item.executorId) : Promise.resolve(undefined)),
    () => (found.item.conditionsStatus !== 'none' ? repo.conditionsLevel(db, found.item.id) : Promise.resolve(null)),
    // Letters exist only with a counterpart off the system (or a paper signature): no query otherwise.
    () => (offSystemSide(found) || found.item.paperLetterId ? repo.listLetters(db, found.item.id) : Promise.resolve([])),
  ]);
  const reader = await readerFor(db, actor, found.item, [conditionsLevel, ...attachmentRows.map((r) => r.a.confidentiality)]);
  return presentItem({
    found,
    actor,
    now: deps.clock.now(),
    reader,
    conditionsLevel,
    attachments: attachmentRows,
    links,
    executorName: executor?.fullName ?? null,
    confirmationTimeZone: found.from.timeZone,
    facts: await itemFacts(deps, found, actorView(actor, found.item).side),
    letters,
    staff: isOfficeStaff(actor),
  });
}

export type Presented = Awaited<ReturnType<typeof view>>;

/** The pieces not open whose content a view carries: what asks to be audited (levels and ids, never content). */
function piecesRead(v: Presented): { piece: string; id?: string; level: string }[] {
  const read: { piece: string; id?: string; level: string }[] = [];
  if (v.contentVisible && readIsAudited(v.confidentiality)) read.push({ piece: 'request', level: v.confidentiality });
  if (v.outcome?.contentVisible && v.outcome.confidentiality && readIsAudited(v.outcome.confidentiality))
    read.push({ piece: 'answer', level: v.outcome.confidentiality });
  if (v.conditions.contentVisible && v.conditions.text !== null && v.conditions.confidentiality && readIsAudited(v.conditions.confidentiality))
    read.push({ piece: 'conditions', level: v.conditions.confidentiality });
  for (const a of v.attachments) if (readIsAudited(a.confidentiality)) read.push({ piece: 'attachment', id: a.id, level: a.confidentiality });
  return read;
}

/** reading a piece of information that is not open is written to the audit log. */
export async function getItem(deps: Deps, actor: Actor, id: string) {
  const found = await loadVisible(deps, actor, id);
  const result = await view(deps, actor, found);
  const read = piecesRead(result);
  if (read.length > 0) {
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps, actor, { action: 'item.read', objectType: 'item', objectId: id, after: { number: found.item.number, pieces: read } }),
    );
  }
  return result;
}

export async function listItems(deps: Deps, actor: Actor, q: z.infer<typeof ItemListQuery>) {
  if (q.box === 'all' && !hasRole(actor, 'coordinator')) throw new AppError('FORBIDDEN', 'The view of all items is the coordinator’s');
  if (q.box !== 'all' && !isOfficeStaff(actor) && !hasRole(actor, 'coordinator'))
    throw new AppError('FORBIDDEN', 'Journals are kept by the staff of an office');
  const offices = await cachedOffices(deps);
  let counterpartId: string | undefined;
  if (q.counterpart) {
    counterpartId = offices.find((o) => o.code === q.counterpart)?.id;
    if (!counterpartId) return { items: [], total: 0, totalCapped: false };
  }
  const viewer: repo.JournalViewer = {
    userId: actor.userId,
    officeId: actor.officeId,
    isHead: hasRole(actor, 'head', 'deputy_head'),
    isCoordinator: hasRole(actor, 'coordinator'),
    partyOfficeIds: offices.filter((o) => o.party === actor.party).map((o) => o.id),
    offices: new Map(offices.map((o) => [o.id, o])),
  };
  const sort = q.sort ?? (q.box === 'outgoing' ? 'createdAt' : 'sentAt');
  const { rows, total, totalCapped } = await repo.listJournal(deps.db, viewer, { ...q, sort, counterpartId, now: deps.clock.now() });
  return { items: rows.map(presentListRow), total, totalCapped };
}

/** Free texts of the workflow (a reason, a note, a purpose): they go with the request's content. */
const TEXT_DETAILS = new Set(['reason', 'note', 'purpose']);
/** Details that name files: stored as ids, named here only for a caller who may read the file. */
const FILE_DETAILS = new Set(['attached', 'files', 'removed', 'attachment', 'scans']);

/**
 * An event's details as the caller may see them: files by name only when the caller may read them
 * (otherwise «a file of level X», no name, hash or id), free texts only with the request's content.
 * Older events stored names and hashes; they are resolved by id the same way.
 */
function presentDetails(
  details: Record<string, unknown> | null,
  reader: Reader,
  item: repo.ItemRow,
  files: Map<string, repo.AttachmentRow>,
): Record<string, unknown> | null {
  if (!details) return null;
  const fileRef = (x: unknown) => {
    const fileId = typeof x === 'string' ? x : x && typeof x === 'object' ? String((x as { id?: unknown }).id ?? '') : '';
    const a = files.get(fileId);
    if (!a) return { hidden: true, confidentiality: null };
    const level = effectiveLevel(item, a);
    return reader.attachment(a) ? { id: a.id, fileName: a.fileName, confidentiality: level } : { hidden: true, confidentiality: level };
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (TEXT_DETAILS.has(k)) out[k] = reader.request ? v : null;
    else if (FILE_DETAILS.has(k)) out[k] = Array.isArray(v) ? v.map(fileRef) : fileRef(v);
    else out[k] = v;
  }
  return out;
}

/** Every action on the item from its log, each under the confidentiality rule (files named, texts shown only to their readers). */
export async function timeline(deps: Deps, actor: Actor, id: string) {
  const found = await loadVisible(deps, actor, id);
  const [rows, files] = await Promise.all([listActions(deps.db, id), repo.listAllAttachments(deps.db, id)]);
  const reader = await readerFor(
    deps.db,
    actor,
    found.item,
    files.map((a) => a.confidentiality),
  );
  const byId = new Map(files.map((a) => [a.id, a]));
  return {
    items: rows
      // Where a log taken over from the old timeline ends: the row as it stood, not a step anyone took.
      .filter((r) => r.a.kind !== 'baseline')
      .map((r) => ({
        id: r.a.id,
        at: r.a.at.toISOString(),
        action: r.a.kind,
        fromStatus: r.a.fromStatus,
        toStatus: r.a.toStatus,
        actor: r.a.actorUserId ? { id: r.a.actorUserId, fullName: r.actorName ?? '' } : null,
        officeCode: r.officeCode,
        channel: r.a.channel,
        onBehalfOf: r.onBehalfOfCode,
        details: presentDetails(r.a.details ?? null, reader, found.item, byId),
      })),
  };
}

/** the thread; each message under its own level, its reads audited when not open. */
export async function messages(deps: Deps, actor: Actor, id: string) {
  const found = await loadVisible(deps, actor, id);
  const rows = await repo.listMessages(deps.db, id);
  const reader = await readerFor(
    deps.db,
    actor,
    found.item,
    rows.map((r) => r.m.confidentiality),
  );
  const items = rows.map((r) => {
    const readable = reader.level(r.m.confidentiality);
    return {
      id: r.m.id,
      side: r.m.side,
      officeCode: r.officeCode,
      author: { id: r.m.authorId, fullName: r.authorName },
      body: readable ? r.m.body : null,
      proposedConditions: readable ? r.m.proposedConditions : null,
      confidentiality: r.m.confidentiality,
      contentVisible: readable,
      createdAt: r.m.createdAt.toISOString(),
    };
  });
  const read = items.filter((m) => m.contentVisible && readIsAudited(m.confidentiality));
  if (read.length > 0) {
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps, actor, {
        action: 'item.messages_read',
        objectType: 'item',
        objectId: id,
        after: { pieces: read.map((m) => ({ piece: 'message', id: m.id, level: m.confidentiality })) },
      }),
    );
  }
  return { items };
}

// ─── notifications ───────────────────────────────────────────────────────────

/**
 * Tells an office about its item: those of its staff who may read the piece the notification is
 * about (`level`: the request's, unless it is about the answer or a message) — for a restricted
 * piece only its heads, deputies and assigned users, by the same rule as the item page. The
 * notification (and its e-mail) names the item and the other office, never any content.
 */
export async function notifyOffice(
  tx: Db,
  deps: Pick<Deps, 'clock' | 'config'>,
  found: repo.ItemWithOffices,
  officeId: string,
  kind: NotificationKind,
  extra: Record<string, unknown> = {},
  level: Confidentiality = found.item.confidentiality,
) {
  const item = found.item;
  const other = officeId === found.from.id ? found.to : found.from;
  const candidates = await findRecipients(tx, { officeIds: [officeId], roles: ['head', 'deputy_head', 'officer', 'coordinator'] });
  const participants = level === 'restricted' ? new Set(await repo.participantIds(tx, item.id)) : new Set<string>();
  const userIds = candidates
    .filter((u) => mayRead({ userId: u.id, officeId, roles: u.roles } as unknown as Actor, item, participants.has(u.id), level))
    .map((u) => u.id);
  if (userIds.length === 0) return;
  await notify(tx, deps, {
    recipients: { userIds },
    kind,
    officeId,
    subjectType: 'item',
    subjectId: item.id,
    payload: {
      number: formatNumber(item),
      itemKind: item.kind,
      officeCode: other.code,
      officeName: { ru: other.nameRu, kk: other.nameKk, en: other.nameEn },
      ...extra,
    },
    link: `/items/${item.id}`,
  });
}

// ─── the workflow: every change of an item is an action of the kernel ─────────

/** What of an action's details goes into the audit row: ids and facts, never a free text (A-9.1: the auditor reads no content). */
function auditDetails(details: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details ?? {}).filter(([k]) => !TEXT_DETAILS.has(k)));
}

const ITEM: Kind = { type: 'item', table: itemsTable };
const isMachineAction = (a: string): a is ItemAction => (ITEM_ACTIONS as readonly string[]).includes(a);

/** An item action's effect; `c` carries the transaction and the action's one instant. */
interface ItemEffect {
  values?: Partial<ItemInsert>;
  details?: Record<string, unknown>;
  after?: (c: ActionContext, found: repo.ItemWithOffices) => Promise<void>;
  /** For `update`: false when the signed content stays as it was, so the signature stands. */
  contentChanged?: boolean;
  /** Nothing changed at all: nothing is written, the item is answered as it is. */
  unchanged?: boolean;
  /** False for a fact recorded beside the item (a consent, a use, a file of the answer): the version stays. */
  touch?: boolean;
  /** The audit row, when it is not `item.<action>` with the statuses. */
  audit?: (next: repo.ItemRow) => AuditInput;
}

interface ItemLoaded {
  row: repo.ItemRow;
  found: repo.ItemWithOffices;
  facts: ItemFacts;
}

/** The item with its offices after an action: a new addressee (a draft readdressed) brings its own office row. */
async function foundAfter(tx: Db, l: ItemLoaded, next: repo.ItemRow): Promise<repo.ItemWithOffices> {
  const readdressed = next.toOfficeId !== l.row.toOfficeId || next.intendedOfficeId !== l.row.intendedOfficeId;
  return readdressed ? (await repo.findItem(tx, next.id))! : { ...l.found, item: next };
}

/**
 * Who takes an item action: the user, in the system; or the counterpart office off the system, by
 * its letter that the user records (`letter` and its `scans` are stored when the action runs).
 */
export interface Acting {
  side: Side | null;
  officeId: string;
  letter: repo.LetterRow | null;
}

interface ItemActionOptions<R> {
  /** The counterpart's letter this action is recorded from. */
  letter?: LetterInput;
  /** The machine's input when it is not the actor's input itself. */
  payload?: ActionPayload;
  /** What the actor provided, when it is not the body without its version (files by name, size and SHA-256). */
  stated?: Record<string, unknown>;
  /** The answer, when it is not the item's page. */
  view?: (c: ActionContext, found: repo.ItemWithOffices) => Promise<R>;
}

/**
 * One action on an item, through the kernel (server/kernel): the row is locked, the version
 * checked, the status machine decides (for the actions it knows; the others — files of the answer,
 * levels, consents, uses — check their own rule in their effect), the effect runs, and the action,
 * the row, the audit row and the notifications are written together. Two users pressing the same
 * button queue on the row lock: the second finds the new status and is refused, so there is exactly
 * one signature and one sending.
 */
export async function perform<R = Presented>(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  input: { version?: number } & Record<string, unknown>,
  effect: (c: ActionContext, found: repo.ItemWithOffices, facts: ItemFacts, by: Acting) => Promise<ItemEffect>,
  opts: ItemActionOptions<R> = {},
): Promise<R> {
  const { version, ...stated } = input;
  const payload = (opts.payload ?? stated) as ActionPayload;
  let e: ItemEffect = {};
  const by: Acting = { side: null, officeId: actor.officeId, letter: null };
  let who: ActorView = { side: null, roles: actor.roles };
  return kernel<repo.ItemRow, ItemLoaded, R>(deps, {
    kind: ITEM,
    action,
    actor,
    input: opts.letter ? { ...(opts.stated ?? stated), letter: opts.letter.letter, scans: statedFiles(opts.letter.scans) } : (opts.stated ?? stated),
    version,
    channel: opts.letter?.letter.channel ?? 'system',
    subject: { id },
    lock: async (tx) => {
      const found = await loadVisible(deps, actor, id, tx, true);
      return { row: found.item, found, facts: NO_FACTS };
    },
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The item has changed since you opened it; reload and try again', { version: row.version }),
    decide: async (c, l) => {
      // A letter speaks for the counterpart's side; the recording user must be of the other side.
      const counterpart = opts.letter ? letterSide(actor, l.found, action, opts.letter, c.at) : null;
      who = counterpart ? { side: counterpart.side, roles: LETTER_ROLES } : actorView(actor, l.row);
      by.side = who.side;
      if (counterpart) by.officeId = counterpart.officeId;
      const onBehalf = counterpart ? { onBehalfOfOfficeId: counterpart.officeId } : {};
      if (!isMachineAction(action)) return onBehalf;
      l.facts = await itemFacts(c.deps, l.found, who.side);
      const state = stateOf(l.row, l.facts);
      const refusal = refusalOf(state, action, who, payload);
      if (refusal === 'EXCHANGE_NOT_ALLOWED' && l.facts.exchange && !l.facts.exchange.allowed) throw exchangeRefused(l.facts.exchange, l.found.to.code);
      if (refusal) throw refusalError(refusal, action, l.row);
      if (!counterpart && TRANSLATION_CHECKED.has(action)) await assertTranslationFile(c.tx, l.row);
      // Recorded from a letter: the roles are the letter's authority, not the recording user's.
      return { roles: counterpart ? [] : grantingRoles(ITEM_MACHINE, state, action, who), ...onBehalf };
    },
    effect: async (c, l) => {
      let scans: string[] = [];
      // The scans carry what the letter says: at the level the counterpart gave that piece (an answer's, a message's), never below the request's.
      if (opts.letter)
        ({ letter: by.letter, scans } = await storeLetter(
          c,
          actor,
          id,
          by.officeId,
          action,
          opts.letter,
          l.row,
          stated.confidentiality as Confidentiality | undefined,
        ));
      e = await effect(c, l.found, l.facts, by);
      return {
        values: e.values as Record<string, unknown> | undefined,
        details: by.letter ? { ...e.details, letter: letterFacts(by.letter), scans } : (e.details ?? null),
        touch: e.touch,
        unchanged: e.unchanged,
        audit: undefined,
        after: e.after ? async (c2, next) => e.after!(c2, await foundAfter(c2.tx, l, next)) : undefined,
      };
    },
    settle: async (c, l, merged) => {
      // The journal's level follows the pieces the effect added or changed, in this transaction.
      const highestConfidentiality = await highestOf(c.tx, merged);
      if (!isMachineAction(action)) return { highestConfidentiality };
      // The effect may have changed the content: the machine decides on the state after it.
      const state = stateOf(l.row, l.facts);
      const contentComplete = stateOf(merged).contentComplete;
      const next = applyAction({ ...state, contentComplete }, action, who, {
        ...payload,
        contentComplete,
        ...(e.contentChanged === false ? { contentChanged: false } : {}),
      });
      const final = FINAL_STATUSES.includes(next.status);
      return {
        status: next.status,
        heldFrom: next.heldFrom,
        conditionsStatus: next.conditions,
        highestConfidentiality,
        ...(final && !l.row.closedAt ? { closedAt: c.at } : {}),
      };
    },
    audit: (_c, l, next, details) =>
      e.audit?.(next) ?? {
        action: `item.${action}`,
        objectType: 'item',
        objectId: id,
        before: { status: l.row.status, version: l.row.version },
        after: { status: next.status, ...auditDetails(details) },
      },
    view: async (c, l, next) => {
      const found = await foundAfter(c.tx, l, next);
      return opts.view ? opts.view(c, found) : (view(c.deps, actor, found, c.tx) as Promise<R>);
    },
  });
}

// ─── creating and editing ────────────────────────────────────────────────────

export async function createItem(deps: Deps, actor: Actor, body: z.infer<typeof CreateItemBody>) {
  const sender = await findOfficeById(deps.db, actor.officeId);
  if (!sender) throw new AppError('FORBIDDEN');
  assertCanCreate(actor, sender);
  const addressee = await addresseeByCode(deps.db, body.toOfficeCode!);
  const routing = await routeFor(deps.db, sender, addressee, body);
  await checkAddressee(deps, deps.db, sender, routing, null);
  for (const [field, linkId] of [
    ['inReplyTo', body.inReplyTo],
    ['furtherTo', body.furtherTo],
  ] as const) {
    if (!linkId) continue;
    const target = await repo.findItem(deps.db, linkId);
    if (!target || sideOf(actor, target.item) === null) {
      throw validationError(fieldIssue(`body.${field}`, 'item_exists', 'No such item of your office'), 'No such item to refer to');
    }
  }
  const id = await kernel<repo.ItemRow, ItemLoaded, string>(deps, {
    kind: ITEM,
    action: 'create',
    actor,
    input: body,
    subject: {
      create: (c) => ({
        kind: body.kind,
        fromOfficeId: sender.id,
        ...routing,
        subject: body.subject,
        essence: body.essence,
        purpose: body.purpose,
        assistance: body.assistance,
        otherInfo: body.otherInfo,
        form: body.form,
        priorityAreas: body.priorityAreas,
        subjectMatter: body.subjectMatter,
        language: body.language,
        translationAttached: body.translationAttached,
        confidentiality: body.confidentiality,
        highestConfidentiality: body.confidentiality,
        // "public" describes information provided; a proposal provides it with its text.
        isPublic: body.kind === 'proposal' ? body.isPublic : false,
        costArrangement: body.costArrangement,
        costTerms: body.costTerms,
        createdBy: actor.userId,
        createdAt: c.at,
        updatedAt: c.at,
      }),
    },
    lock: async (tx, itemId) => {
      const found = (await repo.findItem(tx, itemId, true))!;
      return { row: found.item, found, facts: NO_FACTS };
    },
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The item has changed', { version: row.version }),
    effect: async (c, l) => {
      await repo.addParticipant(c.tx, l.row.id, actor.userId, 'sender', 'preparer', c.at);
      if (body.inReplyTo) await repo.insertLink(c.tx, l.row.id, body.inReplyTo, 'in_reply_to');
      if (body.furtherTo) await repo.insertLink(c.tx, l.row.id, body.furtherTo, 'further_to');
      return { details: { route: routing.route, routeReasons: routing.routeReasons } };
    },
    audit: (_c, _l, row) => ({
      action: 'item.create',
      objectType: 'item',
      objectId: row.id,
      after: { number: row.number, numberYear: row.numberYear, kind: row.kind, to: addressee.code, route: routing.route },
    }),
    view: async (_c, _l, row) => row.id,
  });
  return getItem(deps, actor, id);
}

/** A content change voids the signature and starts a new content version. */
async function contentChanged(c: ActionContext, item: repo.ItemRow, reason: string): Promise<Partial<ItemInsert>> {
  if (item.signatureId) await repo.voidSignature(c.tx, item.signatureId, c.at, reason);
  return { signatureId: null, contentVersion: item.contentVersion + 1 };
}

export async function updateItem(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateItemBody>) {
  const { version: _version, toOfficeCode, ...patch } = body;
  if (patch.confidentiality) {
    // only the sender sets the level of its request; the other side is told why, not just «forbidden».
    const seen = await loadVisible(deps, actor, id);
    const refusal = levelChangeRefusal({
      provider: 'sender',
      actor: actorView(actor, seen.item).side,
      current: seen.item.confidentiality,
      requested: patch.confidentiality,
      provided: true,
    });
    if (refusal === 'SET_BY_PROVIDER') throw levelError(refusal, 'request', 'body.confidentiality');
  }
  return perform(deps, actor, id, 'update', body, async (c, found) => {
    const item = found.item;
    // the sender sets it on its draft, and never lowers it once sent.
    if (patch.confidentiality) {
      const refusal = levelChangeRefusal({
        provider: 'sender',
        actor: 'sender',
        current: item.confidentiality,
        requested: patch.confidentiality,
        provided: wasSent(item.status),
      });
      if (refusal) throw levelError(refusal, 'request', 'body.confidentiality');
    }
    const values: Partial<ItemInsert> = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (values.isPublic !== undefined && item.kind !== 'proposal') delete values.isPublic;
    const sentAlready = wasSent(item.status);
    if (toOfficeCode || values.subjectMatter || values.priorityAreas) {
      if (sentAlready && (toOfficeCode || values.subjectMatter)) {
        throw fieldError(
          'ITEM_ACTION_NOT_ALLOWED',
          'The addressee and the subject matter cannot change after sending',
          fieldIssue(toOfficeCode ? 'body.toOfficeCode' : 'body.subjectMatter', 'fixed_after_send', 'Fixed after sending'),
        );
      }
      if (!sentAlready) {
        const addressee = toOfficeCode ? await addresseeByCode(c.tx, toOfficeCode) : (found.intended ?? found.to);
        const routing = await routeFor(c.tx, found.from, addressee, {
          subjectMatter: values.subjectMatter ?? item.subjectMatter,
          priorityAreas: values.priorityAreas ?? item.priorityAreas,
        });
        await checkAddressee(c.deps, c.tx, found.from, routing, item);
        Object.assign(values, routing);
      }
    }
    const changed = Object.keys(values).filter(
      (k) => JSON.stringify((item as Record<string, unknown>)[k]) !== JSON.stringify((values as Record<string, unknown>)[k]),
    );
    // saving what is already there is no change; only a change of the signed content voids the signature.
    if (changed.length === 0) return { unchanged: true };
    await repo.addParticipant(c.tx, id, actor.userId, 'sender', 'preparer', c.at);
    if (sameSignedContent(contentOf(item), contentOf({ ...item, ...values } as repo.ItemRow))) return { values, details: { changed }, contentChanged: false };
    Object.assign(values, await contentChanged(c, item, 'content_changed'));
    return { values, details: { changed } };
  });
}

// ─── signing and sending ─────────────────────────────────────────────────────

async function keyFor(c: ActionContext, userId: string) {
  const signing = providersOf(c.deps).signing;
  const existing = await repo.activeKeyOf(c.tx, userId);
  // A key of another algorithm (the node changed its provider) stays for verifying; a new one signs.
  if (existing && existing.algorithm === signing.algorithm) return existing;
  const material = signing.generateKey();
  return repo.insertKey(c.tx, {
    userId,
    algorithm: material.algorithm,
    publicKey: material.publicKey,
    encryptedPrivateKey: material.encryptedPrivateKey,
    createdAt: c.at,
  });
}

/** a real signature over the canonical content and every attachment's SHA-256. */
async function signItem(c: ActionContext, actor: Actor, item: repo.ItemRow, purpose: string) {
  const key = await keyFor(c, actor.userId);
  const files = (await repo.listAttachments(c.tx, item.id)).filter((r) => r.a.role === 'content');
  const bytes = Buffer.from(
    canonicalItem(
      item.id,
      contentOf(item),
      files.map((f) => ({ fileName: f.a.fileName, sha256: f.a.sha256 })),
    ),
    'utf8',
  );
  const signature = providersOf(c.deps).signing.sign(key, bytes);
  const row = await repo.insertSignature(c.tx, {
    itemId: item.id,
    contentVersion: item.contentVersion,
    purpose,
    signerId: actor.userId,
    keyId: key.id,
    algorithm: key.algorithm,
    contentHash: sha256Hex(bytes),
    signature,
    signedAt: c.at,
  });
  await repo.addParticipant(c.tx, item.id, actor.userId, 'sender', 'signer', c.at);
  return row;
}

export async function sign(deps: Deps, actor: Actor, id: string, body: { version: number }) {
  return perform(deps, actor, id, 'sign', body, async (c, found) => {
    const sig = await signItem(c, actor, found.item, 'request');
    return { values: { signatureId: sig.id }, details: { signatureId: sig.id, contentHash: sig.contentHash } };
  });
}

async function deliveryValues(c: ActionContext, found: repo.ItemWithOffices): Promise<Partial<ItemInsert>> {
  const s = await getSettings(c.tx);
  // the answer is due in the requested office's own time zone; a routed matter has no such term.
  const due = found.item.route === 'direct' ? answerDeadline(c.at, s.answerDays, found.to.timeZone) : null;
  return { sentAt: c.at, answerDueAt: due?.dueAt ?? null, answerDue: due ? { ...due, dueAt: due.dueAt.toISOString() } : null };
}

/**
 * Issue 10: our signed letter to a counterpart off the system is dispatched by post, e-mail, fax or
 * courier — recorded as the letter out; to a counterpart here no method is asked.
 */
async function dispatch(
  c: ActionContext,
  actor: Actor,
  found: repo.ItemWithOffices,
  action: string,
  method: DispatchMethod | undefined,
  letter: { number: string | null; date: string },
): Promise<Partial<ItemInsert>> {
  const counterpart = found.from.id === actor.officeId ? found.to : found.from;
  const issue = dispatchIssue(counterpart, method);
  if (issue) throw validationError(fieldIssue('body.dispatchMethod', issue.rule, issue.message), issue.message);
  if (!method) return {};
  await recordDispatch(c, actor, found, action, { method, ...letter });
  return { dispatchMethod: method };
}

export async function send(deps: Deps, actor: Actor, id: string, body: z.infer<typeof SendBody>) {
  return perform(deps, actor, id, 'send', body, async (c, found, facts) => {
    assertRegistrationDate(facts.outgoingDates, body.outgoingDate, 'body.outgoingDate');
    const dispatched = await dispatch(c, actor, found, 'send', body.dispatchMethod, { number: body.outgoingNumber, date: body.outgoingDate });
    return {
      values: { ...(await deliveryValues(c, found)), outgoingNumber: body.outgoingNumber, outgoingDate: body.outgoingDate, ...dispatched },
      details: { outgoingNumber: body.outgoingNumber, outgoingDate: body.outgoingDate, route: found.item.route },
      after: (c2, f) => notifyOffice(c2.tx, c2.deps, f, f.to.id, 'item.received'),
    };
  });
}

/** A-6.2a: an urgent request made orally; the written, signed confirmation is due within 72 hours. */
export async function sendOral(deps: Deps, actor: Actor, id: string, body: z.infer<typeof SendOralBody>) {
  return perform(deps, actor, id, 'send_oral', body, async (c, found) => {
    const oralAt = new Date(body.oralAt);
    if (oralAt.getTime() > c.at.getTime() + 60_000) {
      throw validationError(fieldIssue('body.oralAt', 'not_in_future', 'Not in the future'), 'The oral request cannot be in the future');
    }
    if (!found.item.essence.trim()) {
      throw fieldError(
        'MANDATORY_CONTENT_MISSING',
        'State the essence of the oral request',
        fieldIssue('body.essence', 'mandatory_content', 'The essence of what was asked'),
      );
    }
    const due = oralConfirmationDeadline(oralAt, found.from.timeZone);
    return {
      values: {
        ...(await deliveryValues(c, found)),
        mode: 'oral',
        oralAt,
        oralChannel: body.channel,
        oralSpokenBy: body.spokenBy,
        oralSpokenTo: body.spokenTo,
        confirmationDueAt: due.dueAt,
      },
      details: { oralAt: body.oralAt, channel: body.channel, confirmationDueAt: due.dueAt.toISOString() },
      after: (c2, f) => notifyOffice(c2.tx, c2.deps, f, f.to.id, 'item.received', { oral: true }),
    };
  });
}

export async function confirmInWriting(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ConfirmInWritingBody>, letter?: LetterInput) {
  return perform(
    deps,
    actor,
    id,
    'confirm_in_writing',
    body,
    async (c, found, facts, by) => {
      assertRegistrationDate(facts.outgoingDates, body.outgoingDate, 'body.outgoingDate');
      const late = found.item.confirmationDueAt !== null && c.at > found.item.confirmationDueAt;
      const written = { oralConfirmedAt: c.at, outgoingNumber: body.outgoingNumber, outgoingDate: body.outgoingDate };
      // The counterpart off the system confirms on paper: its letter is the signed text.
      if (by.letter)
        return {
          values: { ...written, paperLetterId: by.letter.id },
          details: { late, outgoingNumber: body.outgoingNumber },
          after: (c2, f) => notifyOffice(c2.tx, c2.deps, f, f.to.id, 'item.oral_confirmed'),
        };
      const sig = await signItem(c, actor, found.item, 'oral_confirmation');
      const dispatched = await dispatch(c, actor, found, 'confirm_in_writing', body.dispatchMethod, { number: body.outgoingNumber, date: body.outgoingDate });
      return {
        values: { ...written, signatureId: sig.id, ...dispatched },
        details: { signatureId: sig.id, late, outgoingNumber: body.outgoingNumber },
        after: (c2, f) => notifyOffice(c2.tx, c2.deps, f, f.to.id, 'item.oral_confirmed'),
      };
    },
    { letter },
  );
}

export async function withdraw(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ReasonBody>, letter?: LetterInput) {
  return perform(
    deps,
    actor,
    id,
    'withdraw',
    body,
    async () => ({ details: { reason: body.reason }, after: (c, f) => notifyOffice(c.tx, c.deps, f, f.to.id, 'item.withdrawn') }),
    { letter },
  );
}

// ─── the requested office ────────────────────────────────────────────────────

export async function register(deps: Deps, actor: Actor, id: string, body: z.infer<typeof RegisterBody>, letter?: LetterInput) {
  return perform(
    deps,
    actor,
    id,
    'register',
    body,
    async (c, found, facts, by) => {
      assertRegistrationDate(facts.incomingDates, body.incomingDate, 'body.incomingDate');
      // Recorded from the counterpart's letter, the recording user did not register it: no participant.
      if (!by.letter) await repo.addParticipant(c.tx, found.item.id, actor.userId, 'receiver', 'registrar', c.at);
      return {
        values: { incomingNumber: body.incomingNumber, incomingDate: body.incomingDate, registeredAt: c.at },
        details: { incomingNumber: body.incomingNumber, incomingDate: body.incomingDate },
      };
    },
    { letter },
  );
}

export async function assign(deps: Deps, actor: Actor, id: string, body: z.infer<typeof AssignBody>) {
  return perform(deps, actor, id, 'assign', body, async (c, found) => {
    const executor = await repo.officeUsers(c.tx, body.executorId);
    if (!executor || executor.officeId !== found.item.toOfficeId || executor.disabledAt) {
      throw fieldError(
        'EXECUTOR_NOT_IN_OFFICE',
        'The executor must be an active user of the requested office',
        fieldIssue('body.executorId', 'executor_office', 'A user of your office'),
      );
    }
    await repo.addParticipant(c.tx, found.item.id, executor.id, 'receiver', 'executor', c.at);
    return {
      values: { executorId: executor.id, resolution: body.instruction, resolutionDueOn: body.dueOn },
      details: { executorId: executor.id, dueOn: body.dueOn },
      after: (c2, f) =>
        notify(c2.tx, c2.deps, {
          recipients: { userIds: [executor.id] },
          kind: 'item.assigned',
          officeId: f.to.id,
          subjectType: 'item',
          subjectId: f.item.id,
          payload: {
            number: formatNumber(f.item),
            itemKind: f.item.kind,
            officeCode: f.from.code,
            officeName: { ru: f.from.nameRu, kk: f.from.nameKk, en: f.from.nameEn },
          },
          link: `/items/${f.item.id}`,
        }).then(() => undefined),
    };
  });
}

/** A-6.2b: doubt about authenticity holds the item until the sender confirms (signed) or withdraws it. */
export async function doubtAuthenticity(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ReasonBody>, letter?: LetterInput) {
  return perform(
    deps,
    actor,
    id,
    'doubt_authenticity',
    body,
    async () => ({ details: { reason: body.reason }, after: (c, f) => notifyOffice(c.tx, c.deps, f, f.from.id, 'item.on_hold') }),
    { letter },
  );
}

export async function confirmAuthenticity(deps: Deps, actor: Actor, id: string, body: z.infer<typeof NoteBody>, letter?: LetterInput) {
  return perform(
    deps,
    actor,
    id,
    'confirm_authenticity',
    body,
    async (c, found, _facts, by) => {
      const notice = (c2: ActionContext, f: repo.ItemWithOffices) => notifyOffice(c2.tx, c2.deps, f, f.to.id, 'item.authenticity_confirmed');
      // Off the system the confirmation is the counterpart's signed letter.
      if (by.letter) return { values: { paperLetterId: by.letter.id }, details: { note: body.note ?? null }, after: notice };
      // The confirmation is itself signed, so the receiver can verify who confirmed.
      const sig = await signItem(c, actor, found.item, 'authenticity');
      return { values: { signatureId: sig.id }, details: { note: body.note ?? null, signatureId: sig.id }, after: notice };
    },
    { letter },
  );
}

/** consultations before a refusal; the requested office may propose conditions. */
export async function postMessage(deps: Deps, actor: Actor, id: string, body: z.infer<typeof MessageBody>, opening: boolean, letter?: LetterInput) {
  const found = await loadVisible(deps, actor, id);
  // A message recorded from a letter is the counterpart's (its side); the kernel checks the rest.
  const side = letter ? offSystemSide(found) : actorView(actor, found.item).side;
  if (body.proposedConditions && side !== 'receiver') {
    throw validationError(fieldIssue('body.proposedConditions', 'receiver_only', 'Only the requested office'), 'Only the requested office proposes conditions');
  }
  const action: ItemAction = opening ? 'open_consultation' : messageAction(body);
  const { version: _version, ...stated } = body;
  return perform(
    deps,
    actor,
    id,
    action,
    body,
    async (c, f, _facts, by) => {
      // the author's side sets its message's level; by default the request's, never below it.
      const level = replyLevel(f.item, body.confidentiality, 'message');
      const msg = await repo.insertMessage(c.tx, {
        itemId: id,
        authorId: actor.userId,
        officeId: by.officeId,
        side: side!,
        body: body.body,
        proposedConditions: body.proposedConditions ?? null,
        confidentiality: level,
        createdAt: c.at,
      });
      if (!by.letter) await repo.addParticipant(c.tx, id, actor.userId, side!, 'consultation', c.at);
      const other = side === 'sender' ? f.to.id : f.from.id;
      return {
        values: body.proposedConditions ? { conditions: body.proposedConditions } : {},
        details: { messageId: msg.id, conditions: Boolean(body.proposedConditions), confidentiality: level },
        after: (c2, g) => notifyOffice(c2.tx, c2.deps, g, other, 'item.consultation', {}, level),
      };
    },
    { payload: { proposesConditions: Boolean(body.proposedConditions) }, stated, letter },
  );
}

export async function decideConditions(deps: Deps, actor: Actor, id: string, body: z.infer<typeof NoteBody>, accept: boolean, letter?: LetterInput) {
  return perform(
    deps,
    actor,
    id,
    accept ? 'accept_conditions' : 'reject_conditions',
    body,
    async () => ({
      details: { note: body.note ?? null },
      after: (c, f) => notifyOffice(c.tx, c.deps, f, f.to.id, 'item.conditions_decided', { accepted: accept }),
    }),
    { letter },
  );
}

export async function closeConsultation(deps: Deps, actor: Actor, id: string, body: z.infer<typeof NoteBody>, letter?: LetterInput) {
  return perform(deps, actor, id, 'close_consultation', body, async () => ({ details: { note: body.note ?? null } }), { letter });
}

/** the outcome, with grounds and a reason for any refusal, reaches the requester at once. */
export async function recordOutcome(deps: Deps, actor: Actor, id: string, body: z.infer<typeof OutcomeBody>, letter?: LetterInput) {
  // A missing ground is the machine's refusal (REFUSAL_GROUND_REQUIRED, refusalError); the rest is invalid input.
  const invalid = outcomeIssues(body).filter((i) => i.rule !== 'refusal_ground');
  if (invalid.length > 0) throw validationError(invalid.map(outcomeFieldIssue));
  return perform(
    deps,
    actor,
    id,
    'record_outcome',
    body,
    async (c, found, _facts, by) => {
      // the answering office sets its answer's level; by default the request's, never below it.
      const level = replyLevel(found.item, body.confidentiality, 'answer');
      // Our answer to a requester off the system goes as a letter (its DOCX): how, and on which day.
      const dispatched = by.letter
        ? {}
        : await dispatch(c, actor, found, 'record_outcome', body.dispatchMethod, { number: null, date: localDate(c.at, actor.officeTimeZone) });
      return {
        values: {
          ...dispatched,
          outcome: body.outcome,
          refusalGrounds: body.refusalGrounds,
          outcomeReason: body.reason ?? null,
          outcomeText: body.text,
          legalBasisApplied: body.legalBasisApplied ?? null,
          outcomeConfidentiality: level,
          isPublic: body.isPublic,
          outcomeAt: c.at,
        },
        details: { outcome: body.outcome, refusalGrounds: body.refusalGrounds, confidentiality: level },
        after: (c2, f) => notifyOffice(c2.tx, c2.deps, f, f.from.id, 'item.outcome', { outcome: body.outcome }, level),
      };
    },
    { letter },
  );
}

/** O-3.4: the coordinator forwards a routed matter through the official channel, or returns it. */
export async function forward(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ForwardBody>) {
  return perform(deps, actor, id, 'forward', body, async () => ({
    details: { note: body.note, outgoingNumber: body.outgoingNumber ?? null },
    after: (c, f) => notifyOffice(c.tx, c.deps, f, f.from.id, 'item.forwarded'),
  }));
}

export async function returnToSender(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ReasonBody>) {
  return perform(deps, actor, id, 'return', body, async () => ({
    details: { reason: body.reason },
    after: (c, f) => notifyOffice(c.tx, c.deps, f, f.from.id, 'item.returned'),
  }));
}

/** A returned matter revised is a new written draft; its earlier sending (oral or not) stays in its log. */
export async function revise(deps: Deps, actor: Actor, id: string, body: { version: number }) {
  return perform(deps, actor, id, 'revise', body, async (c, found) => ({
    values: {
      ...(await contentChanged(c, found.item, 'returned')),
      sentAt: null,
      answerDueAt: null,
      answerDue: null,
      ...(found.item.mode === 'oral'
        ? { mode: 'written', oralAt: null, oralChannel: null, oralSpokenBy: null, oralSpokenTo: null, oralConfirmedAt: null, confirmationDueAt: null }
        : {}),
    },
  }));
}

// ─── content attachments: part of the signed content, so adding or removing one is an edit ──

/** Files as the actor gave them, for the action's input: name, size and SHA-256 (the content stays in the store). */
export function statedFiles(files: IncomingFile[]) {
  return files.map((f) => ({ fileName: cleanName(f.fileName), size: f.data.length, sha256: sha256Hex(f.data) }));
}

export async function addContentAttachments(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
  files: IncomingFile[],
  level?: Confidentiality,
  translation = false,
) {
  return perform(
    deps,
    actor,
    id,
    'update',
    { version },
    async (c, found) => {
      const rows = await storeAttachments(c.tx, c.deps, actor, found.item, 'content', files, level, undefined, translation);
      // Ids only: the timeline names a file for those who may read it, the audit row never does.
      return { values: await contentChanged(c, found.item, 'attachment_added'), details: { attached: rows.map((r) => r.id) } };
    },
    { stated: { role: 'content', confidentiality: level ?? null, translation, files: statedFiles(files) } },
  );
}

export async function removeContentAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string, version: number) {
  return perform(
    deps,
    actor,
    id,
    'update',
    { version },
    async (c, found) => {
      const a = await repo.findAttachment(c.tx, attachmentId);
      if (!a || a.itemId !== id || a.role !== 'content' || a.removedAt) throw new AppError('NOT_FOUND', 'No such attachment');
      await repo.removeAttachment(c.tx, attachmentId, c.at);
      return { values: await contentChanged(c, found.item, 'attachment_removed'), details: { removed: a.id } };
    },
    { stated: { removed: attachmentId } },
  );
}

/** the active staff of the requested office, for those who may assign the executor (the roles of `assign`, on the receiving side). */
export async function executorsOf(deps: Deps, actor: Actor, id: string) {
  const item = await getItem(deps, actor, id);
  const assigners = TRANSITIONS.find((t) => t.action === 'assign')!.roles;
  if (item.side !== 'receiver' || !hasRole(actor, ...assigners)) throw new AppError('FORBIDDEN');
  const users = await findRecipients(deps.db, { officeIds: [actor.officeId], roles: [...OFFICE_STAFF_ROLES] });
  return users.map((u) => ({ id: u.id, fullName: u.fullName })).sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** Who may attach files of a role at all (the status is checked when they are stored). */
export async function assertMayAttach(deps: Deps, actor: Actor, id: string, role: AttachmentRole): Promise<void> {
  const found = await loadVisible(deps, actor, id);
  const side = actorView(actor, found.item).side;
  const ok = role === 'content' ? side === 'sender' : role === 'outcome' ? side === 'receiver' : side !== null;
  if (!ok) throw new AppError('FORBIDDEN', 'You may not attach files of this kind to this item');
}

// ─── levels of pieces already given ──────────────────────────────────

export function levelError(refusal: LevelRefusal, piece: string, field: string): AppError {
  if (refusal === 'SET_BY_PROVIDER') {
    return fieldError(
      'CONFIDENTIALITY_SET_BY_PROVIDER',
      'Under Article 9(2) of the Agreement the Party that provides a piece of information sets its degree of confidentiality; the Party that receives it gives that degree and cannot change it',
      fieldIssue(field, 'confidentiality_set_by_provider', 'Set by the providing Party'),
      { piece },
    );
  }
  if (refusal === 'BELOW_PIECE') {
    return fieldError(
      'CONFIDENTIALITY_CANNOT_BE_LOWERED',
      'A piece of information is never less protected than the request it belongs to or answers',
      fieldIssue(field, 'confidentiality_below_piece', 'Not below the level of the piece it belongs to'),
      { piece },
    );
  }
  return fieldError(
    'CONFIDENTIALITY_CANNOT_BE_LOWERED',
    'The degree of confidentiality of information already provided cannot be lowered',
    fieldIssue(field, 'confidentiality_lowered', 'Cannot be lowered'),
    { piece },
  );
}

/** The level of an answer or a message its author's side gives: the request's by default, never below it. */
function replyLevel(item: repo.ItemRow, requested: Confidentiality | undefined, piece: 'answer' | 'message'): Confidentiality {
  const floor = item.confidentiality;
  const level = requested ?? floor;
  const refusal = levelChangeRefusal({ provider: 'sender', actor: 'sender', current: level, requested: level, provided: false, floor });
  if (refusal) throw levelError(refusal, piece, 'body.confidentiality');
  return level;
}

/**
 * The providing side raises the level of an answer, a message or a file it gave. The other
 * side, or anyone else, is refused with CONFIDENTIALITY_SET_BY_PROVIDER; lowering what was given
 * with CONFIDENTIALITY_CANNOT_BE_LOWERED. The request's own level is edited with the request. The
 * answer's level is a column of the item (its version moves); a message's or a file's is kept
 * with that piece, and the item's highest level follows.
 */
export async function setPieceLevel(deps: Deps, actor: Actor, id: string, body: z.infer<typeof PieceLevelBody>) {
  return perform(deps, actor, id, 'confidentiality', body, async (c, found) => {
    const { tx } = c;
    const item = found.item;
    const side = actorView(actor, item).side;
    const requested = body.confidentiality;
    let change: {
      provider: 'sender' | 'receiver';
      current: Confidentiality;
      floor: Confidentiality | null;
      apply: () => Promise<Partial<ItemInsert>>;
      ref: Record<string, unknown>;
    };
    if (body.piece === 'answer') {
      if (!item.outcome) throw new AppError('NOT_FOUND', 'No answer is recorded yet');
      change = {
        provider: 'receiver',
        current: item.outcomeConfidentiality ?? 'open',
        floor: item.confidentiality,
        ref: {},
        apply: async () => ({ outcomeConfidentiality: requested }),
      };
    } else if (body.piece === 'message') {
      const m = body.pieceId ? await repo.findMessage(tx, body.pieceId) : undefined;
      if (!m || m.itemId !== id) throw new AppError('NOT_FOUND', 'No such message');
      change = {
        provider: m.side,
        current: m.confidentiality,
        floor: item.confidentiality,
        ref: { messageId: m.id },
        apply: () => repo.setMessageConfidentiality(tx, m.id, requested).then(() => ({})),
      };
    } else {
      const a = body.pieceId ? await repo.findAttachment(tx, body.pieceId) : undefined;
      if (!a || a.itemId !== id || a.removedAt) throw new AppError('NOT_FOUND', 'No such attachment');
      change = {
        provider: attachmentProvider(item, a),
        current: a.confidentiality,
        floor: pieceLevelOf(item, a.role),
        ref: { attachment: a.id },
        apply: () => repo.setAttachmentConfidentiality(tx, a.id, requested).then(() => ({})),
      };
    }
    const refusal = levelChangeRefusal({ provider: change.provider, actor: side, current: change.current, requested, provided: true, floor: change.floor });
    if (refusal) throw levelError(refusal, body.piece, 'body.confidentiality');
    // The provider's staff who may not read the piece do not handle it either.
    const reader = await readerFor(tx, actor, item, [change.current]);
    if (!reader.level(change.current)) throw new AppError('NOT_FOUND', 'No such piece of information');
    if (requested === change.current) return { unchanged: true };
    const values = await change.apply();
    return {
      values,
      touch: body.piece === 'answer',
      details: { piece: body.piece, ...change.ref, from: change.current, to: requested },
      audit: () => ({
        action: 'item.confidentiality',
        objectType: 'item',
        objectId: id,
        before: { piece: body.piece, ...change.ref, level: change.current },
        after: { piece: body.piece, ...change.ref, level: requested },
      }),
    };
  });
}

// ─── counterparts off the system: their letters (issue 10, part 3) ───────────

/** Rights first, before a letter's scans are read: the item is visible and its counterpart's letters are the user's to record. */
export async function assertMayRecordLetters(deps: Deps, actor: Actor, id: string): Promise<void> {
  counterpartOffSystem(actor, await loadVisible(deps, actor, id));
}

/**
 * A request or proposal received by letter from an office off the system: entered as written, with
 * its number, date and signer as printed and its scans; it stands as sent to the user's office
 * (signed on paper), whose staff register and handle it like any incoming item.
 */
/** Rights first, before the scans are read: the staff of an office authorized for direct interaction (O-1). */
export async function assertMayReceiveLetters(deps: Deps, actor: Actor): Promise<OfficeRow> {
  const own = await findOfficeById(deps.db, actor.officeId);
  if (!own) throw new AppError('FORBIDDEN');
  assertCanCreate(actor, own);
  return own;
}

export async function receiveByLetter(deps: Deps, actor: Actor, body: ReceiveLetterBody, scans: IncomingFile[]) {
  const own = await assertMayReceiveLetters(deps, actor);
  const from = await findOfficeByCode(deps.db, body.fromOfficeCode);
  if (!from) throw validationError(fieldIssue('body.fromOfficeCode', 'office_exists', 'No such office'), 'No such office');
  if (isHostedHere(from)) throw new AppError('COUNTERPART_IN_SYSTEM', 'The office works on this node: it sends its items itself');
  if (from.party === own.party)
    throw fieldError(
      'DIRECT_EXCHANGE_NOT_ALLOWED',
      'Direct exchange is with an office of the other Party',
      fieldIssue('body.fromOfficeCode', 'counterpart_party', 'An office of the other Party'),
      { reason: 'SAME_PARTY' },
    );
  await assertAddressee(deps, from, own, 'body.fromOfficeCode');
  const issues = receivedLetterIssues(body.letter, localDate(deps.clock.now(), actor.officeTimeZone), scans.length);
  if (issues.length > 0) throw validationError(letterFieldIssues(issues), 'The letter is not complete');
  const { letter, fromOfficeCode: _from, toOfficeCode: _to, ...content } = body;
  const missing = missingMandatoryFields({ ...content, fromOfficeId: from.id, toOfficeId: own.id } as ItemContent);
  if (missing.length > 0) {
    throw new AppError('MANDATORY_CONTENT_MISSING', `Missing: ${missing.join(', ')}`, {
      issues: missing.map((f) => fieldIssue(`body.${f}`, 'mandatory_content', `${f} as the letter states it (A-6.3)`)),
    });
  }
  const input = { letter, scans };
  const id = await kernel<repo.ItemRow, ItemLoaded, string>(deps, {
    kind: ITEM,
    action: 'receive',
    actor,
    input: { ...body, scans: statedFiles(scans) },
    channel: letter.channel,
    onBehalfOfOfficeId: from.id,
    subject: {
      create: (c) => ({
        ...content,
        isPublic: content.kind === 'proposal' ? content.isPublic : false,
        highestConfidentiality: content.confidentiality,
        fromOfficeId: from.id,
        toOfficeId: own.id,
        intendedOfficeId: null,
        route: 'direct',
        routeReasons: [],
        status: 'sent',
        outgoingNumber: letter.number,
        outgoingDate: letter.date,
        createdBy: actor.userId,
        createdAt: c.at,
        updatedAt: c.at,
      }),
    },
    lock: async (tx, itemId) => {
      const found = (await repo.findItem(tx, itemId, true))!;
      return { row: found.item, found, facts: NO_FACTS };
    },
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The item has changed', { version: row.version }),
    effect: async (c, l) => {
      const stored = await storeLetter(c, actor, l.row.id, from.id, 'receive', input, l.row, content.confidentiality);
      // the answer term runs from the day it reached the office, in the office's zone.
      return {
        values: { ...(await deliveryValues(c, l.found)), paperLetterId: stored.letter.id },
        details: { letter: letterFacts(stored.letter), scans: stored.scans },
        after: (c2, next) => notifyOffice(c2.tx, c2.deps, { ...l.found, item: next }, own.id, 'item.received'),
      };
    },
    audit: (_c, _l, row) => ({
      action: 'item.receive',
      objectType: 'item',
      objectId: row.id,
      after: { number: row.number, numberYear: row.numberYear, kind: row.kind, from: from.code, channel: letter.channel },
    }),
    view: async (_c, _l, row) => row.id,
  });
  return getItem(deps, actor, id);
}
