import { describe, expect, it } from 'vitest';
import type { RedirectCheck } from '../../../src/core/index.ts';
import { redirectVerdict } from '../../../src/popup/components/RedirectCheckPanel.tsx';
import { FIXTURE_NOW, makeTabView } from '../../../src/ui/connect/fixtures.ts';
import {
  cookiePrefix,
  describeExpiry,
  groupCookies,
  isGradable,
  matchesFilter,
  siteCounts,
  toRows,
  worstSeverity,
} from '../../../src/ui/model.ts';

describe('view-model helpers', () => {
  it('words expiry as a readable date and a relative time, or the browser session', () => {
    expect(describeExpiry(null, FIXTURE_NOW).long).toBe('Ends with the browser session');
    const in12h = new Date(FIXTURE_NOW + 12 * 3600 * 1000).toISOString();
    expect(describeExpiry(in12h, FIXTURE_NOW).long).toMatch(
      /^Expires 15 Jan 2026, \d\d:\d\d \(in 12 hours\)$/,
    );
    const past = new Date(FIXTURE_NOW - 3 * 24 * 3600 * 1000).toISOString();
    expect(describeExpiry(past, FIXTURE_NOW).long).toMatch(/^Expired 12 Jan 2026.*\(3 days ago\)$/);
  });

  it('recognises cookie prefixes case-insensitively, as browsers do', () => {
    expect(cookiePrefix('__Host-sid')).toBe('__Host-');
    expect(cookiePrefix('__HOST-sid')).toBe('__Host-');
    expect(cookiePrefix('__secure-x')).toBe('__Secure-');
    expect(cookiePrefix('__Host-Http-x')).toBe('__Host-Http-');
    expect(cookiePrefix('_Host-x')).toBeNull();
  });

  it('orders session cookies first, then worst first', () => {
    const view = makeTabView({ cookies: 40 });
    const { firstParty, thirdParty, total } = groupCookies(view.audit);
    expect(firstParty.length + thirdParty.length).toBe(total);
    expect(thirdParty.every((r) => r.cookie.thirdParty)).toBe(true);
    const firstOther = firstParty.findIndex((r) => r.cookie.role !== 'session');
    expect(firstParty.slice(firstOther).some((r) => r.cookie.role === 'session')).toBe(false);
    expect(firstParty[0].worst).toBe('high');
  });

  it('filters by text over names, rules and payload keys, and by minimum severity', () => {
    const rows = toRows(makeTabView({ cookies: 14 }).audit!.cookies);
    const names = (text: string, severity: 'all' | 'high' = 'all') =>
      rows.filter((r) => matchesFilter(r, { text, severity })).map((r) => r.cookie.name);
    expect(names('PHPSESS')).toEqual(['PHPSESSID']);
    expect(names('user_id')).toEqual(expect.arrayContaining(['user_id', 'session']));
    expect(names('session-jwt')).toEqual([]);
    expect(names('', 'high').length).toBe(rows.filter((r) => r.worst === 'high').length);
    expect(worstSeverity([])).toBeNull();
  });

  it('counts site and first-party findings apart from third-party ones', () => {
    const audit = makeTabView({ cookies: 30 }).audit!;
    const first = siteCounts(audit);
    const third = siteCounts(audit, true);
    const all = audit.findings.length + audit.cookies.reduce((n, c) => n + c.findings.length, 0);
    expect(Object.values(first).reduce((a, b) => a + b) + Object.values(third).reduce((a, b) => a + b)).toBe(
      all,
    );
  });

  it('grades only what was observed with host access', () => {
    const view = makeTabView({ cookies: 2 });
    expect(isGradable(view)).toBe(true);
    expect(isGradable({ ...view, status: 'reload-to-audit' })).toBe(false);
    expect(isGradable({ ...view, coverage: { ...view.coverage, hostAccess: false } })).toBe(false);
  });

  it('explains redirect check results', () => {
    const base: RedirectCheck = {
      requestedUrl: 'http://a.example/',
      status: 301,
      location: 'https://a.example/',
      observedAt: 0,
    };
    expect(redirectVerdict(base)).toMatch(/redirects to HTTPS\.$/);
    expect(redirectVerdict({ ...base, location: 'https://www.a.example/' })).toMatch(/another host/);
    expect(redirectVerdict({ ...base, location: 'http://www.a.example/' })).toMatch(/stays on plain HTTP/);
    expect(redirectVerdict({ ...base, status: 200, location: null })).toMatch(/without redirecting/);
    expect(redirectVerdict({ ...base, status: null, location: null })).toMatch(/Nothing answered/);
    expect(redirectVerdict({ ...base, error: 'timeout' })).toBe('The check failed: timeout');
    expect(
      redirectVerdict({ ...base, status: null, location: null, browserUpgraded: 'hsts', error: 'upgraded' }),
    ).toMatch(/^Could not test .*upgraded the request to HTTPS itself \(HSTS\)/);
  });
});

describe('makeTabView', () => {
  it('builds the asked number of realistic, deterministic cookies', () => {
    const a = makeTabView({ cookies: 1000, findingsPerCookie: 1 });
    const b = makeTabView({ cookies: 1000, findingsPerCookie: 1 });
    expect(a).toEqual(b);
    expect(a.audit!.cookies).toHaveLength(1000);
    expect(a.audit!.cookies.every((c) => c.findings.length <= 1)).toBe(true);
    expect(new Set(a.audit!.cookies.map((c) => `${c.name}|${c.domain}`)).size).toBe(1000);
    expect(new Set(a.audit!.cookies.map((c) => c.role))).toEqual(
      new Set(['session', 'csrf', 'other', 'infrastructure', 'tracking']),
    );
    expect(a.audit!.cookies.some((c) => c.thirdParty)).toBe(true);
    for (const f of a.audit!.cookies.flatMap((c) => c.findings)) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.evidence).toContain('=…');
      expect(f.fix?.framework).toBe('django');
    }
    expect(JSON.stringify(a)).not.toMatch(/"value":"[^"]/);
  });
});
