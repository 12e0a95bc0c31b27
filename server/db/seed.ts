import { officeIdOf } from './office-id.ts';
import { eq } from 'drizzle-orm';
import { initialHosting, type NodeParty } from '../../domain/node.ts';
import { CERTAINTIES, LEGAL_BASIS_KINDS, OFFICE_KINDS, PAIRING_BASES, PARTIES, type OfficeKind } from '../../domain/registry.ts';
import referenceData from './reference/reference-data.json' with { type: 'json' };
import translations from './reference/translations.json' with { type: 'json' };
import type { Db } from './client.ts';
import { lockStartupWork } from './migrate.ts';
import { appMeta, legalBasis, offices, pairings } from './schema.ts';

/** Bump when the bundled reference data gains rows that existing installations should receive. */
export const REFERENCE_DATA_VERSION = 1;
const META_KEY = 'reference_data_version';

type Names = { kk?: string; en?: string };
const officeNames = translations.offices as Record<string, Names>;
const seatNames = translations.seats as Record<string, Names>;
const basisTitles = translations.legalBasis as Record<string, Names>;

/** A value of the bundled JSON checked against its domain vocabulary (the file is data, not typed code). */
function member<T extends string>(list: readonly T[], value: string, what: string): T {
  if (!(list as readonly string[]).includes(value)) throw new Error(`Reference data: unknown ${what} "${value}"`);
  return value as T;
}

interface RawOffice {
  code: string;
  nameRu: string;
  nameKk?: string;
  kind?: string;
  seatCity: string;
  ianaTz: string;
  regionIso3166_2?: string | null;
  listedInOrder136Item1?: boolean;
  validFrom?: string;
  notes?: string;
}

const ORDER_DATE = referenceData.legalBasis.find((d) => d.kind === 'order')?.inForceFrom ?? '2022-03-10';

function officeRow(o: RawOffice, party: 'RU' | 'KZ', kind: OfficeKind, authorized: boolean): typeof offices.$inferInsert {
  const names = officeNames[o.code] ?? {};
  const seat = seatNames[o.seatCity] ?? {};
  return {
    id: officeIdOf(o.code),
    code: o.code,
    party,
    kind,
    nameRu: o.nameRu,
    nameKk: o.nameKk ?? names.kk ?? o.nameRu,
    nameEn: names.en ?? o.nameRu,
    seatRu: o.seatCity,
    seatKk: seat.kk ?? o.seatCity,
    seatEn: seat.en ?? o.seatCity,
    timeZone: o.ianaTz,
    validFrom: o.validFrom ?? null,
    validTo: null,
    authorized,
    // Item 1 of the Order authorizes the Russian offices from its date; a Kazakh office from its creation.
    authorizedFrom: party === 'RU' && authorized ? ORDER_DATE : (o.validFrom ?? null),
    listedInOrderItem1: o.listedInOrder136Item1 ?? false,
    regionCode: o.regionIso3166_2 ?? null,
    // The reference data's research notes stay in its file: an office's notes are the coordinator's own.
    notes: null,
  };
}

/**
 * Loads the bundled reference data once. Later runs find the version mark and do nothing, so
 * what coordinators edit in the UI is never overwritten by a restart. Each office is hosted as the
 * node says (domain/node.ts initialHosting): on a one-Party node the other Party's offices start off
 * the system.
 */
export async function seedReferenceData(db: Db, now: Date = new Date(), node: NodeParty = 'both'): Promise<{ loaded: boolean }> {
  return db.transaction(async (tx) => {
    await lockStartupWork(tx);
    const [mark] = await tx.select().from(appMeta).where(eq(appMeta.key, META_KEY));
    if (mark) return { loaded: false };

    const rows: (typeof offices.$inferInsert)[] = [
      ...referenceData.coordinatingUnits.map((u) =>
        officeRow(u as RawOffice, member(PARTIES, u.side, 'Party'), u.code.endsWith('-GP') ? 'leadership' : 'coordinator', false),
      ),
      ...referenceData.russianOffices.map((o) =>
        officeRow(o as RawOffice, 'RU', member(OFFICE_KINDS, o.kind, 'office kind'), o.listedInOrder136Item1 === true),
      ),
      ...referenceData.kazakhOffices.map((o) => officeRow(o as RawOffice, 'KZ', member(OFFICE_KINDS, o.kind, 'office kind'), true)),
    ].map((r) => ({ ...r, hosting: initialHosting(node, r.party), createdAt: now, updatedAt: now }));
    const inserted = await tx.insert(offices).values(rows).onConflictDoNothing({ target: offices.code }).returning({ id: offices.id, code: offices.code });
    const all = await tx.select({ id: offices.id, code: offices.code }).from(offices);
    const idOf = new Map(all.map((o) => [o.code, o.id]));

    const pairingRows = referenceData.pairings.map((p) => ({
      ruOfficeId: idOf.get(p.ru)!,
      kzOfficeId: idOf.get(p.kz)!,
      basis: member(PAIRING_BASES, p.basis, 'pairing basis'),
      certainty: member(CERTAINTIES, p.certainty, 'certainty'),
      validFrom: (p as { validFrom?: string }).validFrom ?? null,
      validTo: null,
      active: p.activeByDefault,
      // The reference data's research notes stay in its file: the note is the coordinator's own.
      note: null,
      createdAt: now,
      updatedAt: now,
    }));
    // Only pairings between offices inserted now: an installation that already had offices keeps its own.
    const fresh = new Set(inserted.map((o) => o.id));
    const newPairings = pairingRows.filter((p) => fresh.has(p.ruOfficeId) || fresh.has(p.kzOfficeId));
    if (newPairings.length) await tx.insert(pairings).values(newPairings);

    const basisRows = referenceData.legalBasis.map((d) => {
      const t = basisTitles[d.code] ?? {};
      const raw = d as { party?: string; amends?: string; implements?: string };
      return {
        code: d.code,
        kind: member(LEGAL_BASIS_KINDS, d.kind, 'legal basis kind'),
        titleRu: d.titleRu,
        titleKk: t.kk ?? d.titleRu,
        titleEn: t.en ?? d.titleRu,
        party: raw.party ? member(PARTIES, raw.party, 'Party') : null,
        signedOn: d.signedAt,
        inForceFrom: d.inForceFrom,
        inForceTo: null,
        parentCode: raw.amends ?? raw.implements ?? null,
        // Direct exchange between border offices rests on the 2022 Protocol (its Art. 2).
        enablesDirectExchange: d.kind === 'protocol',
        notes: (d as { term?: string }).term ?? null,
        createdAt: now,
        updatedAt: now,
      };
    });
    await tx.insert(legalBasis).values(basisRows).onConflictDoNothing({ target: legalBasis.code });
    await tx.insert(appMeta).values({ key: META_KEY, value: REFERENCE_DATA_VERSION, updatedAt: now });
    return { loaded: true };
  });
}
