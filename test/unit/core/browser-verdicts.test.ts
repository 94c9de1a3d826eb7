import { describe, expect, it } from 'vitest';
import { auditSite } from '../../../src/core/audit.ts';
import { attachBrowserVerdicts, type BrowserCookieVerdict } from '../../../src/core/browser-verdicts.ts';
import { buildReport } from '../../../src/core/report.ts';
import type { CookieAuditReport } from '../../../src/core/types.ts';
import { NOW, siteFrom } from '../../helpers/site.ts';

const URL_ = 'https://shop.example.com/';

function reportOf(lines: string[]): CookieAuditReport {
  const site = auditSite(siteFrom(lines, { url: URL_ }));
  return buildReport([site], { version: 'test', createdAt: new Date(NOW).toISOString() });
}

const v = (name: string, extra: Partial<BrowserCookieVerdict> = {}): BrowserCookieVerdict => ({
  browser: 'chromium',
  host: 'shop.example.com',
  name,
  ...extra,
});
const cookie = (r: CookieAuditReport, name: string) => r.sites[0].cookies.find((c) => c.name === name);

describe('attachBrowserVerdicts', () => {
  it("puts Chromium's reasons beside the engine's verdict; agreement gives no warning", () => {
    const r = reportOf(['tracking=1; SameSite=None', 'sessionid=abcdefghijklmnopqrstuvwx; Secure; HttpOnly']);
    const warnings = attachBrowserVerdicts(r, [
      v('tracking', { blocked: ['SameSiteNoneInsecure'] }),
      v('tracking', { issues: ['ExcludeSameSiteNoneInsecure'], issueOnly: true }),
      v('sessionid'),
    ]);
    expect(warnings).toEqual([]);
    expect(cookie(r, 'tracking')?.browserVerdict).toEqual({
      browser: 'chromium',
      stored: false,
      blocked: ['SameSiteNoneInsecure'],
      issues: ['ExcludeSameSiteNoneInsecure'],
      text: 'Chromium: ExcludeSameSiteNoneInsecure',
    });
    expect(cookie(r, 'sessionid')?.browserVerdict?.text).toBe('Chromium: stored');
  });

  it('warns, naming the cookie and both verdicts, when the engine rejects what Chromium stored', () => {
    const r = reportOf(['tracking=1; SameSite=None']);
    expect(attachBrowserVerdicts(r, [v('tracking')])).toEqual([
      'The engine and Chromium disagree on cookie "tracking" on shop.example.com: engine: rejected (samesite-none-insecure); Chromium: stored.',
    ]);
  });

  it('warns when Chromium blocked for a storage reason what the engine stores', () => {
    const r = reportOf(['lang=en']);
    expect(attachBrowserVerdicts(r, [v('lang', { blocked: ['DisallowedCharacter'] })])).toEqual([
      'The engine and Chromium disagree on cookie "lang" on shop.example.com: engine: stored; Chromium: blocked (DisallowedCharacter).',
    ]);
  });

  it('does not call a block that depends on the context (third-party, cross-site) a disagreement', () => {
    const r = reportOf(['lang=en; SameSite=Strict']);
    expect(
      attachBrowserVerdicts(r, [v('lang', { blocked: ['ThirdPartyPhaseout', 'SameSiteStrict'] })]),
    ).toEqual([]);
    expect(cookie(r, 'lang')?.browserVerdict?.stored).toBe(false);
  });

  it('leaves cookies of other hosts and names alone', () => {
    const r = reportOf(['lang=en']);
    attachBrowserVerdicts(r, [
      v('lang', { host: 'other.example.net', blocked: ['InvalidDomain'] }),
      v('theme'),
    ]);
    expect(cookie(r, 'lang')?.browserVerdict).toBeUndefined();
  });
});
