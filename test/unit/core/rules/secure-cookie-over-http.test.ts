import { describe, expect, it } from 'vitest';
import { audit, findingsOf, LOOPBACK } from '../../../helpers/site.ts';

const RULE = 'secure-cookie-over-http';

describe(RULE, () => {
  it('flags a Secure cookie set over plain HTTP: the browser drops it', () => {
    const f = findingsOf(RULE, ['pref=1; Secure'], { url: 'http://app.example.com/' });
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('the browser ignores it');
    expect(audit(['pref=1; Secure'], { url: 'http://app.example.com/' }).cookies[0].rejected).toEqual([
      'secure-from-insecure-origin',
    ]);
  });

  it('on localhost the cookie is stored, and the finding says it matters in production', () => {
    const f = findingsOf(RULE, ['pref=1; Secure'], { url: 'http://localhost:8080/' });
    expect(f[0].evidence).toContain('loopback counts as secure');
    expect(f[0].message).toContain(LOOPBACK);
  });

  it('does not flag HTTPS, or cookies without Secure', () => {
    expect(findingsOf(RULE, ['pref=1; Secure'])).toEqual([]);
    expect(findingsOf(RULE, ['pref=1'], { url: 'http://app.example.com/' })).toEqual([]);
  });
});
