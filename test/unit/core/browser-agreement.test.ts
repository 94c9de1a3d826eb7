/**
 * The engine's model of what Chromium 156 and Firefox 153 do with a Set-Cookie line, on the classes
 * of cases where the differential test (test/e2e/differential.test.ts) once found them apart.
 * Literal Set-Cookie strings; each expectation is what the real browser stored.
 */
import { describe, expect, it } from 'vitest';
import { auditSite } from '../../../src/core/audit.ts';
import { modelJar } from '../../../src/core/jar-model.ts';
import { observeSetCookie } from '../../../src/core/observe.ts';
import { siteFrom } from '../../helpers/site.ts';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const at = (url: string, line: string, browser: 'chromium' | 'firefox' = 'chromium') =>
  observeSetCookie(line, { url, now: NOW, browser });
const jar = (url: string, lines: string[], browser: 'chromium' | 'firefox' = 'chromium') =>
  modelJar(lines, url, NOW, browser);

describe('hosts under a TLD that is not on the Public Suffix List', () => {
  it.each([
    ['https://app.staging.test/', 'sid=1; Domain=staging.test', 'staging.test'],
    ['https://api.corp.internal/', 'sid=1; Domain=corp.internal', 'corp.internal'],
    ['https://printer.office.local/', 'sid=1; Domain=.office.local', 'office.local'],
    ['https://a.b.staging.test/', 'sid=1; Domain=b.staging.test', 'b.staging.test'],
  ])('%s accepts %s', (url, line, domain) => {
    const o = at(url, line);
    expect(o.rejected).toEqual([]);
    expect(o.domain).toBe(domain);
    expect(o.hostOnly).toBe(false);
  });

  it('refuses the TLD itself, and keeps Domain=host a domain cookie', () => {
    expect(at('https://app.staging.test/', 'sid=1; Domain=test').rejected).toEqual(['public-suffix-domain']);
    const same = at('https://staging.test/', 'sid=1; Domain=staging.test');
    expect(same.rejected).toEqual([]);
    expect(same.hostOnly).toBe(false);
  });

  it('still refuses localhost as the parent of app.localhost, and keeps localhost host-only', () => {
    expect(at('http://app.localhost/', 'sid=1; Domain=localhost').rejected).toEqual(['public-suffix-domain']);
    expect(at('http://localhost/', 'sid=1; Domain=localhost').hostOnly).toBe(true);
    expect(at('http://app.localhost/', 'sid=1; Domain=app.localhost').hostOnly).toBe(false);
  });

  it('refuses a __Host- cookie that has any Domain attribute, even the host itself', () => {
    const o = at('https://www.staging.test/', '__Host-sid=1; Secure; Path=/; Domain=www.staging.test');
    expect(o.rejected).toContain('prefix-host-invalid');
    // An empty last Domain undoes it.
    expect(
      at('https://www.staging.test/', '__Host-sid=1; Secure; Path=/; Domain=x; Domain=').rejected,
    ).toEqual([]);
  });
});

describe('the last occurrence of an attribute wins, even when empty or invalid', () => {
  const url = 'https://www.example.com/';
  it('an empty last Domain makes the cookie host-only', () => {
    const o = at(url, 'a=b; Domain=example.com; Domain=');
    expect(o.hostOnly).toBe(true);
    expect(o.domain).toBe('www.example.com');
  });
  it('Domain=. is refused', () => {
    expect(at(url, 'a=b; Domain=.').rejected).toEqual(['domain-mismatch']);
  });
  it('an invalid or empty last Expires / Max-Age makes a session cookie', () => {
    expect(at(url, 'a=b; Expires=Thu, 21 Oct 2027 07:28:00 GMT; Expires=garbage').expires).toBeNull();
    expect(at(url, 'a=b; Expires=Thu, 21 Oct 2027 07:28:00 GMT; Expires=').expires).toBeNull();
    expect(at(url, 'a=b; Max-Age=100; Max-Age=').expires).toBeNull();
    expect(at(url, 'a=b; Max-Age=100; Max-Age=abc').expires).toBeNull();
    expect(at(url, 'a=b; Max-Age=abc; Max-Age=100').expires).toBe(NOW + 100_000);
  });
});

describe('names, values and characters', () => {
  const url = 'https://www.example.com/';
  it('refuses a nameless cookie whose value contains "="', () => {
    expect(at(url, '=a=b').rejected).toEqual(['nameless-value-with-equals']);
    expect(at(url, '==b').rejected).toEqual(['nameless-value-with-equals']);
    expect(at(url, '=b').rejected).toEqual([]);
  });
  it('refuses HTAB inside the name or value, not around it', () => {
    expect(at(url, 'a=b\tc').rejected).toEqual(['control-character']);
    expect(at(url, 'a\tb=c').rejected).toEqual(['control-character']);
    expect(at(url, 'a=\tb\t').rejected).toEqual([]);
    expect(at(url, 'a=b; Path=/x\t').rejected).toEqual([]);
  });
});

describe('dates and lifetimes', () => {
  const url = 'https://www.example.com/';
  it('clamps years below 1601 (a deletion) and above 9999 (kept for 400 days)', () => {
    expect(at(url, 'a=b; Expires=Wed, 21 Oct 1600 07:28:00 GMT').deletion).toBe(true);
    expect(at(url, 'a=b; Expires=Wed, 21 Oct 100 07:28:00 GMT').deletion).toBe(true);
    const far = at(url, 'a=b; Expires=Wed, 21 Oct 99999 07:28:00 GMT');
    expect(far.deletion).toBe(false);
    expect(far.expires).toBe(NOW + 400 * 86400_000);
    expect(at(url, 'a=b; Expires=Wed, 21 Oct 20260 07:28:00 GMT').expires).toBe(NOW + 400 * 86400_000);
  });
  it('a Max-Age too large for a double is the 400-day maximum, a leading "+" is read', () => {
    expect(at(url, `a=b; Max-Age=1${'0'.repeat(400)}`).expires).toBe(NOW + 400 * 86400_000);
    expect(at(url, 'a=b; Max-Age=9223372036854775808').expires).toBe(NOW + 400 * 86400_000);
    expect(at(url, 'a=b; Max-Age=+5').expires).toBe(NOW + 5000);
  });
});

