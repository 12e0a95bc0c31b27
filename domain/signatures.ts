/**
 * issue 12: whose check a document signature's status rests on. A node verifies a signature
 * itself with the provider for its key's algorithm; a node without one (a GOST R 34.10-2012 key on
 * a node with no certified GOST provider) relies on the sending node's attestation of its own check,
 * which travels inside the signed envelope — and says so. Never a silent «valid».
 */

export type SignatureCheck = 'valid' | 'invalid';

/** The sending node's statement of its check of one signature, inside the envelope its node keys sign. */
export interface SignatureAttestation {
  signatureId: string;
  keyId: string;
  algorithm: string;
  /** SHA-256 of the canonical content that was signed. */
  contentHash: string;
  result: SignatureCheck;
  checkedAt: string;
  /** The node that checked (the envelope's sender). */
  node: string;
}

/** As the receiving node keeps it, with the message that brought it. */
export interface ReceivedAttestation extends SignatureAttestation {
  messageId: string;
  receivedAt: string;
}

export type SignatureStatus = 'valid' | 'invalid' | 'unverifiable';
export type VerifiedBy = 'this_node' | 'peer_node';

export interface SignatureVerdict {
  status: SignatureStatus;
  /** Whose check the status rests on; null: nobody could check it. */
  verifiedBy: VerifiedBy | null;
  /** This node's check and the sending node's attested one differ (raised as an exchange alert). */
  disagreement: boolean;
}

/** An attestation of exactly this signature: same key, algorithm and signed content. */
export const attestationFits = (a: SignatureAttestation, s: { id: string; keyId: string; algorithm: string; contentHash: string }): boolean =>
  a.signatureId === s.id && a.keyId === s.keyId && a.algorithm === s.algorithm && a.contentHash === s.contentHash;

/**
 * The status of a signature on this node. `contentMatches`: the content and files stored here hash
 * to what was signed (and the signature is not voided) — checked here whatever the algorithm.
 * `local`: this node's own cryptographic check, null when it has no provider for the algorithm.
 * `attestation`: the sending node's attested check of this very signature, if one came.
 */
export function signatureVerdict(input: { contentMatches: boolean; local: SignatureCheck | null; attestation: SignatureAttestation | null }): SignatureVerdict {
  const { contentMatches, local, attestation } = input;
  if (!contentMatches) return { status: 'invalid', verifiedBy: 'this_node', disagreement: false };
  if (local !== null) {
    const disagreement = attestation !== null && attestation.result !== local;
    return { status: disagreement ? 'invalid' : local, verifiedBy: 'this_node', disagreement };
  }
  if (attestation === null) return { status: 'unverifiable', verifiedBy: null, disagreement: false };
  return { status: attestation.result, verifiedBy: 'peer_node', disagreement: false };
}
