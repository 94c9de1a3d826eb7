import { describe, expect, it } from 'vitest';
import {
  auditSite,
  buildReport,
  DEFAULT_SETTINGS,
  formatText,
  observeJarCookie,
} from '../../../src/core/index.ts';
import { audit, NOW, rulesFor, siteFrom } from '../helpers/site.ts';

describe('auditSite', () => {
  it('grades the insecure demo cookie below the hardened one', () => {
    const insecure = audit(['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/']);
    const hardened = audit(
      ['__Host-sid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/; Secure; HttpOnly; SameSite=Strict'],
      {
        hsts: 'max-age=63072000; includeSubDomains; preload',
      },
    );
    expect(rulesFor(insecure, 'sessionid')).toEqual(
      expect.arrayContaining([
        'session-missing-secure',
        'session-missing-httponly',
        'session-missing-samesite',
      ]),
    );
    expect(rulesFor(hardened)).toEqual([]);
    expect(hardened.grade).toBe('A+');
    expect(hardened.score).toBe(105);
    expect(insecure.score).toBeLessThan(hardened.score);
    expect(insecure.grade).not.toBe(hardened.grade);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS.sessionMaxLifetimeSeconds).toBe(43200);
    expect(DEFAULT_SETTINGS.ignoreNames).toEqual([]);
  });

  it('never puts a cookie value in the audit or the reports', () => {
    const secret = 'Zq8sV3nT0pLw2YkR9bHc4mXe7uJa1dGf';
    const a = audit([`sessionid=${secret}; Path=/`, `prefs=${secret}dark`]);
    const report = buildReport([a], { version: '1.0.0', createdAt: new Date(NOW).toISOString() });
    expect(JSON.stringify(report)).not.toContain(secret);
    expect(formatText(report)).not.toContain(secret);
  });

  it('merges header and jar sightings into one cookie listing both sources', () => {
    const site = siteFrom(['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/; SameSite=Bogus']);
    site.cookies.push(
      observeJarCookie(
        {
          name: 'sessionid',
          value: 'k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8',
          domain: 'app.example.com',
          hostOnly: true,
          path: '/',
          secure: false,
          httpOnly: false,
          sameSite: 'unspecified',
          session: true,
        },
        { url: site.url, now: NOW + 500 },
      ),
    );
    const a = auditSite(site, { now: NOW + 1000 });
    expect(a.cookies).toHaveLength(1);
    expect(a.cookies[0].source).toEqual(['header', 'jar']);
    // The jar cannot show an invalid SameSite value; the header can, and wins for raw details.
    expect(a.cookies[0].sameSite).toBe('invalid');
    expect(rulesFor(a)).toContain('samesite-invalid');
  });
});