describe('a later line the browser refuses changes nothing', () => {
  it('keeps the earlier cookie in the modelled jar', () => {
    const stored = jar('https://www.example.com/', ['a=1; Secure; SameSite=None', 'a=2; SameSite=None']);
    expect(stored).toHaveLength(1);
    expect(stored[0].secure).toBe(true);
    expect(stored[0].sameSite).toBe('none');
  });

  it('keeps the earlier sighting in the audit: the cookie is not reported as rejected', () => {
    const site = siteFrom(
      ['sessionid=1; Secure; HttpOnly; SameSite=None', 'sessionid=2; HttpOnly; SameSite=None'],
      {
        url: 'https://www.example.com/',
      },
    );
    const audited = auditSite(site).cookies.find((c) => c.name === 'sessionid');
    expect(audited?.rejected).toBeUndefined();
    expect(audited?.secure).toBe(true);
  });
});

describe('the per-domain limit', () => {
  const many = (n: number, extra = '') => Array.from({ length: n }, (_, i) => `k${i}=v${extra}`);
  it('keeps 180 cookies; the 181st evicts the 31 oldest (insecure first), as Chromium does', () => {
    expect(jar('https://www.example.com/', many(180))).toHaveLength(180);
    const stored = jar('https://www.example.com/', ['sessionid=s; Secure; HttpOnly', ...many(200)]);
    expect(stored).toHaveLength(170);
    expect(stored.some((c) => c.name === 'sessionid')).toBe(true);
    const insecure = jar('https://www.example.com/', ['sessionid=s; HttpOnly', ...many(181, '; Secure')]);
    expect(insecure.some((c) => c.name === 'sessionid')).toBe(false);
    expect(insecure).toHaveLength(151);
  });
  it('Firefox drops one more when there are too few insecure cookies to evict', () => {
    const stored = jar(
      'https://www.example.com/',
      ['sessionid=s; HttpOnly', ...many(181, '; Secure')],
      'firefox',
    );
    expect(stored).toHaveLength(150);
    expect(stored[0].name).toBe('k31');
  });
});

describe('Firefox, where it differs', () => {
  const url = 'https://www.example.com/';
  it('reads a pair without "=" as a name with an empty value', () => {
    const o = at(url, 'Secure; HttpOnly', 'firefox');
    expect(o.name).toBe('Secure');
    expect(o.httpOnly).toBe(true);
    expect(jar(url, ['a=1', 'a'], 'firefox')[0].valueLength).toBe(0);
  });
  it('refuses a cookie without a name, and says so', () => {
    const o = at(url, '=b', 'firefox');
    expect(o.rejected).toEqual([]);
    expect(o.browserRefuses).toBe('empty-name');
    expect(o.browserDifference).toMatch(/refuses a cookie without a name/);
    expect(jar(url, ['=b'], 'firefox')).toEqual([]);
  });
  it('stores a __Host- cookie without a Path attribute whose path is / anyway', () => {
    const o = at(url, '__Host-a=b; Secure', 'firefox');
    expect(o.rejected).toEqual(['prefix-host-invalid']);
    expect(o.browserStores).toBe(true);
    expect(at('https://www.example.com/x/y', '__Host-a=b; Secure', 'firefox').browserStores).toBeUndefined();
  });
  it('stores a tab inside the value; keeps a first-party Partitioned cookie unpartitioned', () => {
    expect(at(url, 'a=b\tc', 'firefox').browserStores).toBe(true);
    const p = at(url, 'a=b; Partitioned; Secure', 'firefox');
    expect(p.partitioned).toBe(false);
    expect(p.browserDifference).toMatch(/unpartitioned/);
  });
  it('reads Max-Age "+5" as invalid and "-" as a deletion', () => {
    expect(at(url, 'a=b; Max-Age=+5', 'firefox').expires).toBeNull();
    expect(at(url, 'a=b; Max-Age=-', 'firefox').deletion).toBe(true);
  });
  it('reads dates its own way: rollover, midnight without a time, zone offsets, no lower bound', () => {
    const exp = (v: string) => at(url, `a=b; Expires=${v}`, 'firefox').expires;
    expect(exp('Wed, 21 Oct 2027 24:00:00 GMT')).toBe(Date.UTC(2027, 9, 22));
    expect(exp('Wed, 31 Apr 2027 07:28:00 GMT')).toBe(Date.UTC(2027, 4, 1, 7, 28));
    expect(exp('Wed, 0 Oct 2027 07:28:00 GMT')).toBe(Date.UTC(2027, 8, 30, 7, 28));
    expect(exp('21 Oct 2027')).toBe(Date.UTC(2027, 9, 21));
    expect(exp('Wed, 21 Oct 2027 07:28:00 +0200')).toBe(Date.UTC(2027, 9, 21, 5, 28));
    expect(exp('Wed, 21 Oct 2027 007:28:00 GMT')).toBe(Date.UTC(2027, 9, 21));
    expect(exp('Wed, 21 Oct 100 07:28:00 GMT')).toBeNull();
    expect(exp('Wed, 21 Oct 99999 07:28:00 GMT')).toBeNull();
    expect(at(url, 'a=b; Expires=Wed, 21 Oct 1600 07:28:00 GMT', 'firefox').deletion).toBe(true);
  });
});
