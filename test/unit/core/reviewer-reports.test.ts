/**
 * Reports a reviewer can hand on and CI gates on what is new: accepted risks (grading, expiry,
 * validation), provenance and coverage, baseline matching, the CSV inventory, the HTML report
 * (validated, no script, no external URL, no value) and the baseline/accepted marks in every format.
 */
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import {
  auditSite,
  buildReport,
  CSV_COLUMNS,
  compareWithBaseline,
  csvSafe,
  findingsAtOrAbove,
  formatCsv,
  listRules,
  observeJarCookie,
  observeSetCookie,
  parseBaseline,
  renderReport,
  toSarif,
  validateSettings,
  withWarnings,
} from '../../../src/core/index.ts';
import type {
  AcceptedRisk,
  CookieAuditReport,
  CookieObservation,
  SiteAudit,
  SiteObservations,
} from '../../../src/core/types.ts';
import { lessonFor, wording } from '../../../src/lessons/index.ts';
import { renderHtmlReport } from '../../../src/report/html-report.tsx';
import { reportSchemaErrors } from '../../helpers/report-schema.ts';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.ts';

const NOW = Date.UTC(2026, 0, 15, 9, 30, 0);
const SECRET = 'q8Zr3VbN6yT1mKp0aW4xLc7eHs2dJf9g';
const SECRET_CART = 'b1946ac92492d2347c6235b4d2611184';
const HSTS = 'max-age=63072000; includeSubDomains; preload';

function observe(line: string, url: string, at: number, method = 'GET', status = 200): CookieObservation {
  return observeSetCookie(line, { url, now: at, request: { method, status, mainFrame: true } });
}

function site(origin: string, cookies: CookieObservation[], extra: Partial<SiteObservations> = {}) {
  return {
    url: `${origin}/`,
    origin,
    cookies,
    responses: [{ url: `${origin}/`, status: 200, hsts: HSTS, mainFrame: true, observedAt: NOW }],
    redirects: [],
    sentInClear: [],
    logins: [],
    sessionInUrl: [],
    schemesSeen: [origin.startsWith('https') ? 'https' : 'http'],
    ...extra,
  } as SiteObservations;
}

function shop(origin = 'https://shop.example.com', lines?: string[]): SiteObservations {
  return site(
    origin,
    (
      lines ?? [
        `sessionid=${SECRET}; Path=/; Secure; SameSite=Lax`,
        `cart_id=${SECRET_CART}; Path=/; Secure; SameSite=Lax`,
      ]
    ).map((l, i) => observe(l, `${origin}/`, NOW + i)),
  );
}

function report(...sites: SiteAudit[]): CookieAuditReport {
  return buildReport(sites, { version: '9.9.9', createdAt: new Date(NOW).toISOString() });
}

const allFindings = (r: CookieAuditReport) =>
  r.sites.flatMap((s) => [...s.findings, ...s.cookies.flatMap((c) => c.findings)]);

