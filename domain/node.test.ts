import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from './access.ts';
import {
  allowedHostings,
  bootstrapAdminOffice,
  deliveryTo,
  HOSTINGS,
  hostingAfterNodeChange,
  hostingChangeRefusal,
  hostingChanges,
  initialHosting,
  isHostedHere,
  isPeerUrl,
  NODE_PARTIES,
  userOfficeRefusal,
} from './node.ts';
import { PARTIES } from './registry.ts';

const coordinator = (party: 'RU' | 'KZ') => ({ roles: ['coordinator'] as Role[], party });
const admin = { roles: ['admin'] as Role[], party: 'RU' as const };

describe('the node a deployment is', () => {
  it('a `both` node hosts every office; a one-Party node puts the other Party off the system at first start', () => {
    for (const party of PARTIES) expect(initialHosting('both', party)).toBe('here');
    expect(initialHosting('RU', 'RU')).toBe('here');
    expect(initialHosting('RU', 'KZ')).toBe('off_system');
    expect(initialHosting('KZ', 'KZ')).toBe('here');
    expect(initialHosting('KZ', 'RU')).toBe('off_system');
  });

  it('when NODE_PARTY changes, the node’s own Party comes here, the other goes off the system unless a peer hosts it', () => {
    expect(hostingAfterNodeChange('RU', 'KZ', 'here')).toBe('off_system');
    expect(hostingAfterNodeChange('RU', 'KZ', 'peer')).toBe('peer');
    expect(hostingAfterNodeChange('RU', 'KZ', 'off_system')).toBe('off_system');
    expect(hostingAfterNodeChange('RU', 'RU', 'off_system')).toBe('here');
    for (const current of HOSTINGS) expect(hostingAfterNodeChange('both', 'KZ', current)).toBe('here');
  });

  it('whatever the history, the hosting a node starts with or switches to is one it allows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NODE_PARTIES), fc.constantFrom(...PARTIES), fc.constantFrom(...HOSTINGS), (node, party, current) => {
        expect(allowedHostings(node, party)).toContain(initialHosting(node, party));
        expect(allowedHostings(node, party)).toContain(hostingAfterNodeChange(node, party, current));
      }),
    );
  });

  it('a one-Party node hosts its own Party and never the other; `both` has no peer', () => {
    expect(allowedHostings('RU', 'RU')).toEqual(['here']);
    expect(allowedHostings('RU', 'KZ')).toEqual(['peer', 'off_system']);
    expect(allowedHostings('both', 'KZ')).toEqual(['here', 'off_system']);
  });

  it('A-5.2 a coordinator changes the hosting of its own Party’s offices, an administrator any office', () => {
    const base = { node: 'both' as const, office: { party: 'KZ' as const }, to: 'off_system' as const, activeUsers: 0 };
    expect(hostingChangeRefusal({ ...base, actor: coordinator('KZ') })).toBeNull();
    expect(hostingChangeRefusal({ ...base, actor: coordinator('RU') })).toEqual({ code: 'FORBIDDEN' });
    expect(hostingChangeRefusal({ ...base, actor: admin })).toBeNull();
    expect(hostingChangeRefusal({ ...base, actor: { roles: ['head', 'officer'], party: 'KZ' } })).toEqual({ code: 'FORBIDDEN' });
  });

  it('refuses what the node does not allow, and an office whose users would be locked out', () => {
    expect(hostingChangeRefusal({ node: 'RU', actor: admin, office: { party: 'KZ' }, to: 'here', activeUsers: 0 })).toEqual({
      code: 'HOSTING_NOT_ALLOWED',
      allowed: ['peer', 'off_system'],
    });
    expect(hostingChangeRefusal({ node: 'RU', actor: coordinator('RU'), office: { party: 'RU' }, to: 'off_system', activeUsers: 0 })).toMatchObject({
      code: 'HOSTING_NOT_ALLOWED',
    });
    expect(hostingChangeRefusal({ node: 'both', actor: admin, office: { party: 'KZ' }, to: 'peer', activeUsers: 0 })).toMatchObject({
      code: 'HOSTING_NOT_ALLOWED',
    });
    expect(hostingChangeRefusal({ node: 'both', actor: admin, office: { party: 'KZ' }, to: 'off_system', activeUsers: 2 })).toEqual({
      code: 'OFFICE_HAS_ACTIVE_USERS',
      users: 2,
    });
    expect(hostingChangeRefusal({ node: 'RU', actor: admin, office: { party: 'KZ' }, to: 'peer', activeUsers: 0 })).toBeNull();
  });

  it('users belong to offices hosted here; anything addressed elsewhere goes by letter', () => {
    expect(userOfficeRefusal({ hosting: 'here' })).toBeNull();
    expect(userOfficeRefusal({ hosting: 'peer' })).toBe('OFFICE_NOT_HOSTED_HERE');
    expect(userOfficeRefusal({ hosting: 'off_system' })).toBe('OFFICE_NOT_HOSTED_HERE');
    expect(isHostedHere({ hosting: 'here' })).toBe(true);
    expect(deliveryTo({ hosting: 'here' })).toBe('in_app');
    expect(deliveryTo({ hosting: 'off_system' })).toBe('letter');
    expect(deliveryTo({ hosting: 'peer' })).toBe('letter');
  });

  it('A-5.2 the first administrator belongs to the node’s own coordinating unit', () => {
    expect(bootstrapAdminOffice('KZ')).toBe('KZ-GP-DMS');
    expect(bootstrapAdminOffice('RU')).toBe('RU-GP-GUMPS');
    expect(bootstrapAdminOffice('both')).toBe('RU-GP-GUMPS');
  });

  it('security: a peer is reached over https only, with no credentials in its address', () => {
    expect(isPeerUrl('https://node.prokuror.kz')).toBe(true);
    expect(isPeerUrl('https://10.1.2.3:8443/bc')).toBe(true);
    expect(isPeerUrl('http://node.prokuror.kz')).toBe(false);
    expect(isPeerUrl('https://user:secret@node.prokuror.kz')).toBe(false);
    expect(isPeerUrl('https://node.prokuror.kz/?token=1')).toBe(false);
    expect(isPeerUrl('node.prokuror.kz')).toBe(false);
    expect(isPeerUrl('javascript:alert(1)')).toBe(false);
  });

  it('A-5.3 a hosting change is recorded field by field, old → new', () => {
    expect(hostingChanges({ hosting: 'off_system', peer: null }, { hosting: 'peer', peer: { name: 'Узел РК', url: 'https://kz.example' } })).toEqual([
      { field: 'hosting', old: 'off_system', new: 'peer' },
      { field: 'peerName', old: null, new: 'Узел РК' },
      { field: 'peerUrl', old: null, new: 'https://kz.example' },
    ]);
    expect(
      hostingChanges({ hosting: 'peer', peer: { name: 'A', url: 'https://a.example' } }, { hosting: 'peer', peer: { name: 'A', url: 'https://b.example' } }),
    ).toEqual([{ field: 'peerUrl', old: 'https://a.example', new: 'https://b.example' }]);
    expect(hostingChanges({ hosting: 'here', peer: null }, { hosting: 'here', peer: null })).toEqual([]);
  });
});
