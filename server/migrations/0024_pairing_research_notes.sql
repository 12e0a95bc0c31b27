-- The notes of pairings and offices were loaded with the reference data's English research notes; they
-- are the coordinator's own notes now. Clear the notes still equal to a research note (an edit stays).
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
);--> statement-breakpoint
UPDATE "offices" SET "notes" = NULL WHERE "notes" IN (
  'Apparatus seated in Tver; interdistrict environmental offices in 15 subjects of the Volga basin from Tver to Astrakhan region (ciarf.ru 2021; gov.cap.ru).',
  'IANA Asia/Barnaul covers Altai Krai and Altai Republic (zone1970.tab: "MSK+04 - Altai").',
  'Name as in the 2009 Agreement; the unit may have been renamed since (Art.5(3) obliges parties to notify). Kazakh name is a translation — verify.',
  'Named in order No.136 item 1. Current name/status after the 2022 Constitutional Law "On the Prosecutor''s Office" not verified. Kazakh name is a translation — verify.',
  'Region created 08.06.2022 from the western part of East Kazakhstan; did not exist when the Protocol and the Order were signed.',
  'Seat from general knowledge (verify). Zone includes Saratov region (Saratov transport prosecutor acts on its instructions, news.myseldon.com 2023; news.sarbc.ru 2015); Volgograd/Astrakhan (Privolzhskaya railway) likely — verify.',
  'Seat from general knowledge; not confirmed by a source in this research. Zone: West-Siberian railway (Omsk, Novosibirsk, Altai Krai ...) — verify.',
  'Seat inferred from press-service items about Nizhny Novgorod (niann.ru 2025-2026); verify. Saratov region is NOT in its zone (news.sarbc.ru 2015) — Samara (Kuibyshev railway) is the likely border-relevant part.',
  'Seat: Yekaterinburg (veved.ru 2026). Zone includes South-Ural railway in Orenburg region (Orsk transport prosecutor reports to it, kommersant.ru 2026), Chelyabinsk; Kurgan/Tyumen likely — verify.',
  'Territory reduced on 2022-06-08 when Abai region was split off (Semey and western districts moved to Abai). UTC+6 until 2024-03-01, UTC+5 since.',
  'UTC+6 until 2024-03-01 00:00, UTC+5 since (tzdata 2024a).',
  'UTC+6 until 2024-03-01, UTC+5 since.',
  'Volgograd was UTC+4 from 2018-10-28 to 2020-12-27; UTC+3 since, incl. all of 2022.'
);
