/**
 * SipHash-2-4 (Aumasson & Bernstein, 2012) in plain JS with 32-bit halves, and `keyedHash`, the
 * keyed fingerprint the background uses to compare a cookie's value before and after a login
 * without storing it. Without the key (kept only for the browser session) the fingerprints are
 * useless for recovering or confirming a value.
 */

const encoder = new TextEncoder();

// State: [v0lo, v0hi, v1lo, v1hi, v2lo, v2hi, v3lo, v3hi]
const v = new Uint32Array(8);

function add(a: number, b: number): void {
  const lo = (v[a] + v[b]) >>> 0;
  const carry = lo < v[a] ? 1 : 0;
  v[a + 1] = (v[a + 1] + v[b + 1] + carry) >>> 0;
  v[a] = lo;
}

function rotl(a: number, n: number): void {
  const lo = v[a];
  const hi = v[a + 1];
  if (n === 32) {
    v[a] = hi;
    v[a + 1] = lo;
    return;
  }
  v[a + 1] = ((hi << n) | (lo >>> (32 - n))) >>> 0;
  v[a] = ((lo << n) | (hi >>> (32 - n))) >>> 0;
}

function xor(a: number, b: number): void {
  v[a] ^= v[b];
  v[a + 1] ^= v[b + 1];
}

function sipRound(): void {
  add(0, 2);
  rotl(2, 13);
  xor(2, 0);
  rotl(0, 32);
  add(4, 6);
  rotl(6, 16);
  xor(6, 4);
  add(0, 6);
  rotl(6, 21);
  xor(6, 0);
  add(4, 2);
  rotl(2, 17);
  xor(2, 4);
  rotl(4, 32);
}

function readLe32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

function compress(mlo: number, mhi: number): void {
  v[6] ^= mlo;
  v[7] ^= mhi;
  sipRound();
  sipRound();
  v[0] ^= mlo;
  v[1] ^= mhi;
}

/** SipHash-2-4 of `message` under a 16-byte key; returns [lo, hi] 32-bit halves of the 64-bit tag. */
export function sipHash24(key: Uint8Array, message: Uint8Array): [number, number] {
  if (key.length !== 16) throw new RangeError('SipHash key must be 16 bytes');
  const k0lo = readLe32(key, 0);
  const k0hi = readLe32(key, 4);
  const k1lo = readLe32(key, 8);
  const k1hi = readLe32(key, 12);
  v[0] = k0lo ^ 0x70736575;
  v[1] = k0hi ^ 0x736f6d65;
  v[2] = k1lo ^ 0x6e646f6d;
  v[3] = k1hi ^ 0x646f7261;
  v[4] = k0lo ^ 0x6e657261;
  v[5] = k0hi ^ 0x6c796765;
  v[6] = k1lo ^ 0x79746573;
  v[7] = k1hi ^ 0x74656462;
  const len = message.length;
  const end = len - (len % 8);
  for (let i = 0; i < end; i += 8) compress(readLe32(message, i), readLe32(message, i + 4));
  let lo = 0;
  let hi = ((len & 0xff) << 24) >>> 0;
  const rest = len - end;
  for (let j = 0; j < rest; j++) {
    const byte = message[end + j];
    if (j < 4) lo |= byte << (8 * j);
    else hi |= byte << (8 * (j - 4));
  }
  compress(lo >>> 0, hi >>> 0);
  v[4] ^= 0xff;
  sipRound();
  sipRound();
  sipRound();
  sipRound();
  return [(v[0] ^ v[2] ^ v[4] ^ v[6]) >>> 0, (v[1] ^ v[3] ^ v[5] ^ v[7]) >>> 0];
}

function hex64([lo, hi]: [number, number]): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** SipHash-2-4 tag as 16 hex digits (big-endian rendering of the 64-bit output). */
export function sipHash24Hex(key: Uint8Array, message: Uint8Array): string {
  return hex64(sipHash24(key, message));
}

// Two fixed keys used only to stretch an arbitrary-length key string into a 16-byte SipHash key.
const DERIVE_A = encoder.encode('cookie-audit:k:A');
const DERIVE_B = encoder.encode('cookie-audit:k:B');

let cachedKeyText: string | null = null;
let cachedKey: Uint8Array = new Uint8Array(16);

function deriveKey(key: string): Uint8Array {
  if (key === cachedKeyText) return cachedKey;
  const bytes = encoder.encode(key);
  const out = new Uint8Array(16);
  const a = sipHash24(DERIVE_A, bytes);
  const b = sipHash24(DERIVE_B, bytes);
  const words = [a[0], a[1], b[0], b[1]];
  for (let w = 0; w < 4; w++) {
    out[w * 4] = words[w] & 0xff;
    out[w * 4 + 1] = (words[w] >>> 8) & 0xff;
    out[w * 4 + 2] = (words[w] >>> 16) & 0xff;
    out[w * 4 + 3] = (words[w] >>> 24) & 0xff;
  }
  cachedKeyText = key;
  cachedKey = out;
  return out;
}

/**
 * Keyed fingerprint of a cookie value: SipHash-2-4 under a key derived from `key` (any string;
 * use at least 16 random bytes, e.g. a hex string from crypto.getRandomValues, kept in memory or
 * storage.session only). Pure and synchronous. Returns 16 hex digits.
 */
export function keyedHash(value: string, key: string): string {
  if (key.length === 0) throw new RangeError('keyedHash needs a non-empty key');
  return sipHash24Hex(deriveKey(key), encoder.encode(value));
}