describe('accepted risks', () => {
  const risk: AcceptedRisk = {
    rule: 'session-missing-httponly',
    cookie: 'sessionid',
    reason: 'The SPA reads it (being fixed)',
  };

  it('are listed and marked, with the reason, but count neither in the grade nor in --fail-on', () => {
    const plain = auditSite(shop(), { now: NOW + 10 }, wording);
    const accepted = auditSite(shop(), { now: NOW + 10, acceptedRisks: [risk] }, wording);
    const f = accepted.cookies.find((c) => c.name === 'sessionid')!.findings;
    const marked = f.find((x) => x.rule === 'session-missing-httponly')!;
    expect(marked.accepted).toEqual({ reason: risk.reason });
    expect(f.filter((x) => x.accepted)).toHaveLength(1);
    expect(accepted.score).toBeGreaterThan(plain.score);
    expect(findingsAtOrAbove(report(plain), 'high').map((x) => x.rule)).toEqual(['session-missing-httponly']);
    expect(findingsAtOrAbove(report(accepted), 'high')).toEqual([]);
  });

  it('match by rule, cookie name (prefix *), origin or host; not other cookies, sites or rules', () => {
    const a = (r: AcceptedRisk) =>
      auditSite(shop(), { now: NOW + 10, acceptedRisks: [r] }, wording)
        .cookies.flatMap((c) => c.findings)
        .filter((x) => x.accepted).length;
    expect(a({ ...risk, cookie: 'session*' })).toBe(1);
    expect(a({ ...risk, cookie: 'other' })).toBe(0);
    expect(a({ ...risk, site: 'https://shop.example.com' })).toBe(1);
    expect(a({ ...risk, site: 'shop.example.com' })).toBe(1);
    expect(a({ ...risk, site: 'https://shop.example.com:8443' })).toBe(0);
    expect(a({ ...risk, rule: 'session-no-prefix' })).toBe(1);
    expect(a({ rule: 'cookie-missing-httponly', reason: 'any cookie' })).toBe(1);
  });

  it('expire after until (the end of that day, UTC) and the audit warns', () => {
    const day = new Date(NOW).toISOString().slice(0, 10);
    const lastDay = auditSite(shop(), { now: NOW, acceptedRisks: [{ ...risk, until: day }] }, wording);
    expect(lastDay.expiredAcceptances).toBeUndefined();
    expect(lastDay.cookies[0].findings.some((x) => x.accepted)).toBe(true);
    const after = auditSite(
      shop(),
      { now: NOW + 86_400_000, acceptedRisks: [{ ...risk, until: day }] },
      wording,
    );
    expect(after.cookies.flatMap((c) => c.findings).some((x) => x.accepted)).toBe(false);
    expect(after.expiredAcceptances).toEqual([{ ...risk, until: day }]);
    const text = renderReport(report(after), 'text', { rules: listRules() });
    expect(text).toContain(`expired on ${day}; it applies no more`);
    expect(renderReport(report(after), 'md', { rules: listRules() })).toContain(
      '**Warning:** The accepted risk',
    );
  });

  it('are validated as strictly as the other settings', () => {
    const { settings, problems } = validateSettings({
      acceptedRisks: [
        risk,
        { rule: 'no-such-rule', reason: 'x' },
        { rule: 'hsts-missing' },
        { rule: 'hsts-missing', reason: '   ' },
        { rule: 'hsts-missing', reason: 'r', until: '2026-02-30' },
        { rule: 'hsts-missing', reason: 'r', until: 'tomorrow' },
        { rule: 'hsts-missing', reason: 'r', cookie: 'a b' },
        { rule: 'hsts-missing', reason: 'r', site: 'javascript:alert(1)' },
        { rule: 'hsts-missing', reason: 'line\nbreak' },
        { rule: 'hsts-missing', reason: 'r', extra: true },
        'hsts-missing',
        { rule: 'hsts-missing', reason: 'fine', until: '2026-12-31T23:00:00Z', site: 'https://A.example/' },
      ],
    });
    expect(settings.acceptedRisks).toEqual([
      risk,
      { rule: 'hsts-missing', reason: 'fine', until: '2026-12-31T23:00:00Z', site: 'https://a.example' },
    ]);
    expect(problems).toHaveLength(10);
    expect(problems.join('\n')).toMatch(/acceptedRisks\[1\]: unknown rule id "no-such-rule"/);
    expect(problems.join('\n')).toMatch(/acceptedRisks\[2\]: reason is required/);
    expect(problems.join('\n')).toMatch(/acceptedRisks\[4\]: until must be a date/);
    expect(validateSettings({ acceptedRisks: 'all' }).problems[0]).toMatch(/must be a list/);
  });
});

