import { describe, expect, it } from 'vitest';
import { keyedHash, sipHash24Hex } from '../../../src/core/index.ts';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i);

describe('SipHash-2-4', () => {
  it('matches the reference vectors (Aumasson & Bernstein, appendix A)', () => {
    expect(sipHash24Hex(KEY, new Uint8Array(0))).toBe('726fdb47dd0e0e31');
    expect(
      sipHash24Hex(
        KEY,
        Uint8Array.from({ length: 15 }, (_, i) => i),
      ),
    ).toBe('a129ca6149be45e5');
  });

  it('matches the reference vectors at lengths 1 and 8 (one byte, one full block)', () => {
    // vectors[1] and vectors[8] of the reference implementation's vectors.h, read as little-endian.
    expect(sipHash24Hex(KEY, Uint8Array.of(0))).toBe('74f839c593dc67fd');
    expect(
      sipHash24Hex(
        KEY,
        Uint8Array.from({ length: 8 }, (_, i) => i),
      ),
    ).toBe('93f5f5799a932462');
  });

  it('rejects a key that is not 16 bytes', () => {
    expect(() => sipHash24Hex(new Uint8Array(8), new Uint8Array(0))).toThrow(RangeError);
  });
});

describe('keyedHash', () => {
  it('is deterministic for one key and differs across keys and values', () => {
    expect(keyedHash('abc', 'key-1')).toBe(keyedHash('abc', 'key-1'));
    expect(keyedHash('abc', 'key-1')).not.toBe(keyedHash('abc', 'key-2'));
    expect(keyedHash('abc', 'key-1')).not.toBe(keyedHash('abd', 'key-1'));
    expect(keyedHash('abc', 'key-1')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never contains the value and handles unicode', () => {
    expect(keyedHash('😀 sessionvalue', 'k')).not.toContain('session');
    expect(keyedHash('', 'k')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('needs a key', () => {
    expect(() => keyedHash('abc', '')).toThrow(RangeError);
  });
});
