import { describe, expect, it } from 'vitest';
import {
  auditSite,
  buildReport,
  DEFAULT_SETTINGS,
  formatText,
  observeJarCookie,
  observeSetCookie,
} from '../../../src/core/index.ts';
import type { JarCookie, ObserveContext, SiteObservations } from '../../../src/core/types.ts';
import { audit, NOW, rulesFor, SID, siteFrom } from '../../helpers/site.ts';

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

describe('auditSite: merge policy', () => {
  const jar = (over: Partial<JarCookie>, at: number, ctx: Partial<ObserveContext> = {}) =>
    observeJarCookie(
      {
        name: 'widget',
        value: 'abc',
        domain: 'app.example.com',
        hostOnly: true,
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'no_restriction',
        session: true,
        ...over,
      },
      { url: 'https://app.example.com/', now: at, ...ctx },
    );

  it('lets a header that says SameSite=None win over an ambiguous Firefox no_restriction', () => {
    const site = siteFrom(['widget=abc; Secure; SameSite=None']);
    site.cookies.push(jar({}, NOW + 10, { jarNoRestrictionMeansUnset: true }));
    const c = auditSite(site, { now: NOW + 20 }).cookies[0];
    expect(c.sameSite).toBe('none');
    expect(c.source).toEqual(['header', 'jar']);
  });

  it('says when the jar holds a cookie the standard refuses (Firefox keeps __Host- without Path)', () => {
    const line = '__Host-lang=en; Secure; SameSite=Lax';
    const stored = { name: '__Host-lang', value: 'en', sameSite: 'lax' as const };
    // Read from the jar after the header: this browser stored it.
    const site = siteFrom([line]);
    site.cookies.push(jar(stored, NOW + 10));
    const c = auditSite(site, { now: NOW + 20 }).cookies[0];
    expect(c.rejected).toEqual(['prefix-host-invalid']);
    expect(c.storedDespiteRejection).toBe(true);
    expect(c.findings.map((f) => f.rule)).toContain('prefix-host-invalid');

    // A jar read from before the header says nothing about it.
    const earlier = siteFrom([line]);
    earlier.cookies.push(jar(stored, NOW - 10));
    expect(auditSite(earlier, { now: NOW + 20 }).cookies[0].storedDespiteRejection).toBeUndefined();

    // Different security attributes: the jar holds an older, valid copy, not this one.
    const older = siteFrom(['__Host-lang=en; SameSite=Lax; Path=/']);
    older.cookies.push(jar(stored, NOW + 10));
    expect(auditSite(older, { now: NOW + 20 }).cookies[0].storedDespiteRejection).toBeUndefined();

    // A rejection that depends on where the cookie came from is never explained away by the jar.
    const insecure = siteFrom(['__Secure-lang=en; Secure; Path=/'], { url: 'http://app.example.com/' });
    insecure.cookies.push(
      observeJarCookie(
        {
          name: '__Secure-lang',
          value: 'en',
          domain: 'app.example.com',
          hostOnly: true,
          path: '/',
          secure: true,
          httpOnly: false,
          sameSite: 'unspecified',
          session: true,
        },
        { url: 'http://app.example.com/', now: NOW + 10 },
      ),
    );
    const c2 = auditSite(insecure, { now: NOW + 20 }).cookies[0];
    expect(c2.rejected).toContain('secure-from-insecure-origin');
    expect(c2.storedDespiteRejection).toBeUndefined();
  });

  it('keeps an ambiguous jar value unspecified without a header', () => {
    const site = siteFrom([]);
    site.cookies.push(jar({}, NOW + 10, { jarNoRestrictionMeansUnset: true }));
    expect(auditSite(site, { now: NOW + 20 }).cookies[0].sameSite).toBe('unspecified');
  });

  it('lets the latest state win for attributes (JavaScript hardened the cookie later)', () => {
    const site = siteFrom(['widget=abc; Path=/']);
    site.cookies.push(jar({ secure: true, sameSite: 'strict' }, NOW + 10));
    const c = auditSite(site, { now: NOW + 20 }).cookies[0];
    expect(c).toMatchObject({ secure: true, sameSite: 'strict' });
    expect(c.evidence).toBe('Set-Cookie: widget=…; Path=/');
  });

  it('keeps the rejection of a header cookie that never reached the jar while the jar has others', () => {
    const site = siteFrom(['tracker=1; SameSite=None', 'widget=abc; Secure; SameSite=None']);
    site.cookies.push(jar({}, NOW + 10));
    const a = auditSite(site, { now: NOW + 20 });
    expect(a.cookies.find((c) => c.name === 'tracker')).toMatchObject({
      rejected: ['samesite-none-insecure'],
      source: ['header'],
    });
    expect(a.cookies.find((c) => c.name === 'widget')?.rejected).toBeUndefined();
  });

  it('drops deletion sightings of a cookie that also lived, and lists a cookie seen only being deleted', () => {
    const a = audit([
      `sessionid=${SID}; Path=/`,
      'sessionid=; Max-Age=0; Path=/',
      'gone=; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
    const session = a.cookies.find((c) => c.name === 'sessionid')!;
    expect(session.deletion).toBeUndefined();
    expect(session.findings.map((f) => f.rule)).toContain('session-missing-secure');
    const gone = a.cookies.find((c) => c.name === 'gone')!;
    expect(gone).toMatchObject({ deletion: true, findings: [] });
  });

  it('treats a cookie whose expiry passed by `now` like a deletion', () => {
    const a = audit([`sessionid=${SID}; Max-Age=60`], {}, { now: NOW + 3_600_000 });
    expect(a.cookies[0]).toMatchObject({ deletion: true, findings: [] });
  });

  it('reports third-party cookies without scoring them', () => {
    const third = observeSetCookie(`sessionid=${SID}`, {
      url: 'https://ads.other.net/x',
      now: NOW,
      thirdParty: true,
    });
    const withThird = auditSite(siteFrom([], { cookies: [third] }), { now: NOW + 10 });
    const without = auditSite(siteFrom([]), { now: NOW + 10 });
    expect(withThird.cookies[0].thirdParty).toBe(true);
    expect(withThird.cookies[0].findings.length).toBeGreaterThan(0);
    expect(withThird.score).toBe(without.score);
  });

  it('lists session cookies first, then by worst severity', () => {
    const a = audit([
      'aaa=1',
      'zzz_csrf=1; Secure',
      `sessionid=${SID}; Secure; HttpOnly; SameSite=Strict`,
      'bbb=1; Secure; HttpOnly; SameSite=Lax',
    ]);
    expect(a.cookies.map((c) => c.name)).toEqual(['sessionid', 'aaa', 'zzz_csrf', 'bbb']);
  });

  it('never gives findings to ignored names, and does not score them', () => {
    const a = audit([`sessionid=${SID}`], {}, { ignoreNames: ['sessionid'] });
    expect(a.cookies[0].findings).toEqual([]);
    expect(a.cookies[0].role).toBe('session');
  });

  it('never throws on partial input', () => {
    expect(() =>
      auditSite({ url: 'https://x.example/', origin: 'https://x.example' } as SiteObservations),
    ).not.toThrow();
  });
});
