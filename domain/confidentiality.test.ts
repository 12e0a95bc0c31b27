import { describe, expect, it } from 'vitest';
import { attachmentLevel, highestLevel, levelChangeRefusal, mayReadPiece, readIsAudited, type ReaderRelation } from './confidentiality.ts';
import { CONFIDENTIALITY_LEVELS } from './items.ts';

const viewer = (over: Partial<ReaderRelation>): ReaderRelation => ({ side: null, head: false, routedAddressee: false, assigned: false, ...over });

describe('confidentiality of each piece of information', () => {
  it('A-9.1 a restricted piece is read by the assigned users, the heads of the two offices and the coordinator deciding a routed matter only', () => {
    expect(mayReadPiece('restricted', viewer({ side: 'sender', assigned: true }))).toBe(true);
    expect(mayReadPiece('restricted', viewer({ side: 'receiver', head: true }))).toBe(true);
    expect(mayReadPiece('restricted', viewer({ side: 'receiver', routedAddressee: true }))).toBe(true);
    expect(mayReadPiece('restricted', viewer({ side: 'sender' }))).toBe(false); // an unassigned officer
    expect(mayReadPiece('restricted', viewer({ side: 'receiver' }))).toBe(false);
    expect(mayReadPiece('restricted', viewer({ head: true }))).toBe(false); // a head of another office (or an overseeing coordinator)
    expect(mayReadPiece('restricted', viewer({}))).toBe(false);
  });

  it('A-9.1 open and «official use» pieces are read by everyone who may see the item; reads of those not open are audited', () => {
    for (const level of ['open', 'official_use'] as const) expect(mayReadPiece(level, viewer({}))).toBe(true);
    expect(CONFIDENTIALITY_LEVELS.filter(readIsAudited)).toEqual(['official_use', 'restricted']);
  });

  it('A-9.2 the highest level of an item; a file is never below the piece it belongs to', () => {
    expect(highestLevel()).toBe('open');
    expect(highestLevel('open', null, 'official_use', undefined)).toBe('official_use');
    expect(highestLevel('official_use', 'restricted', 'open')).toBe('restricted');
    expect(attachmentLevel('open', 'official_use')).toBe('official_use');
    expect(attachmentLevel('restricted', 'official_use')).toBe('restricted');
    expect(attachmentLevel('official_use', null)).toBe('official_use');
  });

  it('A-9.2 only the providing side sets a level; once given it is raised, never lowered', () => {
    const base = { provider: 'receiver' as const, current: 'official_use' as const, provided: true };
    expect(levelChangeRefusal({ ...base, actor: 'sender', requested: 'restricted' })).toBe('SET_BY_PROVIDER');
    expect(levelChangeRefusal({ ...base, actor: null, requested: 'restricted' })).toBe('SET_BY_PROVIDER');
    expect(levelChangeRefusal({ ...base, actor: 'receiver', requested: 'open' })).toBe('CANNOT_BE_LOWERED');
    expect(levelChangeRefusal({ ...base, actor: 'receiver', requested: 'restricted' })).toBeNull();
    expect(levelChangeRefusal({ ...base, actor: 'receiver', requested: 'open', provided: false })).toBeNull(); // a draft is still the provider's to decide
    expect(levelChangeRefusal({ ...base, actor: 'receiver', current: 'restricted', requested: 'official_use', provided: false, floor: 'restricted' })).toBe(
      'BELOW_PIECE',
    );
  });
});
