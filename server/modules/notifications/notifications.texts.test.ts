import { describe, expect, it } from 'vitest';
import { PARTIES } from '../../../domain/registry.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { translate } from '../../lib/i18n.ts';
import { NOTIFICATION_KINDS } from './notifications.service.ts';

describe('notification texts', () => {
  it('every notification kind has an in-app text and an e-mail subject and body in Russian, Kazakh and English', () => {
    const missing: string[] = [];
    for (const lng of LOCALES) {
      for (const context of PARTIES) {
        for (const kind of NOTIFICATION_KINDS) {
          for (const key of [`notifications:kinds.${kind}`, `notifications:email.${kind}.subject`, `notifications:email.${kind}.text`]) {
            const text = translate(lng, key, { officeName: 'X', number: 1, code: 'C', context });
            if (!text || text === key || text.endsWith(key.split(':')[1]!)) missing.push(`${lng} ${context} ${key}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("O-3.1, P-3 an e-mail names the recipient's own coordinator and legal basis: the Order for the Russian Party, the Protocol for the Kazakh one", () => {
    const vars = { officeName: 'X', year: 2026 };
    for (const lng of LOCALES) {
      expect(translate(lng, 'notifications:email.contact.changed.text', { ...vars, context: 'RU' })).toMatch(/136/);
      expect(translate(lng, 'notifications:email.contact.changed.text', { ...vars, context: 'KZ' })).not.toMatch(/136|ГУМПС/);
      expect(translate(lng, 'notifications:email.annual.due.text', { ...vars, context: 'KZ' })).not.toMatch(/136|ГУМПС|Main Directorate/);
    }
    expect(translate('ru', 'notifications:email.annual.due.text', { ...vars, context: 'KZ' })).toContain('Департамент международного сотрудничества');
  });
});
