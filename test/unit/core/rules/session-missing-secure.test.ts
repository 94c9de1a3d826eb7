import { describe, expect, it } from 'vitest';
import { auditSite, observeJarCookie } from '../../../../src/core/index.ts';
import { findingsOf, HSTS_2Y, NOW, SID, siteFrom } from '../../../helpers/site.ts';

const RULE = 'session-missing-secure';

describe(RULE, () => {
  it('flags a session cookie without Secure on an HTTPS site (high)', () => {
    const f = findingsOf(RULE, [
      'sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/; HttpOnly; SameSite=Lax',
    ]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
    expect(f[0].evidence).toBe('Set-Cookie: sessionid=…; Path=/; HttpOnly; SameSite=Lax');
  });

  it('softens to medium when the site sends HSTS of at least six months', () => {
    const f = findingsOf(RULE, ['PHPSESSID=q1w2e3r4t5y6u7i8o9p0a1s2d3; path=/; HttpOnly'], {
      hsts: 'max-age=15552000',
    });
    expect(f[0].severity).toBe('medium');
    expect(f[0].evidence).toContain('max-age=15552000');
    expect(
      findingsOf(RULE, ['PHPSESSID=q1w2e3r4t5y6u7i8o9p0a1s2d3'], { hsts: 'max-age=86400' })[0].severity,
    ).toBe('high');
  });

  it('does not flag a Secure session cookie, whatever the letter case', () => {
    expect(findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; SECURE; HttpOnly'])).toEqual([]);
  });

  it('does not flag non-session cookies or deletion cookies', () => {
    expect(findingsOf(RULE, ['theme=dark; Path=/'])).toEqual([]);
    expect(findingsOf(RULE, ['sessionid=; Max-Age=0; Path=/'])).toEqual([]);
    expect(findingsOf(RULE, ['sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/'])).toEqual([]);
  });

  it('flags the bare session cookie of a plain-HTTP site too (lesson 000: `sessionid=…; Path=/`)', () => {
    const f = findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/'], {
      url: 'http://app.example.com/',
    });
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
    expect(f[0].evidence).toContain('no Secure, on http://app.example.com');
  });

  it('reports a jar-only session cookie without Secure on a plain-HTTP site (it travels in clear)', () => {
    const site = siteFrom([], { url: 'http://app.example.com/' });
    site.cookies.push(
      observeJarCookie(
        {
          name: 'sessionid',
          value: SID,
          domain: 'app.example.com',
          hostOnly: true,
          path: '/',
          secure: false,
          httpOnly: true,
          session: true,
        },
        { url: site.url, now: NOW },
      ),
    );
    const f = auditSite(site, { now: NOW + 10 }).cookies[0].findings.filter((x) => x.rule === RULE);
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('no Secure, on http://app.example.com');
  });

  it('does not take affinity, analytics or Twitter cookies for sessions (Observatory false positives)', () => {
    const lines = [
      'heroku-session-affinity=ACyDaANoA2gDYQFiAAi2PWIAAYxpYQF; Version=1; Expires=Fri, 30 May 2025 12:00:00 GMT; Path=/; HttpOnly',
      '_twitter_sess=BAh7CSIKZmxhc2hJQzonQWN0aW9uQ29udHJvbGxlcjo6Rmxhc2g; Path=/; Domain=.example.com',
      'ai_session=r4nd0mValue|1700000000000|1700000000000; path=/',
      'ARRAffinity=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef; Path=/; HttpOnly',
    ];
    expect(findingsOf(RULE, lines, { hsts: HSTS_2Y })).toEqual([]);
  });
});
