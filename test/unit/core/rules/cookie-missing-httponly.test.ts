import { describe, expect, it } from 'vitest';
import { auditSite, observeJarCookie } from '../../../../src/core/index.ts';
import { findingsOf, NOW, siteFrom } from '../../../helpers/site.ts';

const RULE = 'cookie-missing-httponly';

describe(RULE, () => {
  it('notes an ordinary header cookie without HttpOnly (info)', () => {
    const f = findingsOf(RULE, ['cart=7; Secure; SameSite=Lax']);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
  });

  it('does not flag CSRF, tracking or infrastructure cookies, nor HttpOnly ones', () => {
    expect(
      findingsOf(RULE, [
        'XSRF-TOKEN=abc; Secure',
        '_ga=GA1.2.3.4; Secure',
        'AWSALBCORS=abc; Secure; SameSite=None',
        'cart=7; HttpOnly',
      ]),
    ).toEqual([]);
  });

  it('does not flag a cookie seen only in the jar (most likely written by JavaScript)', () => {
    const site = siteFrom([]);
    site.cookies.push(
      observeJarCookie(
        {
          name: 'ui_state',
          value: 'x',
          domain: 'app.example.com',
          hostOnly: true,
          path: '/',
          secure: true,
          httpOnly: false,
          sameSite: 'lax',
          session: true,
        },
        { url: site.url, now: NOW },
      ),
    );
    expect(auditSite(site, { now: NOW }).cookies[0].findings.map((f) => f.rule)).not.toContain(RULE);
  });
});