describe('provenance and coverage', () => {
  const origin = 'https://app.example.com';

  it('names the first response that set a cookie and the last one that changed it', () => {
    const first = observe('sid=a1; Path=/; Secure; HttpOnly', `${origin}/login`, NOW, 'POST', 302);
    const later = observe('sid=b2; Path=/; Secure; HttpOnly', `${origin}/refresh`, NOW + 5000, 'GET', 200);
    const a = auditSite(site(origin, [later, first]), { now: NOW + 6000 }, wording);
    expect(a.cookies[0].provenance).toEqual({
      first: {
        by: 'response',
        url: `${origin}/login`,
        method: 'POST',
        status: 302,
        mainFrame: true,
        at: new Date(NOW).toISOString(),
      },
      last: {
        by: 'response',
        url: `${origin}/refresh`,
        method: 'GET',
        status: 200,
        mainFrame: true,
        at: new Date(NOW + 5000).toISOString(),
      },
    });
  });

  it('keeps the first sighting a recorder carried along, and says "page script" with no Set-Cookie', () => {
    const latest = observe('sid=b2; Path=/; Secure; HttpOnly', `${origin}/refresh`, NOW + 5000);
    latest.firstSighting = {
      source: 'header',
      url: `${origin}/login`,
      observedAt: NOW,
      request: { method: 'POST', status: 302, mainFrame: true },
    };
    const a = auditSite(site(origin, [latest]), { now: NOW + 6000 }, wording);
    expect(a.cookies[0].provenance?.first).toMatchObject({ method: 'POST', url: `${origin}/login` });
    expect(a.cookies[0].provenance?.last).toMatchObject({ method: 'GET', url: `${origin}/refresh` });

    const jar = observeJarCookie(
      {
        name: 'theme',
        value: 'dark',
        domain: 'app.example.com',
        hostOnly: true,
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'lax',
        session: true,
      },
      { url: `${origin}/settings`, now: NOW },
    );
    const js = auditSite(site(origin, [jar]), { now: NOW + 10 }, wording);
    expect(js.cookies[0].provenance).toEqual({
      first: { by: 'script', url: `${origin}/settings`, at: new Date(NOW).toISOString() },
    });
    expect(js.coverage?.gaps.join(' ')).toMatch(/No Set-Cookie header was seen/);
  });

  it('lists what the audit could not see', () => {
    const a = auditSite(shop(), { now: NOW + 10 }, wording);
    expect(a.coverage).toMatchObject({ headerCookies: 2, jarCookies: 0, responses: 1 });
    const gaps = a.coverage!.gaps.join('\n');
    expect(gaps).toMatch(/cookie jar was not read/);
    expect(gaps).toMatch(/redirect was not checked/);
    expect(gaps).toMatch(/No login was observed/);
    const empty = auditSite(site(origin, [], { responses: [] }), { now: NOW }, wording);
    expect(empty.coverage!.gaps.join('\n')).toMatch(/No response of this site was seen/);
  });
});

