import { v7 as uuidv7 } from 'uuid';
import { canonicalItem } from '../../domain/canonical.ts';
import { FINAL_STATUSES, TRANSITIONS, wasSent, type ItemStatus } from '../../domain/item-status.ts';
import { isOverdue, oralConfirmationDeadline } from '../../domain/deadlines.ts';
import { FORMS, PRIORITY_AREAS, REFUSAL_GROUNDS, type Form, type ItemMode, type PriorityArea, type RefusalGround } from '../../domain/items.ts';
import { scopeOf } from '../../domain/scope.ts';
import { calendarDaysDeadline, type Deadline } from '../../domain/time.ts';
import { actionHash, GENESIS, projectedColumns, wholeRow, type SubjectTable } from '../../server/kernel/index.ts';
import type { KeyMaterial } from '../../server/modules/signing/signer.ts';
import { sha256Hex } from '../../server/modules/signing/signer.ts';
import type { DemoFile } from './files.ts';
import { contactLine } from './people.ts';
import type { Rng } from './random.ts';
import {
  CONDITIONS,
  FORWARD_NOTES,
  HOLD_REASONS,
  itemTexts,
  MESSAGES,
  outcomeText,
  REFUSAL_REASONS,
  RESOLUTIONS,
  RETURN_REASONS,
  WITHDRAW_REASONS,
} from './texts.ts';

/**
 * Simulates the life of demo requests and proposals along the pairings, step by step as the
 * workflow would have taken them (create, sign, send or send orally, register, assign,
 * consultations, hold, outcome, withdrawal, forwarding by the coordinator), up to `now`: whatever
 * had not happened by then is still open. Produces the rows of items, their action logs (the same
 * actions the kernel records: each step's changes are what it set on the row, so replaying a log
 * rebuilds its row), item_participants, signatures, attachments, item_messages and item_links.
 */

export interface Office {
  id: string;
  code: string;
  party: 'RU' | 'KZ';
  kind: string;
  timeZone: string;
  validFrom: string | null;
}

export interface Staff {
  id: string;
  roles: string[];
}

export interface Lane {
  from: Office;
  to: Office;
  weight: number;
  /** Not before this instant (the pairing's or an office's start). */
  validFromMs: number;
}

export interface SigningKey {
  id: string;
  userId: string;
  material: KeyMaterial;
  sign(data: Buffer): string;
}

export interface StoredFile extends DemoFile {
  sha256: string;
  size: number;
}

export interface SimContext {
  rng: Rng;
  now: Date;
  startMs: number;
  answerDays: number;
  /** Lanes with their weights, for a weighted pick. */
  laneTable: (readonly [Lane, number])[];
  coordinatorOf: Record<'RU' | 'KZ', Office | undefined>;
  staff: Map<string, { officers: Staff[]; signers: Staff[]; coordinators: Staff[] }>;
  /** Returns the signer's active key, creating one (queued for insertion) when missing. */
  keyOf(userId: string): SigningKey;
  files: Record<StoredFile['use'], StoredFile[]>;
}

type Row = Record<string, unknown>;

export interface Batch {
  items: Row[];
  /** Actions in order per subject, without their hashes until `chainActions` (numbers come later). */
  actions: Row[];
  participants: Row[];
  signatures: Row[];
  attachments: Row[];
  messages: Row[];
  links: Row[];
  /** Items sent in this batch, by directed lane (not a table). */
  sent: { lane: string; id: string }[];
}

export const emptyBatch = (): Batch => ({ items: [], actions: [], participants: [], signatures: [], attachments: [], messages: [], links: [], sent: [] });

// ─── action logs ─────────────────────────────────────────────────────────────

const camelNames = new Map<string, string>();
const camelOf = (k: string) => {
  let c = camelNames.get(k);
  if (c === undefined) camelNames.set(k, (c = k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())));
  return c;
};
const jsonOf = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
/** A row (snake_case, as inserted) in the application's names, for `changes`. */
export const camelRow = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [camelOf(k), v]));

/** The same value: the simulation replaces arrays and objects when it sets them, never edits them in place. */
const same = (a: unknown, b: unknown) => a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());

/** The columns a step set, between two states of a row, as changes. */
export function changesBetween(before: Row, after: Row): Row {
  const out: Row = {};
  for (const k in after) if (!same(after[k], before[k])) out[camelOf(k)] = jsonOf(after[k]);
  return out;
}

/** Fails fast when a generated row leaves out a column: its first action must hold the whole row. */
export function assertWholeRow(table: SubjectTable, row: Row, what: string): void {
  const keys = new Set(Object.keys(camelRow(row)));
  const missing = [...projectedColumns(table).keys()].filter((k) => !keys.has(k) && k !== 'number' && k !== 'numberYear');
  if (missing.length) throw new Error(`seed-demo: the ${what} rows lack columns ${missing.join(', ')}; update scripts/demo`);
}

/**
 * The subject's first action holds its whole row (with the number reserved for it); then each
 * action chains to the previous one's hash, as the kernel does (server/kernel/kernel.chain.ts).
 */
