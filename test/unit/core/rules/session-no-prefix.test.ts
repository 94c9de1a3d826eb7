import { describe, expect, it } from 'vitest';
import { findingsOf, SID } from '../../../helpers/site.ts';

const RULE = 'session-no-prefix';

describe(RULE, () => {
  it('suggests a __Host- prefix for a session cookie (info)', () => {
    const f = findingsOf(RULE, [`sessionid=${SID}; Secure; HttpOnly; Path=/`]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
  });

  it('accepts __Host- and __Secure- in any letter case, and ignores non-session cookies', () => {
    expect(findingsOf(RULE, [`__Host-sid=${SID}; Secure; HttpOnly; Path=/`])).toEqual([]);
    expect(findingsOf(RULE, [`__secure-sessionid=${SID}; Secure; HttpOnly`])).toEqual([]);
    expect(findingsOf(RULE, ['lang=en; Secure'])).toEqual([]);
  });

  it('accepts the __Http- prefix, which promises Secure and HttpOnly', () => {
    expect(findingsOf(RULE, [`__Http-sessionid=${SID}; Secure; HttpOnly; Path=/`])).toEqual([]);
  });
});
