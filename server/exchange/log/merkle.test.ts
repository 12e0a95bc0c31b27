import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, consistencyProof, inclusionProof, leafHash, locateDivergence, nodeHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.ts';

const hex = (s: string) => Buffer.from(s, 'hex');

// The RFC 6962 test tree of transparency-dev/merkle (testonly/constants.go, cmd/proofgen/main.go),
// the same data certificate-transparency-go and the C++ log tested against.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const LEAF_HASHES = LEAVES.map((d) => leafHash(d));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEVEL0 = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
// proofgen numbers leaves from 1; here they are the 0-based indexes of RFC 9162.
const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

interface Probes {
  inclusion: { file: string; leafIdx: number; treeSize: number; root: string | null; leafHash: string | null; proof: string[] | null; wantErr: boolean }[];
  consistency: { file: string; size1: number; size2: number; root1: string | null; root2: string | null; proof: string[] | null; wantErr: boolean }[];
}
// transparency-dev/merkle's testdata/: each happy path and its mutations (bit flips, wrong sizes,
// extra or missing proof nodes, swapped roots), with the expected verdict.
const PROBES = JSON.parse(readFileSync(new URL('testdata/rfc6962-probes.json', import.meta.url), 'utf8')) as Probes;
const b64 = (s: string | null) => Buffer.from(s ?? '', 'base64');

describe('RFC 9162 Merkle tree: reference vectors', () => {
  it('hashes leaves and nodes as RFC 6962 does', () => {
    expect(EMPTY_ROOT).toEqual(hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'));
    expect(leafHash(new Uint8Array())).toEqual(hex('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'));
    expect(leafHash(Buffer.from('L123456'))).toEqual(hex('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56'));
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456'))).toEqual(hex('aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb'));
    expect(LEAF_HASHES).toEqual(LEVEL0.map(hex));
  });

  it('gives the reference root for every size 0..8', () => {
    for (let size = 0; size <= 8; size++) expect(rootOf(LEAF_HASHES, 0, size).toString('hex'), `size ${size}`).toBe(ROOTS[size]);
    // A range root is the root of the slice taken as a tree of its own.
    expect(rootOf(LEAF_HASHES, 4, 8).toString('hex')).toBe('6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4');
    expect(rootOf(LEAF_HASHES, 4, 6).toString('hex')).toBe('0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a');
  });

  it('builds and verifies the reference inclusion proofs', () => {
    for (const v of INCLUSION) {
      const proof = inclusionProof(LEAF_HASHES, v.index, v.size);
      expect(
        proof.map((p) => p.toString('hex')),
        `${v.index}@${v.size}`,
      ).toEqual(v.proof);
      expect(verifyInclusion(LEAF_HASHES[v.index]!, v.index, v.size, proof, hex(ROOTS[v.size]!))).toBe(true);
    }
  });

  it('builds and verifies the reference consistency proofs', () => {
    for (const v of CONSISTENCY) {
      const proof = consistencyProof(LEAF_HASHES, v.oldSize, v.newSize);
      expect(
        proof.map((p) => p.toString('hex')),
        `${v.oldSize}→${v.newSize}`,
      ).toEqual(v.proof);
      expect(verifyConsistency(v.oldSize, v.newSize, hex(ROOTS[v.oldSize]!), hex(ROOTS[v.newSize]!), proof)).toBe(true);
    }
  });

  it(`gives the reference verdict on the ${PROBES.inclusion.length} inclusion probes`, () => {
    expect(PROBES.inclusion.length).toBeGreaterThan(90);
    for (const p of PROBES.inclusion) {
      const ok = verifyInclusion(b64(p.leafHash), p.leafIdx, p.treeSize, (p.proof ?? []).map(b64), b64(p.root));
      expect(ok, p.file).toBe(!p.wantErr);
    }
  });

  it(`gives the reference verdict on the ${PROBES.consistency.length} consistency probes`, () => {
    expect(PROBES.consistency.length).toBeGreaterThan(90);
    expect(PROBES.consistency.filter((p) => !p.wantErr && b64(p.root1).length !== 32).map((p) => p.file)).toEqual([
      'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json',
    ]);
    for (const p of PROBES.consistency) {
      const [root1, root2] = [b64(p.root1), b64(p.root2)];
      const ok = verifyConsistency(p.size1, p.size2, root1, root2, (p.proof ?? []).map(b64));
      // Stricter than the reference on one probe: its equal 12-byte "roots" pass there, but a root
      // that is not 32 bytes is no SHA-256 tree head, so it fails here.
      const wellFormed = root1.length === 32 && root2.length === 32;
      expect(ok, p.file).toBe(!p.wantErr && wellFormed);
    }
  });
});

/** Leaf hashes of a log whose leaf i holds "<tag>:<i>". */
function makeLog(size: number, tag = 'r'): Buffer[] {
  return Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`${tag}:${i}`)));
}
const LOG = makeLog(300);
const ROOT_AT = LOG.map((_, i) => rootOf(LOG, 0, i)).concat(rootOf(LOG));

/** The same list with one byte of one buffer changed. */
function flipByte(list: readonly Buffer[], which: number, byte: number): Buffer[] {
  return list.map((b, i) => {
    if (i !== which) return b;
    const copy = Buffer.from(b);
    copy[byte] = copy[byte]! ^ 0x01;
    return copy;
  });
}