describe('baselines', () => {
  const before = report(auditSite(shop(), { now: NOW + 10 }, wording));
  const parsed = () => parseBaseline(JSON.parse(JSON.stringify(before)));

  it('an identical run: every finding unchanged, nothing fixed', () => {
    const r = compareWithBaseline(report(auditSite(shop(), { now: NOW + 10 }, wording)), parsed());
    expect(allFindings(r).every((f) => f.baselineState === 'unchanged')).toBe(true);
    expect(r.baseline).toMatchObject({
      key: 'origin',
      baselineVersion: '9.9.9',
      counts: { new: 0, fixed: 0 },
    });
    expect(r.baseline!.counts.unchanged).toBe(allFindings(r).length);
    expect(findingsAtOrAbove(r, 'low', true)).toEqual([]);
    expect(reportSchemaErrors(r)).toEqual([]);
  });

  it("a renamed cookie: its findings are new, the old name's are fixed; values never matter", () => {
    const renamed = shop(undefined, [
      `sessionid=${[...SECRET].reverse().join('')}; Path=/; Secure; SameSite=Lax`,
      `basket_id=${SECRET_CART}; Path=/; Secure; SameSite=Lax`,
    ]);
    const r = compareWithBaseline(report(auditSite(renamed, { now: NOW + 10 }, wording)), parsed());
    const basket = r.sites[0].cookies.find((c) => c.name === 'basket_id')!;
    expect(basket.findings.map((f) => f.baselineState)).toEqual(['new']);
    const session = r.sites[0].cookies.find((c) => c.name === 'sessionid')!;
    expect(session.findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
    expect(r.baseline!.fixed).toEqual([
      {
        site: 'https://shop.example.com',
        scope: 'cookie',
        rule: 'cookie-missing-httponly',
        severity: 'info',
        message: expect.any(String),
        cookie: { name: 'cart_id', domain: 'shop.example.com', path: '/' },
      },
    ]);
    expect(findingsAtOrAbove(r, 'info', true).map((f) => f.rule)).toEqual(['cookie-missing-httponly']);
  });

  it('a moved site: new/fixed by origin, unchanged by host (scheme and port ignored)', () => {
    // A moved host keeps its cookie domains only if they are host-only on the same host name.
    const moved = auditSite(shop('https://shop.example.com:8443'), { now: NOW + 10 }, wording);
    const byOrigin = compareWithBaseline(report(moved), parsed(), 'origin');
    expect(byOrigin.baseline!.counts.unchanged).toBe(0);
    expect(byOrigin.baseline!.counts.fixed).toBe(allFindings(before).length);
    const byHost = compareWithBaseline(report(moved), parsed(), 'host');
    expect(byHost.baseline!.counts).toEqual({ new: 0, unchanged: allFindings(before).length, fixed: 0 });
  });

  it('the same finding twice: once unchanged, once new (identities are counted)', () => {
    const one = report(auditSite(shop(), { now: NOW + 10 }, wording));
    const twice = report(one.sites[0], one.sites[0]);
    const r = compareWithBaseline(twice, parsed());
    expect(r.baseline!.counts.unchanged).toBe(allFindings(one).length);
    expect(r.baseline!.counts.new).toBe(allFindings(one).length);
    expect(r.baseline!.counts.fixed).toBe(0);
    // And the other way round: the baseline had it twice, this run once → one fixed.
    const back = compareWithBaseline(one, parseBaseline(JSON.parse(JSON.stringify(twice))));
    expect(back.baseline!.counts.fixed).toBe(allFindings(one).length);
  });

  it('accepts an older report (no coverage, provenance or warnings) and refuses what is not a report', () => {
    const old = JSON.parse(JSON.stringify(before));
    old.generator.version = '0.0.1';
    for (const s of old.sites) {
      delete s.coverage;
      for (const c of s.cookies) delete c.provenance;
    }
    const b = parseBaseline(old);
    expect(b.version).toBe('0.0.1');
    expect(b.findings.length).toBe(allFindings(before).length);
    expect(() => parseBaseline({ version: '2.1.0', runs: [] })).toThrow(/not a Cookie Audit JSON report/);
    expect(() => parseBaseline([])).toThrow(/not a JSON object/);
    expect(() => parseBaseline({ schema: 'cookie-audit-report/1' })).toThrow(/no "sites" list/);
  });

  it('text, Markdown, HTML show NEW and FIXED; SARIF sets baselineState new/unchanged/absent', () => {
    const renamed = shop(undefined, [
      `sessionid=${SECRET}; Path=/; Secure; SameSite=Lax`,
      `basket_id=${SECRET_CART}; Path=/; Secure; SameSite=Lax`,
    ]);
    const r = compareWithBaseline(report(auditSite(renamed, { now: NOW + 10 }, wording)), parsed());
    const opts = { rules: listRules(), lessons: lessonFor };
    const text = renderReport(r, 'text', opts);
    expect(text).toContain('1 new,');
    expect(text).toMatch(/NEW \[INFO\] cookie-missing-httponly/);
    expect(text).toMatch(
      /FIXED \[INFO\] cookie-missing-httponly on https:\/\/shop\.example\.com, cookie cart_id/,
    );
    const md = renderReport(r, 'md', opts);
    expect(md).toContain('**NEW** ');
    expect(md).toContain('## FIXED since the baseline');
    const html = renderHtmlReport(r, { css: '', lessonFor });
    expect(html).toContain('<span class="badge new">NEW</span>');
    expect(html).toContain('<span class="badge fixed">FIXED</span>');
    const log = toSarif(r, opts);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const states = log.runs[0].results.map((x) => x.baselineState);
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
    expect(states.filter((s) => s === 'absent')).toHaveLength(1);
    expect(states.filter((s) => s === 'unchanged')).toHaveLength(states.length - 2);
  });
});

describe('CSV inventory', () => {
  const hostile = site('https://shop.example.com', [
    observe(`@SUM(A1)=${SECRET}; Path=/`, 'https://shop.example.com/', NOW),
    observe(`+cmd=${SECRET_CART}; Path=/`, 'https://shop.example.com/', NOW + 1),
    observe(`quote"comma,name=${SECRET}; Path=/; Secure; HttpOnly`, 'https://shop.example.com/x', NOW + 2),
  ]);
  const audit = auditSite(hostile, { now: NOW + 10 }, wording);
  const csv = formatCsv(report(audit));
  const rows = csv.split('\r\n').filter(Boolean);

  it('has one header row and one row per cookie, every field quoted (RFC 4180, CRLF)', () => {
    expect(rows[0]).toBe(CSV_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(rows).toHaveLength(4);
    expect(csv.endsWith('\r\n')).toBe(true);
    for (const row of rows) expect(row.startsWith('"') && row.endsWith('"')).toBe(true);
    expect(csv).toContain('"quote""comma,name"');
  });

  it('neutralises formulas and never holds a value', () => {
    expect(csv).toContain(`"'@SUM(A1)"`);
    expect(csv).toContain('"\'+cmd"');
    expect(csvSafe('-1')).toBe("'-1");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('plain')).toBe('plain');
    expect(csv).not.toContain(SECRET);
    expect(csv).not.toContain(SECRET_CART);
  });

  it('carries the columns the inventory needs, provenance included', () => {
    const header = rows[0].split(',').map((c) => c.slice(1, -1));
    const plus = rows.find((r) => r.includes("'+cmd"))!;
    const cells = plus.split('","').map((c) => c.replace(/^"|"$/g, ''));
    const get = (col: string) => cells[header.indexOf(col)];
    expect(get('site')).toBe('https://shop.example.com');
    expect(get('host_only')).toBe('true');
    expect(get('secure')).toBe('false');
    expect(get('value_length')).toBe('32');
    expect(get('value_format')).toBe('hex');
    expect(get('set_by')).toMatch(
      /^GET https:\/\/shop\.example\.com\/ → 200 \(main frame\) at 2026-01-15T09:30/,
    );
    expect(get('finding_ids')).toContain('cookie-missing-secure');
    const rank = ['info', 'low', 'medium', 'high'];
    const plusCookie = audit.cookies.find((c) => c.name === '+cmd')!;
    const worst = plusCookie.findings
      .map((f) => f.severity)
      .sort((a, b) => rank.indexOf(b) - rank.indexOf(a))[0];
    expect(get('highest_severity')).toBe(worst);
  });
});

describe('HTML report', () => {
  const audit = auditSite(
    shop('https://shop.example.com', [
      `sessionid=${SECRET}; Path=/; Secure; SameSite=Lax`,
      `cart_id=${SECRET_CART}; Path=/; Secure; SameSite=Lax`,
      `<img src=x onerror=alert(1)>=${SECRET}; Path=/`,
    ]),
    {
      now: NOW + 10,
      acceptedRisks: [
        { rule: 'cookie-missing-httponly', cookie: 'cart_id', reason: 'read by the <b>cart</b> widget' },
      ],
    },
    wording,
  );
  const other = auditSite(shop('http://legacy.example.com'), { now: NOW + 10 }, wording);
  const r = withWarnings(report(audit, other), ['A sanitized <HAR>']);
  const html = renderHtmlReport(r, { css: 'body { color: red; }', lessonFor });

  it('is valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      // Lists labelled for screen readers (chips, counts): allowed by the standard, flagged as style.
      rules: { 'aria-label-misuse': 'off' },
    });
    const result = await validator.validateString(html);
    expect(result.results.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('holds no script, no event handler, no external URL in src or href, and no value', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    for (const m of html.matchAll(/\s(src|href)="([^"]*)"/g)) expect(m[2]).toMatch(/^#/);
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(SECRET_CART);
  });

  it('has a strict CSP that allows exactly its one stylesheet', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('has per site the grade, coverage, site findings, every cookie, explanations and the detected fix', () => {
    expect(html).toContain('Summary');
    expect(html.match(/class="site-report"/g)).toHaveLength(2);
    expect(html).toContain(`Grade <strong>${audit.grade}</strong>`);
    expect(html).toContain('What this audit could not see');
    expect(html).toContain('cookie jar was not read');
    expect(html).toContain('HSTS');
    const lesson = lessonFor('session-missing-httponly')!;
    expect(html).toContain(lesson.why.replace(/'/g, '&#39;').slice(0, 40));
    // Django detected (sessionid): its fix, not a tab strip.
    expect(html).toContain('How to fix</strong> (Django, detected)');
    expect(html).not.toContain('role="tablist"');
    expect(html).toContain('SESSION_COOKIE_HTTPONLY = True');
    expect(html).toContain('<span class="cookie-name">&lt;img src</span>');
    expect(html).toContain('accepted risk</span> read by the &lt;b>cart&lt;/b> widget');
    expect(html).toContain('A sanitized &lt;HAR>');
    expect(html).toMatch(/Set by <\/span><span class="setter"[^>]*>GET \/ \(200, main frame\)/);
  });
});

describe('every format, the same value-leak check', () => {
  it('text, json, md, sarif, csv and html hold no cookie value', () => {
    const r = report(auditSite(shop(), { now: NOW + 10 }, wording));
    for (const format of ['text', 'json', 'md', 'sarif', 'csv', 'html'] as const) {
      const out = renderReport(r, format, {
        rules: listRules(),
        lessons: lessonFor,
        html: (x) => renderHtmlReport(x, { css: '', lessonFor }),
      });
      expect(out.length).toBeGreaterThan(100);
      expect(out, format).not.toContain(SECRET);
      expect(out, format).not.toContain(SECRET_CART);
    }
  });
});
