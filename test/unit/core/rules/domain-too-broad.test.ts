import { describe, expect, it } from 'vitest';
import { findingsOf, SID } from '../../../helpers/site.ts';

const RULE = 'domain-too-broad';

describe(RULE, () => {
  it('flags a session cookie scoped to the parent domain (low)', () => {
    const f = findingsOf(RULE, [`sessionid=${SID}; Domain=.example.com; Secure; HttpOnly`]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('low');
    expect(f[0].evidence).toContain('every subdomain of example.com');
  });

  it('also flags Domain equal to the host (subdomains still receive it), which ZAP misses', () => {
    expect(findingsOf(RULE, [`sessionid=${SID}; Domain=app.example.com`])[0].evidence).toContain(
      'equals the host',
    );
  });

  it('rates non-session cookies info', () => {
    expect(findingsOf(RULE, ['lang=en; Domain=example.com'])[0].severity).toBe('info');
  });

  it('does not flag host-only cookies or rejected domains', () => {
    expect(findingsOf(RULE, [`sessionid=${SID}; Secure`])).toEqual([]);
    expect(findingsOf(RULE, [`sessionid=${SID}; Domain=evil.test`])).toEqual([]);
  });
});
