import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';
import { VALUES } from '../../../helpers/values.ts';

const RULE = 'session-low-entropy';

describe(RULE, () => {
  it('flags a short session identifier (high)', () => {
    const f = findingsOf(RULE, ['PHPSESSID=abc123; path=/']);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
    expect(f[0].evidence).toMatch(/estimated \d+ bits/);
  });

  it('flags a purely numeric identifier even when long (medium)', () => {
    const f = findingsOf(RULE, ['JSESSIONID=1700000000123456789012345; Path=/']);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('medium');
  });

  it('accepts framework-generated identifiers', () => {
    for (const v of [
      VALUES.django,
      VALUES.php,
      VALUES.laravelId,
      VALUES.aspnet,
      VALUES.hex32,
      VALUES.expressSigned,
    ]) {
      expect(findingsOf(RULE, [`sessionid=${v}`]), v).toEqual([]);
    }
  });

  it('skips signed and encrypted envelopes, whose strength is the server key', () => {
    for (const v of [VALUES.flask, VALUES.jwt, VALUES.jwe, VALUES.railsEncrypted, VALUES.laravelEncrypted]) {
      expect(findingsOf(RULE, [`session=${v}`])).toEqual([]);
    }
  });

  it('accepts 16 random hex digits, the OWASP minimum (64 bits)', () => {
    expect(findingsOf(RULE, ['JSESSIONID=9f3a6c01e7b24d58; Path=/'])).toEqual([]);
    expect(findingsOf(RULE, ['JSESSIONID=9f3a6c01e7b24d5; Path=/'])).toHaveLength(1);
  });

  it('does not flag non-session cookies or empty values', () => {
    expect(findingsOf(RULE, ['sessionid=""; Path=/'])).toEqual([]);
    expect(findingsOf(RULE, ['theme=1'])).toEqual([]);
    expect(findingsOf(RULE, ['sessionid=; Path=/'])).toEqual([]);
  });
});
