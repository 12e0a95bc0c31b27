/**
 * The Merkle tree of a node's exchange log: each node keeps an append-only log of what it sent to
 * and received from its peer, and the two nodes prove their logs agree the way a transparency log
 * does — a signed tree head (size + root), inclusion proofs for single records, consistency proofs
 * that a newer tree only appended to an older one.
 *
 * RFC 9162 (Certificate Transparency 2.0) §2.1 with SHA-256, bit for bit the tree of RFC 6962:
 * - §2.1.1 the tree hash: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), the
 *   left subtree holding the largest power of two smaller than the size, the empty tree SHA-256("");
 * - §2.1.3.1 / §2.1.3.2 inclusion proofs and their verification;
 * - §2.1.4.1 / §2.1.4.2 consistency proofs and their verification.
 * Sizes and indexes are JavaScript numbers (safe integers), so no bit operators (32-bit) are used.
 * A verifier answers false, never throws, on anything malformed: its input comes from the peer.
 */
import { createHash } from 'node:crypto';

const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 9162 §2.1.1: MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** MTH({d}) = SHA-256(0x00 ‖ d): the prefix keeps a leaf from passing for an inner node (second preimage). */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two strictly smaller than n (n > 1): where §2.1.1 splits a tree of n leaves. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * MTH(D[start:end]): the root of the tree over the leaf hashes in [start, end), the empty root for an
 * empty range. Iterative and linear: leaves are folded into a stack of perfect subtrees (each a power
 * of two, the sizes strictly decreasing), whose right-to-left fold is the left-balanced tree of §2.1.1.
 */
export function rootOf(leafHashes: readonly Buffer[], start = 0, end: number = leafHashes.length): Buffer {
  if (!isSize(start) || !isSize(end) || start > end || end > leafHashes.length) {
    throw new RangeError(`rootOf: range [${start}, ${end}) outside 0..${leafHashes.length}`);
  }
  if (start === end) return EMPTY_ROOT;
  const hashes: Buffer[] = [];
  const sizes: number[] = [];
  for (let i = start; i < end; i++) {
    let h = leafHashes[i]!;
    let size = 1;
    while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
      h = nodeHash(hashes.pop()!, h);
      size += sizes.pop()!;
    }
    hashes.push(h);
    sizes.push(size);
  }
  let root = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
  return root;
}

/**
 * PATH(index, D[0:size]) of §2.1.3.1, ordered from the leaf's sibling up to the root's child. Walks
 * down from the root (depth ≤ 64) computing each sibling subtree once: O(size) hashing in all.
 */
export function inclusionProof(leafHashes: readonly Buffer[], index: number, size: number): Buffer[] {
  if (!isSize(size) || size > leafHashes.length || !isSize(index) || index >= size) {
    throw new RangeError(`inclusionProof: leaf ${index} not in a tree of ${size} (log holds ${leafHashes.length})`);
  }
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push(rootOf(leafHashes, lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(rootOf(leafHashes, lo, lo + k));
      lo += k;
    }
  }
  return topDown.reverse();
}

/** RFC 9162 §2.1.3.2, step by step: true only if `proof` leads from `leaf` at `index` to `root` of a tree of `size`. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // A right border node has no right sibling: climb until the path is a right child again.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameHash(r, root);
}

/**
 * PROOF(oldSize, D[0:newSize]) of §2.1.4.1 (SUBPROOF walked iteratively), ordered as the RFC lists it.
 * Defined for 0 < oldSize ≤ newSize; equal sizes give the empty proof. From an empty tree there is
 * nothing to prove (and RFC 9162 verifiers refuse it), so oldSize 0 is refused here too.
 */
export function consistencyProof(leafHashes: readonly Buffer[], oldSize: number, newSize: number): Buffer[] {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize === 0 || oldSize > newSize || newSize > leafHashes.length) {
    throw new RangeError(`consistencyProof: no proof from size ${oldSize} to ${newSize} (log holds ${leafHashes.length})`);
  }
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = newSize;
  let m = oldSize; // relative to lo
  let whole = true; // b of SUBPROOF: is the old tree's root known to the verifier as it is?
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      topDown.push(rootOf(leafHashes, lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(rootOf(leafHashes, lo, lo + k));
      lo += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) topDown.push(rootOf(leafHashes, lo, hi));
  return topDown.reverse();
}

/** RFC 9162 §2.1.4.2, step by step: true only if the tree of `newSize` with `newRoot` extends the tree of `oldSize` with `oldRoot`. */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  // Consistency with the empty tree says nothing; the reference verifiers refuse it.
  if (oldSize === 0) return false;
  if (oldSize === newSize) return proof.length === 0 && sameHash(oldRoot, newRoot);
  // 1. An empty proof fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  // 3., 4.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5.
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = fr;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7.
  return sn === 0 && sameHash(fr, oldRoot) && sameHash(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * The index of the first leaf where two logs of the same size differ, or null if their roots agree.
 * Bisects along the §2.1.1 split: compare the left subtree's root; if it agrees the difference is on
 * the right, otherwise on the left. One remote call per level — ⌈log2 size⌉ + 1 in all — and the
 * remote side only has to answer roots of ranges it has (both logs must have `size` leaves).
 */
export async function locateDivergence(
  size: number,
  ourRangeRoot: (start: number, end: number) => Buffer,
  theirRangeRoot: (start: number, end: number) => Promise<Buffer>,
): Promise<number | null> {
  if (!isSize(size)) throw new RangeError(`locateDivergence: bad size ${size}`);
  if (size === 0) return null;
  if (sameHash(ourRangeRoot(0, size), await theirRangeRoot(0, size))) return null;
  let lo = 0;
  let hi = size;
  // Invariant: the ranges [lo, hi) differ and everything before lo agrees.
  while (hi - lo > 1) {
    const mid = lo + splitPoint(hi - lo);
    if (sameHash(ourRangeRoot(lo, mid), await theirRangeRoot(lo, mid))) lo = mid;
    else hi = mid;
  }
  return lo;
}
