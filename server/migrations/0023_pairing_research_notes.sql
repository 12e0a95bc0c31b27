-- The pairings' note was loaded with the reference data's English research notes; it is the coordinator's
-- own note now. Clear the notes still equal to a research note (a coordinator's edit stays).
UPDATE "pairings" SET "note" = NULL WHERE "note" IN (
  'After 2022-06-08 the Borodulikha/Beskaragay stretch belongs to Abai region. Before that date this counterpart was East Kazakhstan.',
  'Akhtubinsky district ↔ Bokey Orda district; verify.',
  'Altai Republic borders only the (post-2022) East Kazakhstan region.',
  'Astrakhan–Atyrau rail/road; uncertain.',
  'Chelyabinsk/Kurgan/Orenburg (South-Ural railway) crossings; uncertain.',
  'Eastern part of the Altai Krai border (Zmeinogorsk/Tretyakovo area ↔ Shemonaikha/Ridder areas).',
  'Kurgan–Petropavl (South-Ural railway passes through North Kazakhstan); uncertain.',
  'Lokot–Semey rail (Turksib); uncertain.',
  'Named explicitly in order No.136 item 1.',
  'Omsk–Petropavl rail; zone split with Ural transport uncertain.',
  'Order item 1 lets every listed office contact the KZ Main Transport Prosecutor''s Office; practical relevance (e.g. Volga–Caspian shipping) uncertain.',
  'Orsk/Orenburg–Aktobe rail; Orsk transport office is under Ural transport prosecutor.',
  'Rubtsovsk–Oskemen/Ridder rail; uncertain.',
  'Samara–Oral (Kuibyshev railway); uncertain.',
  'Saratov/Volgograd crossings (Privolzhskaya railway); uncertain.',
  'Short border segment; verify.',
  'Volga delta / Kigach distributary forms part of Astrakhan–Atyrau border; Kazakhstan has no dedicated Volga environmental prosecutor — counterpart assumed to be the oblast prosecutor''s office.',
  'Volga-basin regions (Volgograd, Saratov, Samara, Astrakhan) border West Kazakhstan; transboundary rivers there are mostly Ural/Caspian-basin, so relevance is uncertain.',
  'Zone overlap assumed (Omsk/Novosibirsk/Altai rail crossings).'
);
