import type { Deps } from '../../lib/deps.ts';
import { sha256Hex, signJws, verifyJws } from './exchange.envelope.ts';
import { signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';

/**
 * The requests around the messages (file checks and uploads, gap requests) carry a signed proof in
 * `x-bc-proof`: this node, to that node, for this purpose, this body's SHA-256, now. The messages
 * themselves are signed envelopes and need none.
 */
export const PROOF_TYPE = 'bc-proof+json';
const SKEW_MS = 10 * 60_000;

interface Proof {
  v: 1;
  type: 'proof';
  node: string;
  to: string;
  purpose: string;
  digest: string;
  at: string;
}

/** A signed statement that this node sends this body for this purpose now (header `x-bc-proof`). */
export async function peerProof(deps: Deps, to: string, purpose: string, body: string | Buffer): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const proof: Proof = { v: 1, type: 'proof', node: deps.config.exchange.nodeId, to, purpose, digest: sha256Hex(body), at: deps.clock.now().toISOString() };
    return Buffer.from(signJws(proof, await signingKeys(deps, tx), deps.signer, PROOF_TYPE).jws).toString('base64url');
  });
}

export async function checkProof(deps: Deps, header: unknown, purpose: string, body: string | Buffer): Promise<repo.PeerRow | null> {
  if (typeof header !== 'string' || header.length > 20_000) return null;
  let text: string;
  let node: string;
  try {
    text = Buffer.from(header, 'base64url').toString('utf8');
    node = String(JSON.parse(Buffer.from(JSON.parse(text).payload, 'base64url').toString('utf8')).node);
  } catch {
    return null;
  }
  const peer = await repo.findPeer(deps.db, { nodeId: node });
  if (!peer) return null;
  const v = await verifyJws<Proof>(text, peer.keys, PROOF_TYPE);
  if (!v.ok) return null;
  const p = v.value.payload;
  const skew = Math.abs(Date.parse(p.at) - deps.clock.now().getTime());
  if (p.to !== deps.config.exchange.nodeId || p.purpose !== purpose || p.digest !== sha256Hex(body) || !(skew <= SKEW_MS)) return null;
  return peer;
}
