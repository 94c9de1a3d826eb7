import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'session-samesite-none';

describe(RULE, () => {
  it('flags a session cookie sent cross-site', () => {
    const f = findingsOf(RULE, [
      'sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Secure; HttpOnly; SameSite=None',
    ]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('low');
  });

  it('still fires without Secure, so adding Secure never creates a finding', () => {
    expect(
      findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; HttpOnly; SameSite=None']),
    ).toHaveLength(1);
  });

  it('does not flag Lax/Strict session cookies or non-session SameSite=None cookies', () => {
    expect(
      findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Secure; HttpOnly; SameSite=Lax']),
    ).toEqual([]);
    expect(findingsOf(RULE, ['embed_pref=1; Secure; SameSite=None'])).toEqual([]);
  });
});
