import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/access.ts';
import { COMPLIANCE_STATUSES } from '../../domain/contacts.ts';
import { ERROR_CODES } from '../../domain/errors.ts';
import { ITEM_ACTIONS, ITEM_STATUSES } from '../../domain/item-status.ts';
import {
  CONFIDENTIALITY_LEVELS,
  COST_ARRANGEMENTS,
  FORMS,
  ITEM_KINDS,
  ITEM_LANGUAGES,
  LINK_KINDS,
  ORAL_CHANNELS,
  OUTCOMES,
  PRIORITY_AREAS,
  REFUSAL_GROUNDS,
  SUBJECT_MATTERS,
  type ItemWarning,
  type MandatoryField,
} from '../../domain/items.ts';
import type { ScopeReason } from '../../domain/scope.ts';
import { LETTER_CHANNELS } from '../../domain/letters.ts';
import { HOSTINGS, NODE_PARTIES } from '../../domain/node.ts';
import { CERTAINTIES, LEGAL_BASIS_KINDS, OFFICE_KINDS, PAIRING_BASES, PARTIES, type ExchangeRefusal } from '../../domain/registry.ts';
import { AUDIT_VERIFY_REASONS } from '../../domain/schemas/audit.ts';
import { LOCALES } from '../../domain/schemas/common.ts';
import { CONTACT_CHANGE_KINDS } from '../../domain/schemas/contacts.ts';
import { SETTING_KEYS } from '../../domain/settings.ts';
import { ALERT_KINDS, CHECKPOINT_STATUSES, DELIVERY_STATES, PEER_STATES, REJECTION_CODES } from '../features/exchange/useExchange.ts';
import { loadResources, NAMESPACES } from './index.ts';

/** Every refusal reason of mayExchangeDirectly(); the Record type makes a new reason fail to compile here. */
const EXCHANGE_REFUSALS = Object.keys({
  SAME_PARTY: 1,
  OFFICE_NOT_IN_FORCE: 1,
  OFFICE_NOT_AUTHORIZED: 1,
  NO_PAIRING: 1,
  PAIRING_INACTIVE: 1,
  PAIRING_NOT_IN_FORCE: 1,
  LEGAL_BASIS_NOT_IN_FORCE: 1,
  AGREEMENT_TERMINATED: 1,
} satisfies Record<ExchangeRefusal, 1>);

/** O-3.4 reasons, A-6.5 warnings and fields: the Record types make a new value fail to compile here. */
const SCOPE_REASONS = Object.keys({ LEGAL_ASSISTANCE: 1, EXTRADITION: 1, OUTSIDE_PROTOCOL: 1, EXTRADITION_LEGAL_ASSISTANCE_AREA: 1 } satisfies Record<
  ScopeReason,
  1
>);
const ITEM_WARNINGS = Object.keys({ TRANSLATION_MISSING: 1, TRANSLATION_FILE_MISSING: 1 } satisfies Record<ItemWarning, 1>);
const MANDATORY_FIELDS = Object.keys({
  fromOfficeId: 1,
  toOfficeId: 1,
  subject: 1,
  essence: 1,
  purpose: 1,
  assistance: 1,
  form: 1,
  costTerms: 1,
} satisfies Record<MandatoryField, 1>);

/** The notification kinds the server sends, read from its source so a new kind cannot go untranslated. */
const notificationSource =
  Object.values(
    import.meta.glob<string>('../../server/modules/notifications/notifications.service.ts', { eager: true, query: '?raw', import: 'default' }),
  )[0] ?? '';
const NOTIFICATION_KINDS = [...(/NOTIFICATION_KINDS = \[([\s\S]*?)\] as const/.exec(notificationSource)?.[1] ?? '').matchAll(/'([a-z_.]+)'/g)].map(
  (m) => m[1]!,
);

const resources = loadResources() as Record<string, Record<string, Record<string, unknown>>>;
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattens nested keys to `a.b.c` → value. */
function flatten(obj: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out.set(key, v);
  }
  return out;
}

/** Keys with the plural suffix removed: languages differ in plural forms, not in what they say. */
function baseKeys(flat: Map<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of flat.keys()) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const forms = out.get(base) ?? new Set<string>();
    if (m) forms.add(m[1]!);
    out.set(base, forms);
  }
  return out;
}

