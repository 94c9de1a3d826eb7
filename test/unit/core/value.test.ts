import { describe, expect, it } from 'vitest';
import { analyzeValue, estimateEntropyBits } from '../../../src/core/index.ts';
import { randomChars, VALUES } from '../../helpers/values.ts';

describe('analyzeValue: formats', () => {
  it.each([
    ['', 'empty'],
    ['1234567', 'numeric'],
    [VALUES.hex32, 'hex'],
    [VALUES.uuid, 'uuid'],
    [VALUES.django, 'opaque'],
    [VALUES.php, 'opaque'],
    [VALUES.laravelId, 'opaque'],
    [VALUES.base64Binary, 'base64'],
    [VALUES.expressSigned, 'express-signed'],
    [VALUES.flask, 'flask-signed'],
    [VALUES.flaskCompressed, 'flask-signed'],
    [VALUES.djangoSigned, 'django-signed'],
    [VALUES.cookieSession, 'cookie-session'],
    [VALUES.railsEncrypted, 'rails-encrypted'],
    [encodeURIComponent(VALUES.railsEncrypted), 'rails-encrypted'],
    [VALUES.railsSigned, 'rails-signed'],
    [VALUES.laravelEncrypted, 'laravel-encrypted'],
    [encodeURIComponent(VALUES.laravelEncrypted), 'laravel-encrypted'],
    [VALUES.jwt, 'jwt'],
    [VALUES.jwtNone, 'jwt-unsigned'],
    [VALUES.jwtTwoParts, 'jwt-unsigned'],
    [VALUES.jwe, 'jwe'],
    [VALUES.json, 'json'],
    [encodeURIComponent(VALUES.json), 'json'],
    ['en-US', 'text'],
    ['true', 'text'],
    ['admin', 'text'],
    ['GA1.2.1234567.1700000000', 'text'],
  ])('%s → %s', (value, format) => {
    expect(analyzeValue(value).format).toBe(format);
  });

  it('lists payload key names of readable formats, never their values', () => {
    expect(analyzeValue(VALUES.jwt).payloadKeys).toEqual(['sub', 'email', 'exp']);
    expect(analyzeValue(VALUES.flask).payloadKeys).toEqual(['_fresh', '_user_id', 'csrf_token']);
    expect(analyzeValue(VALUES.djangoSigned).payloadKeys).toEqual(['_auth_user_id', '_auth_user_backend']);
    expect(analyzeValue(VALUES.cookieSession).payloadKeys).toEqual(['userId', 'views']);
    expect(analyzeValue(VALUES.json).payloadKeys).toEqual(['theme', 'userId']);
    const all = JSON.stringify([VALUES.jwt, VALUES.flask, VALUES.json].map(analyzeValue));
    expect(all).not.toMatch(/a@b\.c|dark|"42"/);
  });

  it('keeps no key names for encrypted formats', () => {
    expect(analyzeValue(VALUES.laravelEncrypted).payloadKeys).toBeUndefined();
    expect(analyzeValue(VALUES.jwe).payloadKeys).toBeUndefined();
    expect(analyzeValue(VALUES.railsEncrypted).payloadKeys).toBeUndefined();
  });

  it('bounds the number and length of key names', () => {
    const obj = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`${'k'.repeat(70)}${i}`, i]));
    const info = analyzeValue(JSON.stringify(obj));
    expect(info.payloadKeys).toEqual([]);
    expect(info.payloadKeyCount).toBe(80);
    const known = ['sub', 'exp', 'iat', 'role', 'email', 'user_id', '_fresh', 'scope', 'name', 'uid'];
    const many = Object.fromEntries(
      Array.from({ length: 80 }, (_, i) => [
        `${known[i % known.length]}${'_'.repeat(Math.floor(i / 10))}`,
        i,
      ]),
    );
    expect(analyzeValue(JSON.stringify(many)).payloadKeys).toHaveLength(50);
  });

  it('always reports the raw length and redacted: true, and never the value', () => {
    const info = analyzeValue(VALUES.django);
    expect(info).toEqual({ length: 32, entropyBits: expect.any(Number), format: 'opaque', redacted: true });
  });
});

describe('entropy estimate', () => {
  it('matches framework reference points (OWASP: ≥ 64 bits)', () => {
    expect(analyzeValue(VALUES.django).entropyBits).toBeGreaterThan(120); // 32 × log2(36) ≈ 165
    expect(analyzeValue(VALUES.php).entropyBits).toBeGreaterThan(100); // 26 × 5 = 130
    expect(analyzeValue(VALUES.hex32).entropyBits).toBeGreaterThan(100); // 128
    expect(analyzeValue(VALUES.expressSigned).entropyBits).toBeGreaterThan(140); // the 24-byte id
  });

  it('is low for short, repetitive or numeric values', () => {
    expect(analyzeValue('12345').entropyBits).toBeLessThan(20);
    expect(analyzeValue('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').entropyBits).toBe(0);
    expect(analyzeValue('abababababababababababababababab').entropyBits).toBeLessThan(40);
    expect(analyzeValue('1700000000').entropyBits).toBeLessThan(34);
  });

  it('is capped by the alphabet: len × log2(|alphabet|)', () => {
    const v = '0123456789abcdef';
    expect(estimateEntropyBits(v)).toBeLessThanOrEqual(64);
    expect(estimateEntropyBits('0123456789')).toBeLessThanOrEqual(Math.ceil(10 * Math.log2(10)));
  });

  it('ignores base64 padding', () => {
    expect(estimateEntropyBits('QUJD')).toBe(estimateEntropyBits('QUJD===='));
  });
});

describe('entropy calibration', () => {
  it('counts 16 random hex digits as 64 bits (OWASP: ≥ 16 hex characters is enough)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const hex = randomChars(16, '0123456789abcdef', seed);
      expect(estimateEntropyBits(hex), hex).toBeGreaterThanOrEqual(64);
    }
  });

  it('still caps repetitive values far below their length', () => {
    expect(estimateEntropyBits('abcabcabcabcabcabcabcabcabcabcab')).toBeLessThan(64);
    expect(estimateEntropyBits('1111111111111111111111112')).toBeLessThan(30);
  });
});
