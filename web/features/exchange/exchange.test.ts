import { describe, expect, it } from 'vitest';
import { ageParts } from './useExchange.ts';

describe('the age of the oldest waiting message', () => {
  it('is told in its largest whole unit: minutes under an hour, hours under two days, then days', () => {
    expect(ageParts(59)).toEqual({ unit: 'minutes', n: 0 });
    expect(ageParts(3599)).toEqual({ unit: 'minutes', n: 59 });
    expect(ageParts(3600)).toEqual({ unit: 'hours', n: 1 });
    expect(ageParts(47 * 3600 + 3599)).toEqual({ unit: 'hours', n: 47 });
    expect(ageParts(48 * 3600)).toEqual({ unit: 'days', n: 2 });
    expect(ageParts(10 * 86_400 + 5)).toEqual({ unit: 'days', n: 10 });
  });
});
