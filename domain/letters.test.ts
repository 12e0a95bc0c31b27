import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from './item-status.ts';
import {
  ALL_LETTER_ACTIONS,
  dispatchIssue,
  LETTER_ACTIONS,
  letterIssues,
  letterNeedsSigner,
  offSystemSide,
  receivedLetterIssues,
  type LetterRef,
} from './letters.ts';
import { LETTER_ACTION_BODIES } from './schemas/item-actions.ts';

const letter = (over: Partial<LetterRef> = {}): LetterRef => ({
  channel: 'email',
  number: '17-05/1',
  date: '2026-03-02',
  signerName: 'Ахметов С.',
  signerPosition: 'прокурор',
  ...over,
});
const rules = (issues: { field: string; rule: string }[]) => issues.map((i) => `${i.field}:${i.rule}`);

describe('counterparts off the system: their letters', () => {
  it('issue 10 a letter carries only the counterpart’s own actions of its side, each with its body', () => {
    for (const [side, actions] of Object.entries(LETTER_ACTIONS)) {
      // a consent is decided by whichever side provided the information; the rest are the machine's moves of that side.
      for (const a of actions.filter((x) => x !== 'consent_decision'))
        expect(
          TRANSITIONS.some((t) => t.action === a && t.side === side),
          `${side} ${a}`,
        ).toBe(true);
    }
    expect(Object.keys(LETTER_ACTION_BODIES).sort()).toEqual([...ALL_LETTER_ACTIONS].sort());
    // Its internal steps are its own record, not ours.
    expect(ALL_LETTER_ACTIONS).not.toContain('assign');
    expect(ALL_LETTER_ACTIONS).not.toContain('sign');
  });

  it('A-6.4 a decision only a head or deputy takes comes in a letter that names its signer', () => {
    expect(letterNeedsSigner('record_outcome')).toBe(true);
    expect(letterNeedsSigner('withdraw')).toBe(true);
    expect(letterNeedsSigner('register')).toBe(false);
    expect(letterNeedsSigner('consent_decision')).toBe(true);
    expect(rules(letterIssues(letter({ signerName: null, signerPosition: ' ' }), 'record_outcome', 'receiver', '2026-03-02', 1))).toEqual([
      'signerName:required',
      'signerPosition:required',
    ]);
    expect(letterIssues(letter({ signerName: null }), 'register', 'receiver', '2026-03-02', 1)).toEqual([]);
  });

  it('A-6.2 a letter has its number, a date not after today and its scan; a call carries a consultation only', () => {
    expect(rules(letterIssues(letter({ number: '' }), 'register', 'receiver', '2026-03-02', 1))).toEqual(['number:required']);
    expect(rules(letterIssues(letter({ date: '2026-03-03' }), 'register', 'receiver', '2026-03-02', 1))).toEqual(['date:not_in_future']);
    expect(rules(letterIssues(letter(), 'register', 'receiver', '2026-03-02', 0))).toEqual(['scans:required']);
    expect(letterIssues(letter({ channel: 'phone', number: null }), 'message', 'receiver', '2026-03-02', 0)).toEqual([]);
    expect(rules(letterIssues(letter({ channel: 'phone', number: null }), 'register', 'receiver', '2026-03-02', 0))).toEqual(['channel:letter_in_writing']);
    expect(rules(letterIssues(letter(), 'register', 'sender', '2026-03-02', 1))).toEqual(['action:letter_action']);
    expect(rules(receivedLetterIssues(letter({ signerPosition: null }), '2026-03-02', 1))).toEqual(['signerPosition:required']);
  });

  it('issue 10 the counterpart off the system is the end of the item not hosted here; our letter to it says how it went', () => {
    expect(offSystemSide({ from: { hosting: 'here' }, to: { hosting: 'off_system' } })).toBe('receiver');
    expect(offSystemSide({ from: { hosting: 'off_system' }, to: { hosting: 'here' } })).toBe('sender');
    // Issue 12: an office at a peer node acts in the system, through the exchange: no letters recorded for it, none dispatched to it.
    expect(offSystemSide({ from: { hosting: 'peer' }, to: { hosting: 'here' } })).toBeNull();
    expect(dispatchIssue({ hosting: 'peer' }, undefined)).toBeNull();
    expect(dispatchIssue({ hosting: 'peer' }, 'email')?.rule).toBe('dispatch_not_needed');
    expect(offSystemSide({ from: { hosting: 'here' }, to: { hosting: 'here' } })).toBeNull();
    expect(dispatchIssue({ hosting: 'off_system' }, undefined)?.rule).toBe('dispatch_required');
    expect(dispatchIssue({ hosting: 'here' }, 'email')?.rule).toBe('dispatch_not_needed');
    expect(dispatchIssue({ hosting: 'off_system' }, 'fax')).toBeNull();
  });
});
