import { describe, expect, it } from 'vitest';
import { attestationFits, signatureVerdict, type SignatureAttestation } from './signatures.ts';

const attested = (result: 'valid' | 'invalid'): SignatureAttestation => ({
  signatureId: 's1',
  keyId: 'k1',
  algorithm: 'GOST3410-2012-256',
  contentHash: 'h1',
  result,
  checkedAt: '2026-03-02T05:00:00.000Z',
  node: 'kz-node',
});

describe('signature verdict (A-6.4, issue 12)', () => {
  it('A-6.4 a node with a provider for the algorithm verifies itself; a peer attestation that agrees changes nothing', () => {
    expect(signatureVerdict({ contentMatches: true, local: 'valid', attestation: null })).toEqual({
      status: 'valid',
      verifiedBy: 'this_node',
      disagreement: false,
    });
    expect(signatureVerdict({ contentMatches: true, local: 'valid', attestation: attested('valid') })).toEqual({
      status: 'valid',
      verifiedBy: 'this_node',
      disagreement: false,
    });
    expect(signatureVerdict({ contentMatches: true, local: 'invalid', attestation: null })).toMatchObject({ status: 'invalid', verifiedBy: 'this_node' });
  });

  it('A-6.4 this node’s check and the attested one disagree: invalid, whichever said valid', () => {
    expect(signatureVerdict({ contentMatches: true, local: 'valid', attestation: attested('invalid') })).toEqual({
      status: 'invalid',
      verifiedBy: 'this_node',
      disagreement: true,
    });
    expect(signatureVerdict({ contentMatches: true, local: 'invalid', attestation: attested('valid') })).toEqual({
      status: 'invalid',
      verifiedBy: 'this_node',
      disagreement: true,
    });
  });

  it('A-6.4 without a provider the status is the sending node’s attested one, marked as such; without an attestation too: unverifiable', () => {
    expect(signatureVerdict({ contentMatches: true, local: null, attestation: attested('valid') })).toEqual({
      status: 'valid',
      verifiedBy: 'peer_node',
      disagreement: false,
    });
    expect(signatureVerdict({ contentMatches: true, local: null, attestation: attested('invalid') })).toMatchObject({
      status: 'invalid',
      verifiedBy: 'peer_node',
    });
    expect(signatureVerdict({ contentMatches: true, local: null, attestation: null })).toEqual({
      status: 'unverifiable',
      verifiedBy: null,
      disagreement: false,
    });
  });

  it('A-6.4 content changed here after signing is invalid by this node’s own hash check, whatever the attestation says', () => {
    expect(signatureVerdict({ contentMatches: false, local: null, attestation: attested('valid') })).toEqual({
      status: 'invalid',
      verifiedBy: 'this_node',
      disagreement: false,
    });
  });

  it('an attestation fits only the signature it names, with its key, algorithm and content', () => {
    const s = { id: 's1', keyId: 'k1', algorithm: 'GOST3410-2012-256', contentHash: 'h1' };
    expect(attestationFits(attested('valid'), s)).toBe(true);
    expect(attestationFits(attested('valid'), { ...s, contentHash: 'h2' })).toBe(false);
    expect(attestationFits(attested('valid'), { ...s, keyId: 'k2' })).toBe(false);
    expect(attestationFits(attested('valid'), { ...s, algorithm: 'Ed25519' })).toBe(false);
  });
});
