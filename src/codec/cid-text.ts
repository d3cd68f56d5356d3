// CIDv1 texts of dag-cbor bytes under sha2-256, both ways, without multiformats' CID objects.
// The binary form is the fixed prefix 0x01 (CIDv1) 0x71 (dag-cbor) 0x12 (sha2-256) 0x20
// (32 bytes) followed by the digest; the text is 'b' + lower-case RFC 4648 base32 of that,
// unpadded. multiformats' CID objects
// and their toString cost ~6-10 µs per object; a plan of 23,000 objects spent ~0.15-0.25 s there
// (measured). test/codec checks this against multiformats on many digests.
import { createHash } from 'node:crypto';

const PREFIX = [0x01, 0x71, 0x12, 0x20];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export interface CidOfBytes {
  /** The CID's text ('bafyrei...'). */
  readonly text: string;
  /** Its binary form (36 bytes). */
  readonly bytes: Uint8Array;
  /** The same behind the 0x00 multibase prefix a DAG-CBOR link carries (37 bytes). */
  readonly linkBytes: Uint8Array;
}

export function dagCborCid(bytes: Uint8Array): CidOfBytes {
  const digest = createHash('sha256').update(bytes).digest();
  const link = new Uint8Array(37); // link[0] = 0x00, the identity multibase prefix
  link.set(PREFIX, 1);
  link.set(digest, 5);
  const cid = link.subarray(1);
  return { text: `b${base32(cid)}`, bytes: cid, linkBytes: link };
}

/** The text of a CIDv1 dag-cbor sha2-256 from a DAG-CBOR link's bytes (0x00, then the CID's 36
 *  bytes); null for any other CID. */
export function cidTextOfBytes(link: Uint8Array): string | null {
  if (link.length !== 37 || link[0] !== 0x00) return null;
  for (let i = 0; i < 4; i++) if (link[1 + i] !== PREFIX[i]) return null;
  return `b${base32(link.subarray(1))}`;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = ((value << 8) | bytes[i]) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

const BASE32_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) BASE32_VALUE[ALPHABET.charCodeAt(i)] = i;

/** The other way: the bytes of a base32 ('b'-prefixed) CIDv1 text, behind the 0x00 prefix
 *  DAG-CBOR links carry; null when the text is not that (the caller falls back to CID.parse,
 *  which validates). A plan links 10,000 models: CID.parse was ~8 µs per link, this is well
 *  under 1 µs. */
export function cidLinkBytesOfText(text: string): Uint8Array | null {
  if (text.charCodeAt(0) !== 0x62 /* b */) return null;
  const out = new Uint8Array(1 + Math.floor(((text.length - 1) * 5) / 8));
  let bits = 0;
  let value = 0;
  let at = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? BASE32_VALUE[c] : -1;
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >>> bits) & 0xff;
    }
  }
  // Leftover bits must be zero padding, and the CID must be version 1.
  if ((value & ((1 << bits) - 1)) !== 0 || out[1] !== 0x01) return null;
  return out;
}
