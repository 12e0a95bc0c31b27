import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/access.ts';
import { LOCALES } from '../../domain/schemas/common.ts';
import { guideAnchors, guideRule, guideSection, GUIDE_IMAGES, GUIDE_PATH, GUIDE_SECTIONS } from './sections.ts';

/** The guides that exist (guide.<lang>.md), the app's routes, and the pictures under web/public (names only). */
const guideFiles = import.meta.glob<string>('./guide.*.md', { eager: true, query: '?raw', import: 'default' });
const guides = Object.fromEntries(Object.entries(guideFiles).map(([file, text]) => [/guide\.([a-z]+)\.md$/.exec(file)![1]!, text]));
const appSource = Object.values(import.meta.glob<string>('../App.tsx', { eager: true, query: '?raw', import: 'default' }))[0] ?? '';
const publicFiles = new Set(Object.keys(import.meta.glob('../public/help/**/*.png')).map((f) => f.slice('../public'.length)));

/** The app's routes under the layout, as addresses with sample values for the parameters. */
const routes = [...appSource.matchAll(/<Route path="([^"]+)"/g)]
  .map((m) => m[1]!)
  .filter((p) => p !== '*' && p !== '/login')
  .map((p) => `/${p.replace(':id', '0f7d3f2e-1c1a-4c55-9a51-3d8f7a0c1b2e').replace(':officeCode', 'RU-ORE').replace(':year', '2026')}`);

describe('the user guide', () => {
  it('exists in Russian, Kazakh and English, and only in languages of the UI', () => {
    expect(Object.keys(guides)).toEqual(expect.arrayContaining(['ru', 'kk', 'en']));
    for (const lang of Object.keys(guides)) expect(LOCALES).toContain(lang);
  });

  it('finds the routes of web/App.tsx', () => {
    expect(routes).toEqual(expect.arrayContaining(['/items/incoming', '/items/0f7d3f2e-1c1a-4c55-9a51-3d8f7a0c1b2e', '/annual/RU-ORE/2026/items', GUIDE_PATH]));
  });

  it('every route of the app has its section, for every role, and that section is an anchor of every guide', () => {
    for (const route of [...routes, '/']) {
      expect(guideRule(route), `no guide rule for ${route}`).toBeDefined();
      for (const role of ROLES) {
        const section = guideSection(route, [role]);
        for (const [lang, text] of Object.entries(guides))
          expect(guideAnchors(text), `${route} (${role}) → #${section} in guide.${lang}.md`).toContain(section);
      }
    }
  });

  it('every section a page can open is an anchor of every guide', () => {
    for (const [lang, text] of Object.entries(guides)) {
      const anchors = guideAnchors(text);
      expect(
        GUIDE_SECTIONS.filter((s) => !anchors.includes(s)),
        lang,
      ).toEqual([]);
    }
  });

  it('the guides have the same sections in the same order, each anchor once', () => {
    const ru = guideAnchors(guides.ru!);
    expect(new Set(ru).size).toBe(ru.length);
    for (const [lang, text] of Object.entries(guides)) expect(guideAnchors(text), lang).toEqual(ru);
  });

  it('every link within a guide leads to one of its anchors', () => {
    for (const [lang, text] of Object.entries(guides)) {
      const anchors = guideAnchors(text);
      const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(0);
      expect(
        links.filter((l) => !anchors.includes(l)),
        lang,
      ).toEqual([]);
    }
  });

  it('every picture a guide shows exists in web/public, in the guide’s own language folder', () => {
    for (const [lang, text] of Object.entries(guides)) {
      const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
      expect(images.length, lang).toBeGreaterThan(5);
      for (const src of images) {
        expect(src.startsWith(`${GUIDE_IMAGES}/${lang}/`), `${lang}: ${src}`).toBe(true);
        expect(publicFiles.has(src), `${lang}: ${src} is missing`).toBe(true);
      }
    }
  });

  it('the pictures are the same set in every language', () => {
    const names = (lang: string) => [...guides[lang]!.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!.split('/').at(-1));
    for (const lang of Object.keys(guides)) expect(names(lang), lang).toEqual(names('ru'));
  });
});
