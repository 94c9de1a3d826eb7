/**
 * What the engine keeps of secrets it is handed: nameless cookies in a Cookie header, credentials in
 * URLs, the keyed hash of a value, payload key names that are themselves data, and text hidden in a
 * quoted cookie value. Each case here failed before the engine learned to drop it.
 */
import { describe, expect, it } from 'vitest';
import {
  auditSite,
  buildReport,
  cookieHeaderNames,
  emptySiteObservations,
  harToSiteObservations,
  keyedHash,
  listRules,
  observeSetCookie,
  parseCookieHeader,
  REPORT_FORMATS,
  renderReport,
  scrubText,
  scrubUrl,
} from '../../../src/core/index.ts';
import { lessonFor } from '../../../src/lessons/index.ts';
import { renderHtmlReport } from '../../../src/report/html-report.tsx';

/** Every format, the HTML report with its real renderer (the UI's components, server-side). */
const RENDER = {
  rules: listRules(),
  lessons: lessonFor,
  html: (r: Parameters<typeof renderHtmlReport>[0]) => renderHtmlReport(r, { css: '', lessonFor }),
};

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const NAMELESS = 'NamelessSecretValue42';

const onePage = (obs: ReturnType<typeof observeSetCookie>) =>
  emptySiteObservations('https://app.example/', { cookies: [obs], schemesSeen: ['https'] });

