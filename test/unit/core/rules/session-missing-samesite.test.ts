import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'session-missing-samesite';

describe(RULE, () => {
  it('flags a session cookie without SameSite (Lax-by-default is Chromium-only)', () => {
    const f = findingsOf(RULE, [
      'connect.sid=s%3AaBcDeFgHiJkLmNoPqRsTuVwXyZ012345.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ; Path=/; HttpOnly; Secure',
    ]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('low');
  });

  it('does not flag Lax, Strict or None (None has its own rule) nor an invalid value (samesite-invalid)', () => {
    for (const ss of ['Lax', 'Strict', 'None', 'Bogus']) {
      expect(
        findingsOf(RULE, [`sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Secure; HttpOnly; SameSite=${ss}`]),
      ).toEqual([]);
    }
  });

  it('does not flag non-session cookies', () => {
    expect(findingsOf(RULE, ['theme=dark; Secure'])).toEqual([]);
  });
});
