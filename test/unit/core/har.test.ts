import { describe, expect, it } from 'vitest';
import { auditSite, harToSiteObservations, keyedHash } from '../../../src/core/index.ts';

const T0 = '2025-06-01T12:00:00.000Z';
const NOW = Date.parse(T0);

interface E {
  url: string;
  status?: number;
  page?: string;
  mime?: string;
  setCookie?: string[];
  headers?: [string, string][];
  reqHeaders?: [string, string][];
  location?: string;
  resCookies?: object[];
}

function entry(e: E) {
  const headers = [
    ...(e.setCookie ?? []).map((v) => ({ name: 'Set-Cookie', value: v })),
    ...(e.headers ?? []).map(([name, value]) => ({ name, value })),
    ...(e.location ? [{ name: 'Location', value: e.location }] : []),
  ];
  return {
    ...(e.page ? { pageref: e.page } : {}),
    startedDateTime: T0,
    request: {
      method: 'GET',
      url: e.url,
      headers: (e.reqHeaders ?? []).map(([name, value]) => ({ name, value })),
      cookies: [],
    },
    response: {
      status: e.status ?? 200,
      headers,
      cookies: e.resCookies ?? [],
      redirectURL: e.location ?? '',
      content: { mimeType: e.mime ?? 'text/html; charset=utf-8' },
    },
  };
}

const har = (entries: E[], pages?: string[]) => ({
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    ...(pages ? { pages: pages.map((id) => ({ id, title: id, startedDateTime: T0 })) } : {}),
    entries: entries.map(entry),
  },
});