describe('the Cookie request header', () => {
  it('never takes a part without "=" (a nameless cookie, sent as its bare value) for a name', () => {
    const header = `sessionid=abc; ${NAMELESS}; lang=en; =EmptyNameSecret; theme=`;
    expect(parseCookieHeader(header)).toEqual([
      { name: 'sessionid', value: 'abc' },
      { name: 'lang', value: 'en' },
      { name: 'theme', value: '' },
    ]);
    expect(cookieHeaderNames(header)).toEqual(['sessionid', 'lang', 'theme']);
    expect(cookieHeaderNames(NAMELESS)).toEqual([]);
  });

  it('reads at most 100 pairs of a hostile header', () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}=v`).join('; ');
    expect(parseCookieHeader(header)).toHaveLength(100);
  });

  it('keeps a HAR request header nameless cookie out of sentInClear', () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2025-06-01T12:00:00.000Z',
            request: {
              url: 'http://legacy.example/',
              headers: [{ name: 'Cookie', value: `sid=abc; ${NAMELESS}` }],
              cookies: [],
            },
            response: { status: 200, headers: [], cookies: [], content: { mimeType: 'text/html' } },
          },
        ],
      },
    };
    const { sites } = harToSiteObservations(har, { now: NOW });
    expect(sites[0].sentInClear[0].cookieNames).toEqual(['sid']);
    expect(JSON.stringify(sites)).not.toContain(NAMELESS);
  });
});

describe('URLs', () => {
  it('lose user info, query and fragment in scrubUrl, however malformed', () => {
    expect(scrubUrl('https://user:p%40ss@app.example:8443/a/b?password=x#frag')).toBe(
      'https://app.example:8443/a/b',
    );
    expect(scrubUrl('https://user:pa@ss@app.example/')).toBe('https://app.example/');
    expect(scrubUrl('http://user@app.example')).toBe('http://app.example');
    expect(scrubUrl('https://app.example/path@not-userinfo')).toBe('https://app.example/path@not-userinfo');
    expect(scrubUrl('https://app.example/cart;jsessionid=ABCDEF123456')).toBe(
      'https://app.example/cart;jsessionid=…',
    );
    expect(scrubUrl('not a url with secret@host?x=1')).toBe('not a url with secret@host');
  });

  it('are scrubbed wherever they appear in free text; a fully masked query is kept', () => {
    expect(scrubText('Logged in: now at https://app.example/account?password=hunter2 (200)')).toBe(
      'Logged in: now at https://app.example/account (200)',
    );
    expect(scrubText('Could not open "http://u:pw@h.example/x#y"')).toBe(
      'Could not open "http://h.example/x"',
    );
    expect(scrubText('https://app.example/?sid=…&a=…')).toBe('https://app.example/?sid=…&a=…');
    expect(scrubText('https://app.example/?sid=…&a=b')).toBe('https://app.example/');
  });

  it('never reach an audit or a report of any format with user info or query', () => {
    const url = 'https://alice:Pa55word@app.example/login?password=Pa55word#top';
    const obs = observeSetCookie('sessionid=abcdefghijklmnopqrstuvwxyz012345; Path=/', {
      url,
      now: NOW,
    });
    const audit = auditSite(
      {
        url,
        origin: 'https://app.example',
        cookies: [obs],
        responses: [{ url, status: 200, hsts: null, mainFrame: true, observedAt: NOW }],
        redirects: [{ from: url, to: url, status: 302, observedAt: NOW }],
        sentInClear: [],
        logins: [{ url, observedAt: NOW, cookies: [{ name: 'sessionid', beforeHash: 'h', afterHash: 'h' }] }],
        sessionInUrl: [],
        schemesSeen: ['https'],
      },
      { now: NOW },
    );
    const report = buildReport([audit], { version: 't', createdAt: new Date(NOW).toISOString() });
    expect(audit.findings.length + audit.cookies[0].findings.length).toBeGreaterThan(0);
    for (const format of REPORT_FORMATS) {
      const text = renderReport(report, format, RENDER);
      expect(text, format).not.toContain('Pa55word');
      expect(text, format).not.toContain('alice');
    }
  });
});

describe('values', () => {
  it('keep their keyed hash out of the audit and every report format', () => {
    const value = 'abcdefghijklmnopqrstuvwxyz012345';
    const hash = keyedHash(value, 'session-key-0123456789abcdef');
    const obs = observeSetCookie(`sessionid=${value}; Path=/; Secure; HttpOnly`, {
      url: 'https://app.example/',
      now: NOW,
      hashValue: (v) => keyedHash(v, 'session-key-0123456789abcdef'),
    });
    expect(obs.value.hash).toBe(hash);
    const audit = auditSite(onePage(obs), { now: NOW });
    expect(audit.cookies[0].value).not.toHaveProperty('hash');
    const report = buildReport([audit], { version: 't', createdAt: new Date(NOW).toISOString() });
    for (const format of REPORT_FORMATS) {
      expect(renderReport(report, format, RENDER), format).not.toContain(hash);
    }
  });

  it('name only known claim and session keys of a readable payload; other keys are counted', () => {
    const payload = { sub: '42', 'alice@example.com': true, role: 'admin', 'private note': 1 };
    const jwtPart = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart(payload)}.${'s'.repeat(43)}`;
    for (const value of [jwt, encodeURIComponent(JSON.stringify(payload))]) {
      const obs = observeSetCookie(`session=${value}; Path=/`, { url: 'https://app.example/', now: NOW });
      expect(obs.value.payloadKeys).toEqual(['sub', 'role']);
      expect(obs.value.payloadKeyCount).toBe(4);
      const audit = auditSite(onePage(obs), { now: NOW });
      const report = buildReport([audit], { version: 't', createdAt: new Date(NOW).toISOString() });
      for (const format of REPORT_FORMATS) {
        const text = renderReport(report, format, RENDER);
        expect(text, format).not.toContain('alice');
        expect(text, format).not.toContain('private note');
      }
    }
  });

  it('show only understood attributes in evidence: text inside a quoted value never appears', () => {
    const line = 'sid="abc; Hidden=Secret42; x"; Path=/; Secure=Leaky99; HttpOnly; Priority=High';
    const obs = observeSetCookie(line, { url: 'https://app.example/', now: NOW });
    expect(obs.evidence).toBe('Set-Cookie: sid=…; Path=/; Secure; HttpOnly; …(3 other attributes not shown)');
    for (const secret of ['Hidden', 'Secret42', 'Leaky99', 'x"']) expect(obs.evidence).not.toContain(secret);
    // A line with only understood attributes keeps its own spelling and order.
    expect(
      observeSetCookie('sid=abc; path=/; SameSite=Lax; secure', { url: 'https://app.example/', now: NOW })
        .evidence,
    ).toBe('Set-Cookie: sid=…; path=/; SameSite=Lax; secure');
  });
});