const flat = (lng: string, ns: string) => flatten(resources[lng]?.[ns] ?? {});
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  const namespaces = new Set(LOCALES.flatMap((l) => Object.keys(resources[l] ?? {})));

  it('every language has every namespace file, and the app loads them all', () => {
    for (const ns of namespaces) for (const lng of LOCALES) expect(resources[lng]?.[ns], `${lng}/${ns}.json`).toBeTypeOf('object');
    expect([...namespaces].sort()).toEqual([...NAMESPACES].sort());
  });

  for (const ns of NAMESPACES) {
    it(`${ns}: the same keys in ru, kk and en`, () => {
      const keys = Object.fromEntries(LOCALES.map((l) => [l, [...baseKeys(flat(l, ns)).keys()].sort()]));
      for (const lng of LOCALES) {
        for (const other of LOCALES) {
          const missing = keys[other]!.filter((k) => !keys[lng]!.includes(k));
          expect(missing, `${lng}/${ns}.json lacks keys present in ${other}`).toEqual([]);
        }
      }
    });

    it(`${ns}: no empty values, plural forms complete, same {{variables}}`, () => {
      for (const lng of LOCALES) {
        const values = flat(lng, ns);
        for (const [key, value] of values) {
          expect(typeof value === 'string' && value.trim().length > 0, `${lng}/${ns}.json: ${key} is empty`).toBe(true);
        }
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        for (const [base, forms] of baseKeys(values)) {
          if (forms.size === 0) continue;
          for (const c of categories) expect(forms.has(c), `${lng}/${ns}.json: ${base}_${c} missing`).toBe(true);
        }
      }
      const ru = flat('ru', ns);
      for (const lng of LOCALES) {
        for (const [key, value] of flat(lng, ns)) {
          const ruKey = ru.has(key) ? key : `${key.replace(PLURAL, '')}_other`;
          const reference = ru.get(ruKey);
          if (typeof reference === 'string' && typeof value === 'string') {
            expect(variables(value), `${lng}/${ns}.json: ${key} uses other {{variables}} than ru`).toEqual(variables(reference));
          }
        }
      }
    });
  }

  it('every error code has a message in every language', () => {
    for (const lng of LOCALES) for (const code of ERROR_CODES) expect(resources[lng]?.errors?.[code], `${lng} errors:${code}`).toBeTruthy();
  });

  const labels: [string, string, readonly string[]][] = [
    ['common', 'roles', ROLES],
    ['common', 'officeKinds', OFFICE_KINDS],
    ['common', 'parties', PARTIES],
    ['common', 'partiesShort', PARTIES],
    ['registry', 'bases', PAIRING_BASES],
    ['registry', 'certainties', CERTAINTIES],
    ['registry', 'hostings', HOSTINGS],
    ['registry', 'hosting.explain', HOSTINGS],
    ['common', 'nodes', NODE_PARTIES],
    ['common', 'nodeHint', NODE_PARTIES],
    ['registry', 'legalBasisKinds', LEGAL_BASIS_KINDS],
    ['registry', 'exchangeReasons', EXCHANGE_REFUSALS],
    ['contacts', 'compliance.statuses', COMPLIANCE_STATUSES],
    ['contacts', 'changeKinds', CONTACT_CHANGE_KINDS],
    ['notifications', 'changeKinds', CONTACT_CHANGE_KINDS],
    ['common', 'languages', LOCALES],
    ['items', 'kinds', ITEM_KINDS],
    ['items', 'kindLower', ITEM_KINDS],
    ['items', 'forms', FORMS],
    ['items', 'formsShort', FORMS],
    ['items', 'areas', PRIORITY_AREAS],
    ['items', 'areasShort', PRIORITY_AREAS],
    ['items', 'subjectMatters', SUBJECT_MATTERS],
    ['items', 'confidentiality', CONFIDENTIALITY_LEVELS],
    ['items', 'costs', COST_ARRANGEMENTS],
    ['items', 'refusalGrounds', REFUSAL_GROUNDS],
    ['documents', 'grounds', REFUSAL_GROUNDS],
    ['items', 'outcomes', OUTCOMES],
    ['items', 'channels', ORAL_CHANNELS],
    ['items', 'languages', ITEM_LANGUAGES],
    ['items', 'languageNames', ITEM_LANGUAGES],
    ['items', 'links', LINK_KINDS],
    ['items', 'statuses', ITEM_STATUSES],
    ['items', 'actions', ITEM_ACTIONS],
    ['items', 'timeline.actions', ITEM_ACTIONS],
    ['items', 'route.reasons', SCOPE_REASONS],
    ['items', 'warnings', ITEM_WARNINGS],
    ['items', 'mandatory', MANDATORY_FIELDS],
    ['items', 'fieldNames', MANDATORY_FIELDS.filter((f) => f !== 'fromOfficeId')],
    ['audit', 'verify.reasons', AUDIT_VERIFY_REASONS],
    ['events', 'letters.channels', LETTER_CHANNELS],
    ['events', 'letters.kinds', LETTER_CHANNELS],
    ['events', 'letters.byKinds', LETTER_CHANNELS],
    ['documents', 'events.channels', LETTER_CHANNELS],
    ['exchange', 'alertKinds', ALERT_KINDS],
    ['exchange', 'rejectionCodes', REJECTION_CODES],
    ['exchange', 'states', PEER_STATES],
    ['exchange', 'checkpointStatuses', CHECKPOINT_STATUSES],
    ['exchange', 'delivery.states', DELIVERY_STATES],
  ];
  for (const [ns, group, values] of labels) {
    it(`${ns}:${group} labels every value in every language`, () => {
      for (const lng of LOCALES) {
        const map = flat(lng, ns);
        // A label that names a Party's order or coordinator has a variant per Party instead.
        const label = (v: string) => map.get(`${group}.${v}`) ?? (map.get(`${group}.${v}_RU`) && map.get(`${group}.${v}_KZ`));
        for (const v of values) expect(label(v), `${lng} ${ns}:${group}.${v}`).toBeTruthy();
      }
    });
  }

  /**
   * O-3.1, P-3, A-5.2: a text that names a Party's coordinator or order (ГУМПС, Order No. 136) is shown
   * to users of that Party only: it is the `_RU` variant of a key whose `_KZ` variant names the Kazakh
   * coordinator and the Protocol. Facts about the Order itself (which offices it lists) stay one text.
   * The documents (DOCX) are left to their own review.
   */
  const PARTY_NEUTRAL = new Set([
    'registry:office.listedInOrderItem1',
    'registry:fields.listedInOrderItem1',
    'registry:pairings.hint',
    'registry:legalBasisKinds.order',
    'registry:legalBasis.hint',
    'settings:fields.contactDesignationDays.hint',
    'settings:fields.eventReportDays.hint',
    // The names of the documents themselves.
    'registry:legalBasisNames.ORDER-136-2022.name',
    'registry:legalBasisNames.ORDER-136-2022.of',
    // The law page presents the three documents, the Order among them, to both Parties.
    'law:intro',
    'law:documents.O',
    'law:documentNames.O',
    'law:short.O',
  ]);
  const RUSSIAN_BASIS = /ГУМПС|приказ|GUMPS|Main Directorate|Order No\. 136|№ 136/i;
  // `key_RU` (i18next context), `key_RU_one` (with a plural), or `group.RU` (a label per Party).
  const PARTY_SUFFIX = /([._])(RU|KZ)(?=$|_(?:zero|one|two|few|many|other)$)/;
  const otherParty = (key: string) => key.replace(PARTY_SUFFIX, (_, sep: string, p: string) => sep + (p === 'RU' ? 'KZ' : 'RU'));
  for (const ns of NAMESPACES.filter((n) => n !== 'documents')) {
    it(`${ns}: O-3.1 P-3 texts naming the Russian coordinator or Order No. 136 have a variant for the Kazakh Party`, () => {
      const problems: string[] = [];
      for (const lng of LOCALES) {
        const values = flat(lng, ns);
        for (const [key, value] of values) {
          if (typeof value !== 'string' || PARTY_NEUTRAL.has(`${ns}:${key}`)) continue;
          const party = PARTY_SUFFIX.exec(key)?.[2];
          if (party === 'KZ' && RUSSIAN_BASIS.test(value)) problems.push(`${lng} ${ns}:${key} names the Russian basis`);
          if (!party && RUSSIAN_BASIS.test(value)) problems.push(`${lng} ${ns}:${key} is not Party-dependent`);
          if (party && !values.has(otherParty(key))) problems.push(`${lng} ${ns}:${key} lacks its other Party`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('the menu names what its page controls, and the built-in administrator is named in every language', () => {
    const nav = (lng: string) => resources[lng]?.common?.nav as Record<string, string>;
    const contacts = (lng: string) => resources[lng]?.contacts?.compliance as Record<string, string>;
    expect(nav('ru').compliance).toBe('Назначение контактных лиц');
    expect(contacts('ru').title).toBe('Контроль назначения контактных лиц');
    expect(nav('ru').oversight).toBe('Исполнение Протокола');
    expect(resources.ru?.oversight?.title).toBe('Контроль исполнения Протокола');
    for (const lng of LOCALES) expect(nav(lng).compliance, lng).not.toMatch(/сроков|мерзімдер|deadline/i);
    expect(LOCALES.map((l) => resources[l]?.users?.builtInAdmin)).toEqual(['Администратор', 'Әкімші', 'Administrator']);
  });

  it('O-3.1 a Kazakh office is told its contact persons go to the Department of International Cooperation, a Russian one to ГУМПС', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    expect(i18n.t('contacts:saved.designated', { context: 'KZ' })).toBe('Контактное лицо назначено, Департамент международного сотрудничества уведомлён');
    expect(i18n.t('contacts:saved.designated', { context: 'RU' })).toBe('Контактное лицо назначено, ГУМПС уведомлено');
    expect(i18n.t('contacts:my.dutyTitle', { context: 'KZ', lng: 'kk' })).toBe('Қосымша хаттаманың 3-бабы');
    expect(i18n.t('contacts:my.dutyText', { context: 'RU', lng: 'en' })).toContain('within 15 days');
    expect(i18n.t('contacts:compliance.hint', { context: 'KZ', lng: 'en' })).toContain('No designation deadline');
    expect(i18n.t('annual:page.late', { context: 'KZ', count: 2, date: 'd', lastDay: 'l', timeZone: 'z' })).toBe(
      'Представлен d, на 2 дня позже срока: последний день — l по времени z.',
    );
  });

  it('every action of the status machine (but the edit) has a success message', () => {
    for (const lng of LOCALES) {
      const map = flat(lng, 'items');
      for (const a of ITEM_ACTIONS.filter((x) => x !== 'update')) expect(map.get(`done.${a}`), `${lng} items:done.${a}`).toBeTruthy();
    }
  });

  it('every notification kind the server sends has an in-app text and an e-mail in every language', () => {
    expect(NOTIFICATION_KINDS.length).toBeGreaterThan(10);
    expect(NOTIFICATION_KINDS.filter((k) => k.startsWith('item.')).length).toBeGreaterThan(10);
    for (const lng of LOCALES) {
      const kinds = (resources[lng]?.notifications?.kinds ?? {}) as Record<string, unknown>;
      const email = (resources[lng]?.notifications?.email ?? {}) as Record<string, { subject?: string; text?: string; text_RU?: string; text_KZ?: string }>;
      for (const kind of NOTIFICATION_KINDS) {
        expect(kinds[kind], `${lng} notifications:kinds.${kind}`).toBeTruthy();
        expect(email[kind]?.subject, `${lng} notifications:email.${kind}.subject`).toBeTruthy();
        expect(email[kind]?.text ?? (email[kind]?.text_RU && email[kind]?.text_KZ), `${lng} notifications:email.${kind}.text`).toBeTruthy();
      }
    }
  });

  it('every setting has a label and a hint', () => {
    for (const lng of LOCALES) {
      const map = flat(lng, 'settings');
      for (const key of SETTING_KEYS) {
        expect(map.get(`fields.${key}.label`), `${lng} settings:fields.${key}.label`).toBeTruthy();
        expect(map.get(`fields.${key}.hint`), `${lng} settings:fields.${key}.hint`).toBeTruthy();
      }
    }
  });

  it('plurals, dotted keys and contexts resolve as the UI uses them', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    expect(i18n.t('common:list.total', { count: 1 })).toBe('Всего 1 запись');
    expect(i18n.t('common:list.total', { count: 3 })).toBe('Всего 3 записи');
    expect(i18n.t('common:list.total', { count: 25 })).toBe('Всего 25 записей');
    expect(i18n.t('common:list.total', { count: 21, lng: 'kk' })).toBe('Барлығы 21 жазба');
    // Notification kinds contain a dot ("contact.changed") and still resolve.
    expect(i18n.t('notifications:kinds.contact.changed', { officeName: 'X', changeKind: 'y', effectiveFrom: '01.04.2022' })).toContain('X');
    expect(i18n.t('notifications:kinds.contact.changed', { lng: 'kk', officeName: 'X', changeKind: 'y', effectiveFrom: '01.04.2022' })).toContain('бастап');
    // Validation messages pick a context (origin, format) and a plural form.
    expect(i18n.t('validation:too_small', { context: 'string', count: 12 })).toBe('Не менее 12 символов');
    expect(i18n.t('validation:too_small', { context: 'number', count: 5, minimum: 5 })).toBe('Не меньше 5');
    expect(i18n.t('validation:invalid_format', { context: 'email' })).toBe('Неверный адрес электронной почты');
    expect(i18n.t('validation:invalid_format', { context: 'uuid' })).toBe('Неверный формат');
    // Deadlines explain themselves, with the right plural in each language.
    expect(i18n.t('items:deadline.ruleDays', { count: 30, start: '02.03.2026', timeZone: 'Asia/Aqtobe', offset: '+5' })).toBe(
      '30 календарных дней с 02.03.2026, по времени Asia/Aqtobe (UTC+5)',
    );
    expect(i18n.t('items:deadline.ruleHours', { count: 72, start: '02.03.2026 10:00', timeZone: 'Asia/Yekaterinburg', offset: '+5' })).toMatch(
      /^72 часа с 02\.03\.2026 10:00/,
    );
    expect(i18n.t('items:duration.days', { count: 21 })).toBe('21 день');
    expect(i18n.t('items:deadline.ruleDays', { lng: 'kk', count: 30, start: '02.03.2026', timeZone: 'Asia/Aqtobe', offset: '+5' })).toMatch(
      /^02\.03\.2026 бастап 30 күнтізбелік күн/,
    );
  });
});
