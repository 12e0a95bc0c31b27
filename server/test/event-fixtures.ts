/** Events as the tests propose them (not a test file: importing it runs no tests). */

/** A seminar in Aktobe with the Aktobe office, as the Orenburg office would propose it. */
export const seminar = {
  type: 'seminar',
  venue: 'abroad',
  form: 'experience_exchange',
  title: 'Противодействие незаконному обороту наркотиков на российско-казахстанской границе',
  country: 'Казахстан',
  city: 'Актобе',
  timeZone: 'Asia/Aqtobe',
  startsLocal: '2026-04-14T10:00',
  endsLocal: '2026-04-15T17:00',
  counterpartOfficeCodes: ['KZ-AKT'],
  participants: [
    { side: 'own', fullName: 'Заместителев Антон Павлович', position: 'заместитель прокурора области' },
    { side: 'counterpart', fullName: 'Жумабеков Ерлан Маратович', position: 'прокурор Актюбинской области' },
  ],
  agenda: '1. Обмен опытом выявления каналов поставки синтетических наркотиков. 2. Согласование порядка обмена сведениями.',
  priorityAreas: ['drug_trafficking', 'organized_crime'],
};
