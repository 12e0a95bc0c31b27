import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forkWinner, type ForkAction } from './forks.ts';

const action = fc.record({ id: fc.uuid(), at: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }) });

describe('forks', () => {
  it('A-5.1 both nodes pick the same winner whatever the order they see the two actions in', () => {
    fc.assert(
      fc.property(action, action, (a, b) => {
        expect(forkWinner(a, b)).toEqual(forkWinner(b, a));
      }),
    );
  });

  it('A-5.1 the action taken first stays; an exact tie goes to the smaller id', () => {
    const early: ForkAction = { id: 'ffff', at: new Date('2026-03-01T10:00:00Z') };
    const late: ForkAction = { id: '0000', at: '2026-03-01T10:00:00.001Z' };
    expect(forkWinner(late, early)).toBe(early);
    const twin: ForkAction = { id: 'aaaa', at: '2026-03-01T10:00:00.000Z' };
    expect(forkWinner(early, twin)).toBe(twin);
  });
});