export function chainActions(table: SubjectTable, rows: Row[], actions: Row[]): void {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  let prev = GENESIS;
  let subject: unknown = null;
  for (const a of actions) {
    if (a.subject_id !== subject) {
      subject = a.subject_id;
      prev = GENESIS;
    }
    if (a.seq === 1) {
      const row = byId.get(a.subject_id as string)!;
      a.changes = wholeRow(table, { ...camelRow(a.changes as Row), number: row.number, numberYear: row.number_year });
    }
    a.prev_hash = prev;
    a.hash = actionHash(prev, {
      id: a.id as string,
      subjectType: a.subject_type as string,
      subjectId: a.subject_id as string,
      seq: a.seq as number,
      kind: a.kind as string,
      at: a.at as Date,
      actorUserId: a.actor_user_id as string | null,
      actorOfficeId: a.actor_office_id as string | null,
      actorParty: a.actor_party as string | null,
      actorRoles: a.actor_roles as string[],
      onBehalfOfOfficeId: null,
      channel: a.channel as string,
      fromStatus: a.from_status as string | null,
      toStatus: a.to_status as string | null,
      input: a.input,
      changes: a.changes,
      details: a.details,
    });
    prev = a.hash as string;
  }
}

/** The actor's roles the request machine accepts for the action on that side (what allowed it). */
function grantedRoles(action: string, side: 'sender' | 'receiver', user: Staff | null): string[] {
  if (!user) return [];
  const allowed = new Set(TRANSITIONS.filter((t) => t.action === action && t.side === side).flatMap((t) => t.roles));
  return allowed.size ? user.roles.filter((r) => allowed.has(r as never)) : user.roles;
}

export interface Tally {
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  byConfidentiality: Record<string, number>;
  oral: number;
  routed: number;
  overdue: number;
  byOffice: Record<string, { outgoing: number; incoming: number }>;
}

export const emptyTally = (): Tally => ({ byStatus: {}, byKind: {}, byLanguage: {}, byConfidentiality: {}, oral: 0, routed: 0, overdue: 0, byOffice: {} });
const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

// ─── distributions ───────────────────────────────────────────────────────────

const FORM_WEIGHTS: [Form, number][] = [
  ['crime_information', 34],
  ['other_assistance', 30],
  ['legislation_information', 13],
  ['experience_exchange', 12],
  ['working_meetings', 11],
];
const AREA_WEIGHTS: [PriorityArea, number][] = [
  ['drug_trafficking', 14],
  ['organized_crime', 10],
  ['economic_crime', 10],
  ['corruption', 8],
  ['environment', 8],
  ['ict_crime', 7],
  ['human_rights', 6],
  ['minors_rights', 6],
  ['terrorism_extremism', 6],
  ['arms_trafficking', 5],
  ['high_tech_crime', 4],
  ['human_trafficking', 4],
  ['training', 4],
  ['digital_currency', 3],
  ['digital_financial_assets', 3],
  ['research', 2],
];
const GROUND_WEIGHTS: [RefusalGround, number][] = [
  ['contrary_to_legislation', 70],
  ['security', 14],
  ['essential_interests', 8],
  ['contrary_to_international_obligations', 5],
  ['sovereignty', 3],
];
const ORAL_CHANNELS: [string, number][] = [
  ['phone', 70],
  ['video', 20],
  ['in_person', 7],
  ['other', 3],
];
if (FORMS.length !== FORM_WEIGHTS.length || PRIORITY_AREAS.length !== AREA_WEIGHTS.length + 1 || REFUSAL_GROUNDS.length !== GROUND_WEIGHTS.length) {
  throw new Error('seed-demo: the catalogs changed; update the weights in scripts/demo/simulate.ts');
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

// ─── time in the offices' zones ──────────────────────────────────────────────

const offsetCache = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();
/** UTC offset of a zone in ms, per UTC day (the zones here have no DST; Kazakhstan moved to +05 on 2024-03-01). */
function offsetMs(tz: string, ms: number): number {
  const day = Math.floor(ms / DAY);
  const key = tz + day;
  let off = offsetCache.get(key);
  if (off === undefined) {
    let f = formatters.get(tz);
    if (!f) formatters.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })));
    const name = f.formatToParts(new Date(day * DAY + DAY / 2)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
    offsetCache.set(key, off);
  }
  return off;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDateOf(ms: number, tz: string): string {
  return new Date(ms + offsetMs(tz, ms)).toISOString().slice(0, 10);
}

