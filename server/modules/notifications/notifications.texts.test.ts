import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { translate } from '../../lib/i18n.ts';
import { NOTIFICATION_KINDS } from './notifications.service.ts';

describe('notification texts', () => {
  it('every notification kind has an in-app text and an e-mail subject and body in Russian, Kazakh and English', () => {
    const missing: string[] = [];
    for (const lng of LOCALES) {
      for (const kind of NOTIFICATION_KINDS) {
        for (const key of [`notifications:kinds.${kind}`, `notifications:email.${kind}.subject`, `notifications:email.${kind}.text`]) {
          const text = translate(lng, key, { officeName: 'X', number: 1, code: 'C' });
          if (!text || text === key || text.endsWith(key.split(':')[1]!)) missing.push(`${lng} ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