describe('harToSiteObservations', () => {
  const sample = har(
    [
      {
        page: 'p1',
        url: 'http://shop.example.com/',
        status: 301,
        location: 'https://shop.example.com/',
        setCookie: ['tracking_pre=1'],
      },
      {
        page: 'p1',
        url: 'https://shop.example.com/',
        setCookie: ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/; HttpOnly\ncsrftoken=abc; Path=/'],
        headers: [['Strict-Transport-Security', 'max-age=86400']],
      },
      {
        page: 'p1',
        url: 'https://cdn.tracker.net/pixel.gif',
        mime: 'image/gif',
        setCookie: ['uid=42; SameSite=None; Secure'],
      },
      {
        page: 'p1',
        url: 'http://shop.example.com/logo.png',
        mime: 'image/png',
        reqHeaders: [['Cookie', 'sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; lang=en']],
      },
      { page: 'p2', url: 'https://blog.example.org/', setCookie: ['wp_pref=1; Secure'] },
    ],
    ['p1', 'p2'],
  );

  it('groups entries by page and lands on the page after redirects', () => {
    const { sites, warnings } = harToSiteObservations(sample, { now: NOW });
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.url)).toEqual(['https://shop.example.com/', 'https://blog.example.org/']);
    expect(sites[0].origin).toBe('https://shop.example.com');
  });

  it("reads every response's Set-Cookie (newline-joined too), HSTS, redirects and clear-text sends", () => {
    const s = harToSiteObservations(sample, { now: NOW }).sites[0];
    expect(s.cookies.map((c) => c.name)).toEqual(['tracking_pre', 'sessionid', 'csrftoken', 'uid']);
    expect(s.cookies.find((c) => c.name === 'uid')?.thirdParty).toBe(true);
    expect(s.cookies.find((c) => c.name === 'sessionid')?.thirdParty).toBe(false);
    expect(s.responses.find((r) => r.url === 'https://shop.example.com/')).toMatchObject({
      hsts: 'max-age=86400',
      mainFrame: true,
    });
    expect(s.redirects).toEqual([
      { from: 'http://shop.example.com/', to: 'https://shop.example.com/', status: 301, observedAt: NOW },
    ]);
    expect(s.sentInClear).toEqual([
      { url: 'http://shop.example.com/logo.png', cookieNames: ['sessionid', 'lang'], observedAt: NOW },
    ]);
    expect(s.schemesSeen).toEqual(['http', 'https']);
    expect(JSON.stringify(s)).not.toContain('k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8');
  });

  it('feeds the same engine: session rules, HSTS and redirect findings', () => {
    const s = harToSiteObservations(sample, { now: NOW, hashValue: (v) => keyedHash(v, 'k') }).sites[0];
    const a = auditSite(s, { now: NOW });
    const rules = [...a.findings, ...a.cookies.flatMap((c) => c.findings)].map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'session-missing-secure',
        'session-sent-over-http',
        'hsts-short',
        'mixed-http-https',
        'csrf-missing-samesite',
      ]),
    );
    expect(rules).not.toContain('https-redirect-missing');
    expect(a.cookies.find((c) => c.name === 'uid')?.thirdParty).toBe(true);
  });

  it('treats a host seen over http:// on one page and https:// on another as one host (mixed-http-https)', () => {
    const { sites } = harToSiteObservations(
      har([
        { url: 'http://shop.example.com/', mime: 'text/html', setCookie: ['lang=en'] },
        {
          url: 'https://shop.example.com/',
          mime: 'text/html',
          setCookie: ['sessionid=k3j4h5g6f7d8s9a0q1w2; Secure'],
        },
        { url: 'https://other.example.net/', mime: 'text/html' },
      ]),
      { now: NOW },
    );
    expect(sites.map((s) => [s.origin, s.schemesSeen])).toEqual([
      ['http://shop.example.com', ['http', 'https']],
      ['https://shop.example.com', ['http', 'https']],
      ['https://other.example.net', ['https']],
    ]);
    const https = auditSite(sites[1], { now: NOW });
    expect(https.findings.map((f) => f.rule)).toContain('mixed-http-https');
    expect(auditSite(sites[2], { now: NOW }).findings.map((f) => f.rule)).not.toContain('mixed-http-https');
  });

  it('groups by document navigation when the HAR has no pages', () => {
    const { sites } = harToSiteObservations(
      har([
        {
          url: 'http://a.example.com/',
          status: 302,
          location: 'https://a.example.com/home',
          mime: 'text/html',
        },
        { url: 'https://a.example.com/home', setCookie: ['sid=abcdefghijklmnopqrstuvwxyz012345; Secure'] },
        { url: 'https://a.example.com/app.js', mime: 'text/javascript', setCookie: ['x=1'] },
        { url: 'https://b.example.net/', setCookie: ['y=2; Secure'] },
      ]),
      { now: NOW },
    );
    expect(sites.map((s) => [s.url, s.cookies.map((c) => c.name)])).toEqual([
      ['https://a.example.com/home', ['sid', 'x']],
      ['https://b.example.net/', ['y']],
    ]);
  });

  it('falls back to the response cookies array when an exporter dropped the header', () => {
    const { sites } = harToSiteObservations(
      har([
        {
          url: 'https://a.example.com/',
          resCookies: [
            { name: 'sid', value: 'abc', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' },
          ],
        },
      ]),
      { now: NOW },
    );
    expect(sites[0].cookies[0]).toMatchObject({
      name: 'sid',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    });
  });

  it('warns clearly when the HAR looks sanitized instead of reporting a clean site', () => {
    const { sites, warnings } = harToSiteObservations(
      har([
        { url: 'https://a.example.com/' },
        { url: 'https://a.example.com/app.js', mime: 'text/javascript' },
      ]),
      { now: NOW },
    );
    expect(sites).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/looks sanitized.*Set-Cookie.*with sensitive data/);
  });

  it('warns when the export carries a sanitized marker', () => {
    const h = har([{ url: 'https://a.example.com/', setCookie: ['a=1'] }]);
    (h.log as Record<string, unknown>)._sanitized = true;
    expect(harToSiteObservations(h, { now: NOW }).warnings[0]).toMatch(/exported sanitized/);
  });

  it('never throws on garbage', () => {
    for (const x of [null, 42, 'har', {}, { log: {} }, { log: { entries: [null, 1, { request: {} }] } }]) {
      const r = harToSiteObservations(x, { now: NOW });
      expect(r.sites).toEqual([]);
      expect(r.warnings.length).toBeGreaterThan(0);
    }
  });
});

describe('HAR capture time', () => {
  it('judges expiry at capture time, not at audit time', () => {
    const h = har([
      {
        url: 'https://a.example.com/',
        setCookie: ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Max-Age=3600'],
      },
    ]);
    const { sites } = harToSiteObservations(h, { now: NOW + 365 * 86400_000 });
    const a = auditSite(sites[0]);
    expect(a.cookies[0].deletion).toBeUndefined();
    expect(a.cookies[0].findings.map((f) => f.rule)).toContain('session-missing-secure');
  });
});

describe('HAR URLs keep no secrets', () => {
  it('drops query strings and masks ;jsessionid= in every observation and finding, and reports the token', () => {
    const { sites } = harToSiteObservations(
      har([
        {
          url: 'https://shop.example.com/cart;jsessionid=0123456789ABCDEF0123?sid=SECRETQUERYTOKEN99&x=1',
          setCookie: ['JSESSIONID=0123456789ABCDEF0123; Path=/'],
          headers: [['Strict-Transport-Security', 'max-age=31536000']],
        },
      ]),
      { now: NOW },
    );
    const audit = auditSite(sites[0], { now: NOW });
    const text = JSON.stringify({ sites, audit });
    expect(text).not.toContain('SECRETQUERYTOKEN99');
    expect(text).not.toContain('0123456789ABCDEF0123');
    expect(audit.findings.map((f) => f.rule)).toContain('session-in-url');
  });
});
