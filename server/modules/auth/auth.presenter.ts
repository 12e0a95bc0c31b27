import type { NodeParty } from '../../../domain/node.ts';
import type { SessionUser } from '../../../domain/schemas/auth.ts';
import type { OfficeRow, UserRow } from './auth.repository.ts';

export function presentSessionUser(user: UserRow, office: OfficeRow, nodeParty: NodeParty): SessionUser {
  return {
    id: user.id,
    login: user.login,
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    locale: user.locale,
    roles: user.roles,
    mustChangePassword: user.mustChangePassword,
    office: {
      id: office.id,
      code: office.code,
      party: office.party,
      kind: office.kind,
      name: { ru: office.nameRu, kk: office.nameKk, en: office.nameEn },
      timeZone: office.timeZone,
    },
    nodeParty,
  };
}
