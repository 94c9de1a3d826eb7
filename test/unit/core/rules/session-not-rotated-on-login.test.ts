import { describe, expect, it } from 'vitest';
import { findingsOf, NOW, SID } from '../../../helpers/site.ts';

const RULE = 'session-not-rotated-on-login';
const login = (before: string | null, after: string | null, name = 'sessionid') => ({
  extra: {
    logins: [
      {
        url: 'https://app.example.com/login',
        observedAt: NOW,
        cookies: [{ name, beforeHash: before, afterHash: after }],
      },
    ],
  },
});

describe(RULE, () => {
  it('flags a session cookie whose keyed hash is unchanged across the login (fixation)', () => {
    const f = findingsOf(
      RULE,
      [`sessionid=${SID}; HttpOnly; Secure`],
      login('a1b2c3d4e5f60718', 'a1b2c3d4e5f60718'),
    );
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('kept the same value across the login at https://app.example.com/login');
  });

  it('does not flag a renewed identifier, one created at login, or a non-session cookie', () => {
    expect(findingsOf(RULE, [`sessionid=${SID}`], login('a1b2c3d4e5f60718', '0f0e0d0c0b0a0908'))).toEqual([]);
    expect(findingsOf(RULE, [`sessionid=${SID}`], login(null, '0f0e0d0c0b0a0908'))).toEqual([]);
    expect(findingsOf(RULE, ['lang=en'], login('aa', 'aa', 'lang'))).toEqual([]);
  });
});