/** The first working moment (Mon–Fri, 09:00–18:00 local) at or after `ms + delay`, with a random minute. */
function workAfter(rng: Rng, tz: string, ms: number, delayMs = 0): number {
  const target = ms + delayMs;
  const off = offsetMs(tz, target);
  const local = target + off;
  let day = Math.floor(local / DAY);
  let minute = Math.floor((local - day * DAY) / 60_000);
  const weekday = (d: number) => (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (minute >= 18 * 60) {
    day++;
    minute = 9 * 60 + rng.int(0, 180);
  } else if (minute < 9 * 60) {
    minute = 9 * 60 + rng.int(0, 120);
  }
  while (weekday(day) === 0 || weekday(day) === 6) {
    day++;
    minute = 9 * 60 + rng.int(0, 240);
  }
  let result = day * DAY + minute * 60_000 + rng.int(0, 59_999) - off;
  if (result <= ms) result = ms + rng.int(60_000, 30 * 60_000);
  return result;
}

const deadlineCache = new Map<string, Deadline>();
/** as the server computes it: `answerDays` calendar days from the day of receipt in the requested office's zone. */
function answerDue(sentAt: number, days: number, tz: string): Deadline {
  const start = localDateOf(sentAt, tz);
  const key = `${start}|${days}|${tz}`;
  let d = deadlineCache.get(key);
  if (!d) {
    d = calendarDaysDeadline(start, days, tz);
    deadlineCache.set(key, d);
  }
  return d;
}

// ─── registration numbers ────────────────────────────────────────────────────

const counters = new Map<string, number>();
const DEPT: Record<'RU' | 'KZ', string[]> = { RU: ['7', '15', '21', '27', '86'], KZ: ['2', '3', '5', '11'] };

function nextSeq(officeId: string, kind: string, year: number): number {
  const key = `${officeId}|${kind}|${year}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
}

function outgoingNumber(rng: Rng, office: Office, at: number): string {
  const year = new Date(at).getUTCFullYear();
  const seq = nextSeq(office.id, 'out', year) + 100;
  const dept = DEPT[office.party][office.code.length % DEPT[office.party].length]!;
  // RU: «21-11-2024/1234» (department-section-year/serial); KZ: «5-04-24/01543».
  return office.party === 'RU'
    ? `${dept}-${String(rng.int(1, 16)).padStart(2, '0')}-${year}/${seq}`
    : `${dept}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(year % 100).padStart(2, '0')}/${String(seq).padStart(5, '0')}`;
}

function incomingNumber(office: Office, at: number): string {
  const year = new Date(at).getUTCFullYear();
  const seq = nextSeq(office.id, 'in', year);
  return office.party === 'RU'
    ? `Вх-${seq}-${String(year % 100).padStart(2, '0')}`
    : `${String(seq).padStart(4, '0')}/${String(year % 100).padStart(2, '0')}-кір`;
}

// ─── one item ────────────────────────────────────────────────────────────────

const idBytes = new Uint8Array(16);
export function demoId(rng: Rng, ms: number): string {
  return uuidv7({ msecs: Math.floor(ms), random: rng.fill(idBytes) });
}

/**
 * Items received recently per directed office pair, to answer with «in reply to». Only items of
 * batches already committed are offered (see `noteSent`), so a link never waits on another
 * transaction.
 */
const recentByLane = new Map<string, string[]>();

/** After a batch is committed: its sent items become candidates for replies. */
export function noteSent(batch: Batch): void {
  for (const { lane, id } of batch.sent) {
    const recent = recentByLane.get(lane) ?? [];
    recent.push(id);
    if (recent.length > 20) recent.shift();
    recentByLane.set(lane, recent);
  }
}

export function simulateItem(ctx: SimContext, nominalMs: number, out: Batch, tally: Tally): void {
  const { rng } = ctx;
  const nowMs = ctx.now.getTime();

  // The lane: a pairing in one direction, weighted by traffic, valid at that date.
  let lane = rng.weighted(ctx.laneTable);
  for (let tries = 0; lane.validFromMs > nominalMs && tries < 20; tries++) lane = rng.weighted(ctx.laneTable);
  if (lane.validFromMs > nominalMs) nominalMs = lane.validFromMs + rng.int(0, 10) * DAY;
  const from = lane.from;
  const counterpart = lane.to;

  // What the item is.
  const coordinator = ctx.coordinatorOf[from.party];
  const routed = coordinator !== undefined && rng.chance(0.02);
  const kind: 'request' | 'proposal' = routed || !rng.chance(0.25) ? 'request' : 'proposal';
  const form = rng.weighted(FORM_WEIGHTS);
  let subjectMatter = 'within_protocol';
  const areas: PriorityArea[] = [rng.weighted(AREA_WEIGHTS)];
  if (rng.chance(0.3)) {
    const second = rng.weighted(AREA_WEIGHTS);
    if (second !== areas[0]) areas.push(second);
  }
  if (routed) {
    const r = rng.int(0, 3);
    if (r === 3) areas.unshift('extradition_legal_assistance');
    else subjectMatter = (['legal_assistance', 'extradition', 'outside_protocol'] as const)[r]!;
  }
  const scope = scopeOf({ subjectMatter: subjectMatter as 'within_protocol', priorityAreas: areas });
  const to = routed ? coordinator! : counterpart;
  const language: 'ru' | 'kk' = from.party === 'KZ' && !routed && rng.chance(0.2) ? 'kk' : 'ru';
  const translationAttached = language === 'kk' ? true : counterpart.party === 'KZ' && rng.chance(0.1);
  const confidentiality = rng.weighted([
    ['open', 85],
    ['official_use', 12],
    ['restricted', 3],
  ] as const);
  const oral = kind === 'request' && !routed && rng.chance(0.03);
  const abandoned = rng.chance(0.003);

  const fromStaff = ctx.staff.get(from.id);
  const toStaff = ctx.staff.get(to.id);
  const preparer = fromStaff?.officers.length ? rng.pick(fromStaff.officers) : null;
  const signerUser = fromStaff?.signers.length ? rng.pick(fromStaff.signers) : null;
  const receiverUsers = routed ? toStaff?.coordinators : toStaff?.officers;
  const registrar = receiverUsers?.length ? rng.pick(receiverUsers) : null;
  const receiverSigner = routed ? registrar : toStaff?.signers.length ? rng.pick(toStaff.signers) : null;
  const executor = !routed && toStaff?.officers.length ? rng.pick(toStaff.officers) : null;

  let created = workAfter(rng, from.timeZone, nominalMs);
  if (created > nowMs) created = nowMs - rng.int(5, 600) * 60_000;
  const id = demoId(rng, created);
  const texts = itemTexts({
    rng,
    kind,
    form,
    areas,
    language,
    fromCode: from.code,
    fromParty: from.party,
    toCode: counterpart.code,
    at: new Date(created),
    contact: rng.chance(0.4) ? contactLine(rng, from.party) : null,
  });
  const agreedCosts = form === 'working_meetings' && rng.chance(0.3);

  const item: Row = {
    id,
    kind,
    from_office_id: from.id,
    to_office_id: to.id,
    intended_office_id: routed ? counterpart.id : null,
    route: routed ? 'coordinator' : 'direct',
    route_reasons: scope.route === 'coordinator' ? scope.reasons : [],
    status: 'draft',
    held_from: null,
    mode: 'written',
    subject: texts.subject,
    essence: texts.essence,
    purpose: texts.purpose,
    assistance: texts.assistance,
    other_info: texts.otherInfo,
    form,
    priority_areas: areas,
    subject_matter: subjectMatter,
    language,
    translation_attached: translationAttached,
    confidentiality,
    highest_confidentiality: confidentiality,
    is_public: kind === 'proposal' && rng.chance(0.2),
    cost_arrangement: agreedCosts ? 'agreed' : 'each_own',
    cost_terms: agreedCosts ? 'Расходы на проезд и проживание участников несет направляющая сторона, на организацию встречи — принимающая.' : null,
    content_version: 1,
    signature_id: null,
    // The demo's counterparts work in the system: nothing signed on paper or dispatched by letter.
    paper_letter_id: null,
    dispatch_method: null,
    oral_at: null,
    oral_channel: null,
    oral_spoken_by: null,
    oral_spoken_to: null,
    oral_confirmed_at: null,
    confirmation_due_at: null,
    outgoing_number: null,
    outgoing_date: null,
    sent_at: null,
    incoming_number: null,
    incoming_date: null,
    registered_at: null,
    answer_due_at: null,
    answer_due: null,
    executor_id: null,
    resolution: null,
    resolution_due_on: null,
    conditions_status: 'none',
    conditions: null,
    outcome: null,
    refusal_grounds: [],
    outcome_reason: null,
    outcome_text: null,
    legal_basis_applied: null,
    outcome_confidentiality: null,
    outcome_at: null,
    closed_at: null,
    created_by: preparer?.id ?? null,
    version: 1,
    created_at: new Date(created),
    updated_at: new Date(created),
  };

  const participants = new Set<string>();
  const addParticipant = (user: Staff | null, side: 'sender' | 'receiver', role: string, at: number) => {
    if (!user || participants.has(user.id)) return;
    participants.add(user.id);
    out.participants.push({ item_id: id, user_id: user.id, side, role, added_at: new Date(at) });
  };
  let last = created;
  // Widened: the steps below change it through `step`, which the compiler does not follow.
  let status = 'draft' as ItemStatus;
  /**
   * The item's log: each step with the row as it was before it. What a step set on the row (here
   * and in the lines after it, before the next step) becomes its changes when the item is done.
   */
  const log: { action: Row; before: Row }[] = [];
  /** Records a step if it happened by now; returns false (and changes nothing) otherwise. */
  const step = (
    at: number,
    action: string,
    toStatus: ItemStatus | null,
    actor: Staff | null,
    office: Office,
    details: Row | null,
    input: Row = {},
  ): boolean => {
    if (at > nowMs) return false;
    at = Math.max(at, last + 1000);
    const before = { ...item };
    log.push({
      before,
      action: {
        id: demoId(rng, at),
        subject_type: 'item',
        subject_id: id,
        seq: log.length + 1,
        kind: action,
        at: new Date(at),
        actor_user_id: actor?.id ?? null,
        actor_office_id: office.id,
        actor_party: office.party,
        actor_roles: grantedRoles(action, office.id === from.id ? 'sender' : 'receiver', actor),
        on_behalf_of_office_id: null,
        channel: 'system',
        from_status: action === 'create' ? null : status,
        to_status: toStatus ?? status,
        input,
        changes: {},
        details,
      },
    });
    // What the kernel sets besides the effect: the version and the time (not for a file beside the
    // request), the status, the hold mark a withdrawal ends, the closing time.
    if (action !== 'create' && action !== 'attach') {
      item.version = (item.version as number) + 1;
      item.updated_at = new Date(at);
    }
    if (toStatus) status = item.status = toStatus;
    if (action === 'withdraw') item.held_from = null;
    if (FINAL_STATUSES.includes(status) && !item.closed_at) item.closed_at = new Date(at);
    last = at;
    return true;
  };
  const contentFiles: StoredFile[] = [];
  const attach = (file: StoredFile, role: 'content' | 'outcome', user: Staff | null, office: Office, at: number) => {
    const attId = demoId(rng, at);
    out.attachments.push({
      id: attId,
      item_id: id,
      role,
      message_id: null,
      file_name: file.fileName,
      mime_type: file.mimeType,
      size: file.size,
      sha256: file.sha256,
      uploaded_by: user?.id ?? null,
      office_id: office.id,
      created_at: new Date(at),
      removed_at: null,
    });
    if (role === 'content') contentFiles.push(file);
    return attId;
  };
  const sign = (user: Staff | null, purpose: string, at: number): { signatureId: string; contentHash: string } | null => {
    if (!user) return null;
    const key = ctx.keyOf(user.id);
    const bytes = Buffer.from(
      canonicalItem(
        id,
        {
          kind,
          fromOfficeId: from.id,
          toOfficeId: (item.intended_office_id as string | null) ?? to.id,
          subject: texts.subject,
          essence: texts.essence,
          purpose: texts.purpose,
          assistance: texts.assistance,
          otherInfo: texts.otherInfo,
          form,
          priorityAreas: areas,
          subjectMatter: subjectMatter as 'within_protocol',
          language,
          translationAttached,
          confidentiality,
          costArrangement: item.cost_arrangement as 'each_own',
          costTerms: item.cost_terms as string | null,
        },
        contentFiles.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })),
      ),
      'utf8',
    );
    const sigId = demoId(rng, at);
    const contentHash = sha256Hex(bytes);
    out.signatures.push({
      id: sigId,
      item_id: id,
      content_version: item.content_version,
      purpose,
      signer_id: user.id,
      key_id: key.id,
      algorithm: key.material.algorithm,
      content_hash: contentHash,
      signature: key.sign(bytes),
      signed_at: new Date(at),
      voided_at: null,
      void_reason: null,
    });
    addParticipant(user, 'sender', 'signer', at);
    return { signatureId: sigId, contentHash };
  };
  const message = (author: Staff | null, office: Office, side: 'sender' | 'receiver', body: string, conditions: string | null, at: number): string | null => {
    if (!author) return null;
    const msgId = demoId(rng, at);
    out.messages.push({
      id: msgId,
      item_id: id,
      author_id: author.id,
      office_id: office.id,
      side,
      body,
      proposed_conditions: conditions,
      created_at: new Date(at),
    });
    addParticipant(author, side, 'consultation', at);
    return msgId;
  };

  const finish = () => {
    item.status = status;
    out.items.push(item);
    // Each step's changes: the row after it (before the next step) against the row before it; the
    // first holds the whole row (completed with its number when numbers are reserved).
    log.forEach((entry, k) => {
      const after = log[k + 1]?.before ?? item;
      entry.action.changes = k === 0 ? { ...after } : changesBetween(entry.before, after);
      out.actions.push(entry.action);
    });
    bump(tally.byStatus, status);
    bump(tally.byKind, kind);
    bump(tally.byLanguage, language);
    bump(tally.byConfidentiality, confidentiality);
    if (item.mode === 'oral') tally.oral++;
    if (routed) tally.routed++;
    const overdue = isOverdue(
      {
        status,
        mode: item.mode as ItemMode,
        answerDueAt: item.answer_due_at as Date | null,
        oralConfirmedAt: (item.oral_confirmed_at as Date | null) ?? null,
        confirmationDueAt: item.confirmation_due_at as Date | null,
      },
      ctx.now,
    );
    if (overdue) tally.overdue++;
    const fo = (tally.byOffice[from.code] ??= { outgoing: 0, incoming: 0 });
    fo.outgoing++;
    if (wasSent(status)) (tally.byOffice[to.code] ??= { outgoing: 0, incoming: 0 }).incoming++;
  };

  // ── drafting ──
  step(
    created,
    'create',
    'draft',
    preparer,
    from,
    { route: item.route, routeReasons: item.route_reasons },
    {
      kind,
      toOfficeCode: counterpart.code,
      subject: texts.subject,
      essence: texts.essence,
      purpose: texts.purpose,
      assistance: texts.assistance,
      otherInfo: texts.otherInfo,
      form,
      priorityAreas: areas,
      subjectMatter,
      language,
      translationAttached,
      confidentiality,
      isPublic: item.is_public,
      costArrangement: item.cost_arrangement,
      costTerms: item.cost_terms,
    },
  );
  addParticipant(preparer, 'sender', 'preparer', created);
  // Files of the content are part of the signed content: adding one is an edit of the draft.
  const attachContent = (f: StoredFile, at: number) => {
    if (at > nowMs) return;
    const attId = attach(f, 'content', preparer, from, Math.max(at, last + 1000));
    step(
      at,
      'update',
      null,
      preparer,
      from,
      { attached: [attId] },
      { role: 'content', confidentiality: null, files: [{ fileName: f.fileName, size: f.size, sha256: f.sha256 }] },
    );
    item.content_version = (item.content_version as number) + 1;
  };
  if (translationAttached) {
    if (ctx.files.translation.length) attachContent(rng.pick(ctx.files.translation), created + rng.int(5, 90) * 60_000);
  }
  if (rng.chance(0.05)) {
    for (const f of rng.sample(ctx.files.content, rng.int(1, 2))) attachContent(f, created + rng.int(5, 120) * 60_000);
  }
  if (abandoned) return finish();

  // Replies: «in reply to» an item recently received from the same counterpart.
  const back = recentByLane.get(`${counterpart.id}>${from.id}`);
  if (back?.length && rng.chance(0.04)) out.links.push({ item_id: id, target_id: rng.pick(back), kind: 'in_reply_to' });

  // ── sending ──
  let sentAt: number;
  if (oral) {
    const oralAt = created + rng.int(10, 120) * 60_000;
    sentAt = oralAt + rng.int(5, 60) * 60_000;
    const due = oralConfirmationDeadline(new Date(oralAt), from.timeZone);
    const channel = rng.weighted(ORAL_CHANNELS);
    const spokenTo = contactLine(rng, counterpart.party).replace(/, тел\..*$/, '');
    const spokenBy = contactLine(rng, from.party).replace(/, тел\..*$/, '');
    if (
      !step(
        sentAt,
        'send_oral',
        'sent',
        preparer,
        from,
        { oralAt: new Date(oralAt).toISOString(), channel, confirmationDueAt: due.dueAt.toISOString() },
        { oralAt: new Date(oralAt).toISOString(), channel, spokenBy, spokenTo },
      )
    )
      return finish();
    Object.assign(item, {
      mode: 'oral',
      oral_at: new Date(oralAt),
      oral_channel: channel,
      oral_spoken_by: spokenBy,
      oral_spoken_to: spokenTo,
      confirmation_due_at: due.dueAt,
    });
  } else {
    const signedAt = workAfter(rng, from.timeZone, created, rng.lognormal(0.5 * DAY, 0.9, HOUR, 12 * DAY));
    if (signedAt > nowMs) return finish();
    sentAt = workAfter(rng, from.timeZone, signedAt + 1000, rng.lognormal(0.3 * DAY, 0.8, 0.5 * HOUR, 7 * DAY));
    // Without users there are no signatures: an item is not left «signed» without one.
    if (sentAt > nowMs && !signerUser) return finish();
    const sig = sign(signerUser, 'request', signedAt);
    step(signedAt, 'sign', 'signed', signerUser, from, sig);
    item.signature_id = sig?.signatureId ?? null;
    if (sentAt > nowMs) return finish();
    const outNo = outgoingNumber(rng, from, sentAt);
    const outDate = localDateOf(sentAt, from.timeZone);
    step(
      sentAt,
      'send',
      'sent',
      preparer,
      from,
      { outgoingNumber: outNo, outgoingDate: outDate, route: item.route },
      { outgoingNumber: outNo, outgoingDate: outDate },
    );
    item.outgoing_number = outNo;
    item.outgoing_date = outDate;
  }
  item.sent_at = new Date(last);
  sentAt = last;
  if (!routed) {
    const due = answerDue(sentAt, ctx.answerDays, to.timeZone);
    item.answer_due_at = due.dueAt;
    item.answer_due = { ...due, dueAt: due.dueAt.toISOString() };
  }
  out.sent.push({ lane: `${from.id}>${to.id}`, id });

  // The written confirmation of an oral request: mostly in time, some late, a few never.
  let confirmAt: number | null = null;
  if (oral) {
    const oralAt = (item.oral_at as Date).getTime();
    const r = rng.next();
    confirmAt = r < 0.88 ? oralAt + rng.int(4, 70) * HOUR : r < 0.95 ? oralAt + rng.int(73, 150) * HOUR : null;
  }
  const confirmOral = (before: number) => {
    if (confirmAt === null || confirmAt > before || item.oral_confirmed_at) return;
    const at = Math.max(confirmAt, last + 60_000);
    if (at > nowMs) return;
    const outNo = outgoingNumber(rng, from, at);
    const outDate = localDateOf(at, from.timeZone);
    const sig = sign(signerUser, 'oral_confirmation', at);
    if (
      step(
        at,
        'confirm_in_writing',
        null,
        signerUser,
        from,
        {
          signatureId: sig?.signatureId ?? null,
          late: at > (item.confirmation_due_at as Date).getTime(),
          outgoingNumber: outNo,
        },
        { outgoingNumber: outNo, outgoingDate: outDate },
      )
    ) {
      Object.assign(item, {
        signature_id: sig?.signatureId ?? item.signature_id,
        oral_confirmed_at: new Date(last),
        outgoing_number: outNo,
        outgoing_date: outDate,
      });
    }
  };

  // ── a matter routed to the coordinator (O-3.4): forwarded or returned ──
  if (routed) {
    if (rng.chance(0.6)) {
      const regAt = workAfter(rng, to.timeZone, sentAt, rng.lognormal(DAY, 0.7, HOUR, 6 * DAY));
      const inNo = incomingNumber(to, regAt);
      const inDate = localDateOf(regAt, to.timeZone);
      if (!step(regAt, 'register', 'registered', registrar, to, { incomingNumber: inNo, incomingDate: inDate }, { incomingNumber: inNo, incomingDate: inDate }))
        return finish();
      Object.assign(item, { incoming_number: inNo, incoming_date: inDate, registered_at: new Date(last) });
      addParticipant(registrar, 'receiver', 'registrar', regAt);
    }
    const decideAt = workAfter(rng, to.timeZone, last, rng.lognormal(6 * DAY, 0.6, DAY, 40 * DAY));
    const r = rng.next();
    if (r < 0.75) {
      const said = { note: rng.pick(FORWARD_NOTES), outgoingNumber: outgoingNumber(rng, to, decideAt) };
      step(decideAt, 'forward', 'forwarded', registrar, to, said, said);
    } else if (r < 0.95) {
      const said = { reason: rng.pick(RETURN_REASONS) };
      step(decideAt, 'return', 'returned', registrar, to, said, said);
    } else {
      const said = { reason: rng.pick(WITHDRAW_REASONS) };
      step(workAfter(rng, from.timeZone, sentAt, rng.lognormal(3 * DAY, 0.6, HOUR, 20 * DAY)), 'withdraw', 'withdrawn', signerUser, from, said, said);
    }
    return finish();
  }

  // ── the requested office ──
  const tail = rng.chance(0.03);
  const outcomeAt = workAfter(
    rng,
    to.timeZone,
    sentAt,
    tail ? rng.lognormal(90 * DAY, 0.8, 31 * DAY, 600 * DAY) : rng.lognormal(16 * DAY, 0.45, 3 * DAY, 60 * DAY),
  );
  const withdrawAt = rng.chance(0.025) ? workAfter(rng, from.timeZone, sentAt, rng.lognormal(5 * DAY, 0.7, HOUR, 25 * DAY)) : null;
  const stopAt = withdrawAt !== null ? Math.min(withdrawAt, outcomeAt) : outcomeAt;

  const regAt = workAfter(rng, to.timeZone, sentAt, rng.lognormal(1.2 * DAY, 0.7, HOUR, 10 * DAY));
  confirmOral(regAt);
  if (regAt < stopAt) {
    const inNo = incomingNumber(to, regAt);
    const inDate = localDateOf(regAt, to.timeZone);
    if (step(regAt, 'register', 'registered', registrar, to, { incomingNumber: inNo, incomingDate: inDate }, { incomingNumber: inNo, incomingDate: inDate })) {
      Object.assign(item, { incoming_number: inNo, incoming_date: inDate, registered_at: new Date(last) });
      addParticipant(registrar, 'receiver', 'registrar', last);
    }
  }
  if (status === 'registered' && executor && rng.chance(0.75)) {
    const at = workAfter(rng, to.timeZone, last, rng.lognormal(0.4 * DAY, 0.7, 0.2 * HOUR, 4 * DAY));
    if (at < stopAt) {
      const dueOn = localDateOf(at + 20 * DAY, to.timeZone);
      const instruction = rng.pick(RESOLUTIONS);
      if (step(at, 'assign', null, receiverSigner, to, { executorId: executor.id, dueOn }, { executorId: executor.id, instruction, dueOn })) {
        Object.assign(item, { executor_id: executor.id, resolution: instruction, resolution_due_on: dueOn });
        addParticipant(executor, 'receiver', 'executor', at);
      }
    }
  }
  // A-6.2b: authenticity in doubt, confirmed by the sender a few days later.
  if (status === 'registered' && rng.chance(0.01)) {
    const at = workAfter(rng, to.timeZone, last, DAY);
    const doubt = { reason: rng.pick(HOLD_REASONS) };
    if (at < stopAt && step(at, 'doubt_authenticity', 'on_hold', registrar, to, doubt, doubt)) {
      item.held_from = 'registered';
      confirmOral(at + 2 * DAY);
      const back = workAfter(rng, from.timeZone, last, rng.int(2, 5) * DAY);
      if (back < stopAt && back <= nowMs && !(item.mode === 'oral' && !item.oral_confirmed_at)) {
        const sig = sign(signerUser, 'authenticity', back);
        if (step(back, 'confirm_authenticity', 'registered', signerUser, from, { note: null, signatureId: sig?.signatureId ?? null }))
          Object.assign(item, { held_from: null, signature_id: sig?.signatureId ?? item.signature_id });
      }
    }
  }
  // consultations before a refusal, with conditions proposed.
  let conditionsRejected = false;
  if (status === 'registered' && rng.chance(0.05)) {
    const at = workAfter(rng, to.timeZone, last, Math.max(HOUR, (stopAt - last) * 0.3));
    const proposes = rng.chance(0.6);
    const cond = proposes ? rng.pick(CONDITIONS) : null;
    if (at < stopAt) {
      const text = rng.pick(MESSAGES);
      const msgId = message(executor ?? registrar, to, 'receiver', text, cond, at);
      if (
        step(
          at,
          'open_consultation',
          'consultation',
          executor ?? registrar,
          to,
          { messageId: msgId, conditions: proposes },
          { body: text, ...(cond ? { proposedConditions: cond } : {}) },
        )
      ) {
        if (proposes) Object.assign(item, { conditions_status: 'proposed', conditions: cond });
        const replyAt = workAfter(rng, from.timeZone, last, rng.lognormal(2 * DAY, 0.5, HOUR, 10 * DAY));
        if (replyAt < stopAt) {
          const reply = rng.pick(MESSAGES);
          const replyId = message(preparer, from, 'sender', reply, null, replyAt);
          step(replyAt, 'message', null, preparer, from, { messageId: replyId, conditions: false }, { body: reply });
        }
        if (proposes) {
          const decideAt = workAfter(rng, from.timeZone, last, rng.lognormal(DAY, 0.5, HOUR, 7 * DAY));
          const accept = rng.chance(0.7);
          if (decideAt < stopAt && step(decideAt, accept ? 'accept_conditions' : 'reject_conditions', null, signerUser, from, { note: null })) {
            item.conditions_status = accept ? 'accepted' : 'rejected';
            conditionsRejected = !accept;
          }
        }
        if (rng.chance(0.5)) {
          const closeAt = workAfter(rng, to.timeZone, last, rng.lognormal(DAY, 0.5, HOUR, 5 * DAY));
          if (closeAt < stopAt) step(closeAt, 'close_consultation', 'registered', executor ?? registrar, to, { note: null });
        }
      }
    }
  }
  confirmOral(stopAt);

  if (withdrawAt !== null && withdrawAt <= outcomeAt) {
    const said = { reason: rng.pick(WITHDRAW_REASONS) };
    step(Math.max(withdrawAt, last + HOUR), 'withdraw', 'withdrawn', signerUser, from, said, said);
    return finish();
  }
  // An oral request never confirmed in writing is eventually withdrawn by its sender.
  if (item.mode === 'oral' && confirmAt === null) {
    const said = { reason: rng.pick(WITHDRAW_REASONS) };
    step(Math.max((item.confirmation_due_at as Date).getTime() + rng.int(1, 10) * DAY, last + HOUR), 'withdraw', 'withdrawn', signerUser, from, said, said);
    return finish();
  }
  if (status !== 'registered' && status !== 'consultation') {
    // Still waiting for registration (or on hold): nothing more has happened.
    return finish();
  }
  const outcome = conditionsRejected
    ? rng.weighted([
        ['refused', 60],
        ['partially_executed', 40],
      ] as const)
    : rng.weighted([
        ['executed', 78],
        ['partially_executed', 12],
        ['refused', 10],
      ] as const);
  const at = Math.max(outcomeAt, last + HOUR);
  if (at > nowMs) return finish();
  const grounds = outcome === 'executed' ? [] : [...new Set([rng.weighted(GROUND_WEIGHTS), ...(rng.chance(0.15) ? [rng.weighted(GROUND_WEIGHTS)] : [])])];
  const replyNo = outgoingNumber(rng, to, at);
  if (rng.chance(0.1)) {
    if (ctx.files.outcome.length) {
      const f = rng.pick(ctx.files.outcome);
      const attAt = at - rng.int(10, 120) * 60_000;
      const attId = attach(f, 'outcome', executor ?? receiverSigner, to, Math.max(attAt, last + 1000));
      step(
        Math.max(attAt, last + 1000),
        'attach',
        null,
        executor ?? receiverSigner,
        to,
        { role: 'outcome', files: [attId] },
        { role: 'outcome', confidentiality: null, files: [{ fileName: f.fileName, size: f.size, sha256: f.sha256 }] },
      );
    }
  }
  const answer = {
    outcome,
    refusal_grounds: grounds,
    outcome_reason: outcome === 'executed' ? null : rng.pick(REFUSAL_REASONS[grounds[0]!] ?? REFUSAL_REASONS.contrary_to_legislation!),
    outcome_text: outcomeText(rng, outcome, { number: replyNo, date: localDateOf(at, to.timeZone).split('-').reverse().join('.') }),
    legal_basis_applied: outcome === 'executed' ? null : 'статья 7 Соглашения о сотрудничестве',
    outcome_confidentiality: confidentiality,
  };
  const said = {
    outcome,
    refusalGrounds: grounds,
    reason: answer.outcome_reason,
    text: answer.outcome_text,
    legalBasisApplied: answer.legal_basis_applied,
    confidentiality,
  };
  if (step(at, 'record_outcome', outcome, receiverSigner, to, { outcome, refusalGrounds: grounds, confidentiality }, said)) {
    Object.assign(item, { ...answer, outcome_at: new Date(last) });
  }
  return finish();
}
