import type { Role } from '../../domain/access.ts';
import type { Db } from '../db/client.ts';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { offices } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/index.ts';

/** The password of every fixture user (12+ characters, as the policy requires). */
export const FIXTURE_PASSWORD = 'Fixture-Password-2026!';

/**
 * Fixture users baked into the test template database. Orenburg (RU-ORE) is paired with Aktobe
 * (KZ-AKT); Omsk (RU-OMS) and East Kazakhstan (KZ-VOS) are foreign offices to both.
 */
export const FIXTURE_USERS = {
  admin: { office: 'RU-GP-GUMPS', roles: ['admin'], fullName: 'Администратор Системы' },
  gumps: { office: 'RU-GP-GUMPS', roles: ['coordinator'], fullName: 'Координаторов Иван Петрович' },
  dms: { office: 'KZ-GP-DMS', roles: ['coordinator'], fullName: 'Үйлестіруші Асқар' },
  leader: { office: 'RU-GP', roles: ['leadership'], fullName: 'Руководитель Пётр Сергеевич' },
  auditor: { office: 'RU-GP-GUMPS', roles: ['auditor'], fullName: 'Аудиторова Мария Ивановна' },
  kzAuditor: { office: 'KZ-GP-DMS', roles: ['auditor'], fullName: 'Тексерушева Айгүл Маратқызы' },
  oreHead: { office: 'RU-ORE', roles: ['head'], fullName: 'Прокуроров Олег Викторович' },
  oreDeputy: { office: 'RU-ORE', roles: ['deputy_head'], fullName: 'Заместителев Антон Павлович' },
  oreOfficer: { office: 'RU-ORE', roles: ['officer'], fullName: 'Исполнителева Анна Сергеевна' },
  omsOfficer: { office: 'RU-OMS', roles: ['officer'], fullName: 'Омский Дмитрий Олегович' },
  aktOfficer: { office: 'KZ-AKT', roles: ['officer'], fullName: 'Серикбаев Нурлан Ерланович' },
  aktHead: { office: 'KZ-AKT', roles: ['head'], fullName: 'Жумабеков Ерлан Маратович' },
  vosOfficer: { office: 'KZ-VOS', roles: ['officer'], fullName: 'Оспанов Талгат Серикович' },
} satisfies Record<string, { office: string; roles: Role[]; fullName: string }>;
export type FixtureUser = keyof typeof FIXTURE_USERS;

export async function insertFixtureUsers(db: Db, now: Date): Promise<void> {
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const all = await db.select({ id: offices.id, code: offices.code }).from(offices);
  const idOf = new Map(all.map((o) => [o.code, o.id]));
  // Named columns only, in plain SQL: the data-migration tests plant these users in a database of an
  // older schema, which lacks the columns added since (a user's phone…).
  for (const [login, u] of Object.entries(FIXTURE_USERS)) {
    await db.execute(sql`insert into users (id, login, full_name, email, office_id, roles, locale, password_hash, created_at, updated_at)
      values (${uuidv7()}, ${login.toLowerCase()}, ${u.fullName}, ${`${login.toLowerCase()}@example.test`}, ${idOf.get(u.office)!}, ${`{${u.roles.join(',')}}`}::text[], 'ru', ${passwordHash}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`);
  }
}

/** The request of the workflow journeys: Orenburg asks Aktobe about drug trafficking (official use). */
export const drugRequest = {
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: 'О предоставлении сведений о незаконном обороте наркотических средств',
  essence: 'В ходе проверки установлены факты перемещения партий синтетических наркотиков через пункт пропуска «Сагарчин».',
  purpose: 'Пресечение канала поставки наркотических средств; обоснование — материалы проверки № 12-45.',
  assistance: 'Просим сообщить сведения о лицах, задержанных в 2026 году на участке границы с Актюбинской областью.',
  form: 'crime_information',
  priorityAreas: ['drug_trafficking', 'organized_crime'],
  confidentiality: 'official_use',
  language: 'ru',
};