describe('RFC 9162 Merkle tree: properties', () => {
  it('matches the recursive definition of §2.1.1 on every range of a small log', () => {
    const mth = (d: Buffer[]): Buffer => {
      if (d.length === 0) return EMPTY_ROOT;
      if (d.length === 1) return d[0]!;
      let k = 1;
      while (k * 2 < d.length) k *= 2;
      return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
    };
    const log = LOG.slice(0, 40);
    for (let s = 0; s <= 40; s++) for (let e = s; e <= 40; e++) expect(rootOf(log, s, e).equals(mth(log.slice(s, e))), `[${s}, ${e})`).toBe(true);
  });

  it('every inclusion proof verifies, and any flipped byte of proof, root or leaf fails it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1), fc.nat(), fc.nat(31))),
        ([size, index, pick, byte]) => {
          const proof = inclusionProof(LOG, index, size);
          const root = ROOT_AT[size]!;
          const leaf = LOG[index]!;
          expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
          if (proof.length > 0) expect(verifyInclusion(leaf, index, size, flipByte(proof, pick % proof.length, byte), root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof, flipByte([root], 0, byte)[0]!)).toBe(false);
          expect(verifyInclusion(flipByte([leaf], 0, byte)[0]!, index, size, proof, root)).toBe(false);
          // The proof is for this position only.
          if (size > 1) expect(verifyInclusion(leaf, (index + 1) % size, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(proof.length === 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every consistency proof verifies, and any flipped byte of proof or either root fails it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((newSize) => fc.tuple(fc.integer({ min: 1, max: newSize }), fc.constant(newSize), fc.nat(), fc.nat(31))),
        ([oldSize, newSize, pick, byte]) => {
          const proof = consistencyProof(LOG, oldSize, newSize);
          const oldRoot = ROOT_AT[oldSize]!;
          const newRoot = ROOT_AT[newSize]!;
          expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
          if (proof.length > 0) expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, flipByte(proof, pick % proof.length, byte))).toBe(false);
          expect(verifyConsistency(oldSize, newSize, flipByte([oldRoot], 0, byte)[0]!, newRoot, proof)).toBe(false);
          expect(verifyConsistency(oldSize, newSize, oldRoot, flipByte([newRoot], 0, byte)[0]!, proof)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a log that rewrote a record is not consistent with its earlier tree', () => {
    const forged = LOG.slice(0, 200);
    forged[57] = leafHash(Buffer.from('r:57 (edited)'));
    const proof = consistencyProof(forged, 100, 200);
    expect(verifyConsistency(100, 200, ROOT_AT[100]!, rootOf(forged), proof)).toBe(false);
  });

  it('refuses proofs it cannot give, and verifiers refuse what the RFC leaves undefined', () => {
    expect(() => inclusionProof(LOG, 5, 5)).toThrow(RangeError);
    expect(() => inclusionProof(LOG, 0, 301)).toThrow(RangeError);
    expect(() => consistencyProof(LOG, 0, 5)).toThrow(RangeError);
    expect(() => consistencyProof(LOG, 6, 5)).toThrow(RangeError);
    expect(() => rootOf(LOG, 10, 5)).toThrow(RangeError);
    expect(verifyInclusion(LOG[0]!, 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(LOG[0]!, -1, 1, [], LOG[0]!)).toBe(false);
    expect(verifyInclusion(LOG[0]!, 0.5, 1, [], LOG[0]!)).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, ROOT_AT[5]!, [])).toBe(false);
  });

  it('computes the root of 100 000 leaves and a proof in linear time', () => {
    const big = makeLog(100_000);
    const started = performance.now();
    const root = rootOf(big);
    const proof = inclusionProof(big, 77_777, big.length);
    const cproof = consistencyProof(big, 65_537, big.length);
    expect(verifyInclusion(big[77_777]!, 77_777, big.length, proof, root)).toBe(true);
    expect(verifyConsistency(65_537, big.length, rootOf(big, 0, 65_537), root, cproof)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('locateDivergence', () => {
  it('finds the planted first difference with O(log n) remote calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.uniqueArray(fc.nat(size - 1), { minLength: 1, maxLength: 5 }))),
        async ([size, changed]) => {
          const ours = LOG.slice(0, size);
          const theirs = [...ours];
          for (const i of changed) theirs[i] = leafHash(Buffer.from(`theirs:${i}`));
          let calls = 0;
          const found = await locateDivergence(
            size,
            (s, e) => rootOf(ours, s, e),
            async (s, e) => {
              calls++;
              return rootOf(theirs, s, e);
            },
          );
          expect(found).toBe(Math.min(...changed));
          expect(calls).toBeLessThanOrEqual(Math.ceil(Math.log2(size)) + 1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers null for equal logs after one call, and for empty logs without any', async () => {
    let calls = 0;
    const theirs = async (s: number, e: number) => {
      calls++;
      return rootOf(LOG, s, e);
    };
    expect(await locateDivergence(300, (s, e) => rootOf(LOG, s, e), theirs)).toBeNull();
    expect(calls).toBe(1);
    expect(await locateDivergence(0, (s, e) => rootOf(LOG, s, e), theirs)).toBeNull();
    expect(calls).toBe(1);
  });
});
