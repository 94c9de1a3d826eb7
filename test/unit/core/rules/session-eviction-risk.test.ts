import { describe, expect, it } from 'vitest';
import { findingsOf, SID } from '../../../helpers/site.ts';

const RULE = 'session-eviction-risk';
const others = (n: number, extra = '') => Array.from({ length: n }, (_, i) => `pref${i}=1${extra}`);

describe(RULE, () => {
  it('flags a session cookie without Secure among more than 180 cookies of its domain (medium)', () => {
    const f = findingsOf(RULE, [`sessionid=${SID}; HttpOnly`, ...others(180)]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('medium');
    expect(f[0].evidence).toContain('181 cookies for example.com');
    expect(f[0].evidence).toContain('without Secure, like this one, first');
  });

  it('says low for a Secure session cookie: insecure ones go first', () => {
    const f = findingsOf(RULE, [`sessionid=${SID}; Secure; HttpOnly`, ...others(200)]);
    expect(f.map((x) => x.severity)).toEqual(['low']);
  });

  it('stays quiet at 180 cookies, for non-session cookies, and ignores refused lines', () => {
    expect(findingsOf(RULE, [`sessionid=${SID}; Secure; HttpOnly`, ...others(179)])).toEqual([]);
    expect(findingsOf(RULE, others(300))).toEqual([]);
    expect(findingsOf(RULE, [`sessionid=${SID}; Secure`, ...others(200, '; SameSite=None')])).toEqual([]);
  });
});
