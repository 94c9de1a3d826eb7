import { describe, expect, it } from 'vitest';
import {
  keyedHash,
  MAX_LIFETIME_SECONDS,
  observeJarCookie,
  observeSetCookie,
} from '../../../src/core/index.ts';
import type { JarCookie } from '../../../src/core/types.ts';

const NOW = Date.UTC(2025, 0, 1);
const https = (line: string, url = 'https://app.example.com/account/settings') =>
  observeSetCookie(line, { url, now: NOW });
const http = (line: string, url = 'http://app.example.com/') => observeSetCookie(line, { url, now: NOW });

describe('observeSetCookie: domain', () => {
  it('is host-only without a Domain attribute', () => {
    const o = https('sid=1');
    expect(o).toMatchObject({ domain: 'app.example.com', hostOnly: true, rejected: [] });
    expect(o.domainAttribute).toBeUndefined();
  });

  it('scopes to the Domain attribute (lower-cased, leading dot removed) when it domain-matches', () => {
    const o = https('sid=1; Domain=.EXAMPLE.com');
    expect(o).toMatchObject({
      domain: 'example.com',
      hostOnly: false,
      domainAttribute: '.EXAMPLE.com',
      rejected: [],
    });
    expect(https('sid=1; Domain=app.example.com')).toMatchObject({
      domain: 'app.example.com',
      hostOnly: false,
    });
  });

  it('rejects a Domain that does not domain-match the host', () => {
    expect(https('sid=1; Domain=other.example.com').rejected).toEqual(['domain-mismatch']);
    expect(https('sid=1; Domain=xample.com').rejected).toEqual(['domain-mismatch']);
    expect(https('sid=1; Domain=deep.app.example.com').rejected).toEqual(['domain-mismatch']);
  });

  it('rejects a public suffix (ICANN and private PSL sections) unless it is the host itself', () => {
    expect(https('sid=1; Domain=com').rejected).toEqual(['public-suffix-domain']);
    expect(https('sid=1; Domain=co.uk', 'https://shop.example.co.uk/').rejected).toEqual([
      'public-suffix-domain',
    ]);
    expect(https('sid=1; Domain=github.io', 'https://me.github.io/').rejected).toEqual([
      'public-suffix-domain',
    ]);
    // Identical to the host: host-only.
    expect(https('sid=1; Domain=github.io', 'https://github.io/')).toMatchObject({
      hostOnly: true,
      rejected: [],
    });
  });

  it('keeps IP and localhost hosts host-only and rejects parents of hosts without a registrable domain', () => {
    expect(http('a=1; Domain=127.0.0.1', 'http://127.0.0.1:8080/')).toMatchObject({
      hostOnly: true,
      rejected: [],
    });
    expect(http('a=1; Domain=0.0.1', 'http://127.0.0.1:8080/').rejected).toEqual(['domain-mismatch']);
    expect(http('a=1; Domain=localhost', 'http://localhost:3000/')).toMatchObject({
      hostOnly: true,
      rejected: [],
    });
    expect(http('a=1; Domain=localhost', 'http://app.localhost/').rejected).toEqual(['public-suffix-domain']);
  });
});

describe('observeSetCookie: path', () => {
  it('uses the default path of the request when there is no valid Path', () => {
    expect(https('a=1').path).toBe('/account');
    expect(https('a=1; Path=relative').path).toBe('/account');
    expect(https('a=1', 'https://app.example.com/').path).toBe('/');
    expect(https('a=1; Path=/x').path).toBe('/x');
  });
});

describe('observeSetCookie: lifetime', () => {
  it('is a session cookie without Max-Age or Expires', () => {
    expect(https('a=1')).toMatchObject({ expires: null, requestedLifetimeSeconds: null, deletion: false });
  });

  it('gives Max-Age precedence over Expires', () => {
    const o = https('a=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Max-Age=0');
    expect(o.deletion).toBe(true);
    const p = https('a=1; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(p.deletion).toBe(false);
    expect(p.expires).toBe(NOW + 3600_000);
  });

  it('treats Max-Age <= 0 and a past Expires as deletion', () => {
    expect(https('a=; Max-Age=0').deletion).toBe(true);
    expect(https('a=; Max-Age=-1').deletion).toBe(true);
    expect(https('a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT').deletion).toBe(true);
  });

  it('treats an unparseable Expires as absent: a session cookie, not a deletion (unlike ZAP)', () => {
    expect(https('sid=abc; Expires=0')).toMatchObject({ deletion: false, expires: null });
    expect(https('sid=abc; Expires=never')).toMatchObject({ deletion: false, expires: null });
  });

  it('caps lifetimes at 400 days but keeps the requested lifetime', () => {
    const o = https('a=1; Max-Age=63072000');
    expect(o.requestedLifetimeSeconds).toBe(63072000);
    expect(o.expires).toBe(NOW + MAX_LIFETIME_SECONDS * 1000);
    const p = https('a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT');
    expect(p.expires).toBe(NOW + MAX_LIFETIME_SECONDS * 1000);
    expect(p.requestedLifetimeSeconds).toBe((Date.UTC(2100, 0, 1) - NOW) / 1000);
  });
});

describe('observeSetCookie: browser rejections', () => {
  it('rejects SameSite=None without Secure', () => {
    expect(https('a=1; SameSite=None').rejected).toEqual(['samesite-none-insecure']);
    expect(https('a=1; SameSite=None; Secure').rejected).toEqual([]);
  });

  it('rejects Secure from an insecure origin, except loopback (trustworthy in Chromium)', () => {
    expect(http('a=1; Secure').rejected).toEqual(['secure-from-insecure-origin']);
    expect(http('a=1; Secure', 'http://localhost:8080/').rejected).toEqual([]);
    expect(http('a=1; Secure', 'http://127.0.0.1/').rejected).toEqual([]);
    expect(http('a=1; Secure', 'http://[::1]:3000/').rejected).toEqual([]);
    expect(http('a=1; Secure', 'http://dev.localhost/').rejected).toEqual([]);
  });

  it('enforces __Secure- case-insensitively', () => {
    expect(https('__Secure-sid=1').rejected).toEqual(['prefix-secure-invalid']);
    expect(https('__SECURE-sid=1').rejected).toEqual(['prefix-secure-invalid']);
    expect(https('__secure-sid=1; Secure').rejected).toEqual([]);
  });

  it('enforces __Host-: Secure, no Domain, Path=/ (the draft examples)', () => {
    expect(https('__Host-SID=12345; Secure').rejected).toEqual(['prefix-host-invalid']);
    expect(https('__Host-SID=12345; Secure; Domain=app.example.com; Path=/').rejected).toEqual([
      'prefix-host-invalid',
    ]);
    expect(https('__Host-SID=12345; Path=/').rejected).toEqual(['prefix-host-invalid']);
    expect(https('__Host-SID=12345; Secure; Path=/app').rejected).toEqual(['prefix-host-invalid']);
    expect(https('__host-SID=12345; Secure; Path=/').rejected).toEqual([]);
  });

  it('enforces __Http- and __Host-Http-: Secure and HttpOnly, case-insensitively (Chromium 156 agrees)', () => {
    expect(https('__Http-a=1; Secure; Path=/').rejected).toEqual(['prefix-http-invalid']);
    expect(https('__http-a=1; Secure; Path=/').rejected).toEqual(['prefix-http-invalid']);
    expect(https('__Http-g=1; HttpOnly; Path=/').rejected).toEqual(['prefix-http-invalid']);
    expect(https('__Http-b=1; Secure; HttpOnly; Path=/').rejected).toEqual([]);
    expect(https('__HTTP-b=1; Secure; HttpOnly').rejected).toEqual([]);
    expect(https('__Host-Http-c=1; Secure; Path=/').rejected).toEqual(['prefix-http-invalid']);
    expect(https('__Host-Http-d=1; Secure; HttpOnly; Path=/').rejected).toEqual([]);
    // The __Host- half still applies.
    expect(https('__host-http-h=1; Secure; HttpOnly').rejected).toEqual(['prefix-host-invalid']);
    expect(https('__Http-nl; Secure; HttpOnly; Path=/').rejected).toEqual(['prefix-http-invalid']);
  });

  it('rejects a nameless cookie whose value carries a prefix', () => {
    expect(https('__Secure-x; Secure').rejected).toEqual(['prefix-secure-invalid']);
    expect(https('__Host-x; Secure; Path=/').rejected).toEqual(['prefix-host-invalid']);
  });

  it('rejects Partitioned without Secure', () => {
    expect(https('a=1; Partitioned').rejected).toEqual(['partitioned-insecure']);
    expect(https('a=1; Partitioned; Secure; SameSite=None').rejected).toEqual([]);
  });

  it('rejects oversize name+value, control characters, and an empty name with an empty value', () => {
    expect(https(`a=${'x'.repeat(4096)}`).rejected).toEqual(['name-value-too-large']);
    expect(https(`a=${'x'.repeat(4095)}`).rejected).toEqual([]);
    expect(https('a=b\u0000').rejected).toEqual(['control-character']);
    expect(https('=; Path=/').rejected).toEqual(['empty-name-and-value']);
  });

  it('records ignored oversize attributes', () => {
    expect(https(`a=1; Path=/${'p'.repeat(1100)}`).oversizeAttributes).toEqual(['Path']);
  });
});

describe('observeSetCookie: value and evidence', () => {
  it('keeps no raw value and replaces it by "…" in the evidence', () => {
    const o = https('sid=SuperSecretValue123456; Path=/; Secure');
    expect(JSON.stringify(o)).not.toContain('SuperSecretValue123456');
    expect(o.evidence).toBe('Set-Cookie: sid=…; Path=/; Secure');
    expect(o.value).toMatchObject({ length: 22, redacted: true });
  });

  it('sets the keyed hash from the context', () => {
    const o = observeSetCookie('sid=abc', {
      url: 'https://a.example/',
      now: NOW,
      hashValue: (v) => keyedHash(v, 'k'),
    });
    expect(o.value.hash).toBe(keyedHash('abc', 'k'));
    expect(https('sid=abc').value.hash).toBeUndefined();
  });

  it('clips absurdly long lines', () => {
    const line = `${'n'.repeat(500)}=v; ${Array.from({ length: 60 }, (_, i) => `Path=/${i}${'y'.repeat(300)}`).join('; ')}`;
    const o = https(line);
    expect(o.evidence.length).toBeLessThan(4000);
    expect(o.evidence).toContain('more attributes');
    const unknown = `${'n'.repeat(500)}=v; ${Array.from({ length: 60 }, (_, i) => `X${i}=${'y'.repeat(300)}`).join('; ')}`;
    expect(https(unknown).evidence).toContain('60 other attributes not shown');
  });

  it('names the attribute a nameless cookie swallowed, never a real value', () => {
    const o = https('Secure; HttpOnly; SameSite=Strict');
    expect(o).toMatchObject({
      nameless: true,
      secure: false,
      httpOnly: true,
      sameSite: 'strict',
      namelessAttributeLike: 'Secure',
    });
    expect(o.evidence).toBe('Set-Cookie: Secure; HttpOnly; SameSite=Strict');
    expect(https('opaque-token-value; HttpOnly').evidence).toBe('Set-Cookie: …; HttpOnly');
  });

  it('records scheme, host, url, time and third-party flag', () => {
    const o = observeSetCookie('a=1', { url: 'http://cdn.other.example/x', now: 5, thirdParty: true });
    expect(o).toMatchObject({
      scheme: 'http',
      host: 'cdn.other.example',
      observedAt: 5,
      thirdParty: true,
      source: 'header',
    });
  });
});

describe('observeJarCookie', () => {
  const base: JarCookie = {
    name: 'sid',
    value: 'abcdefghijklmnop1234',
    domain: '.example.com',
    hostOnly: false,
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'no_restriction',
    session: false,
    expirationDate: NOW / 1000 + 3600,
  };
  const ctx = { url: 'https://app.example.com/', now: NOW };

  it('reads a cookies.Cookie record', () => {
    const o = observeJarCookie(base, ctx);
    expect(o).toMatchObject({
      source: 'jar',
      domain: 'example.com',
      hostOnly: false,
      sameSite: 'none',
      expires: NOW + 3600_000,
      deletion: false,
      rejected: [],
    });
    expect(JSON.stringify(o)).not.toContain(base.value);
    expect(o.evidence).toContain('cookie jar: sid=…');
  });

  it('maps unspecified and unknown SameSite to unspecified', () => {
    expect(observeJarCookie({ ...base, sameSite: 'unspecified' }, ctx).sameSite).toBe('unspecified');
    expect(observeJarCookie({ ...base, sameSite: undefined }, ctx).sameSite).toBe('unspecified');
    expect(observeJarCookie({ ...base, sameSite: 'lax' }, ctx).sameSite).toBe('lax');
  });

  it('lets the Firefox adapter say that no_restriction means unset', () => {
    const o = observeJarCookie(base, { ...ctx, jarNoRestrictionMeansUnset: true });
    expect(o.sameSite).toBe('unspecified');
    expect(o.sameSiteAmbiguous).toBe(true);
  });

  it('reads session cookies, partition keys and store ids', () => {
    const o = observeJarCookie(
      {
        ...base,
        session: true,
        expirationDate: undefined,
        partitionKey: { topLevelSite: 'https://top.example' },
        storeId: '1',
      },
      ctx,
    );
    expect(o).toMatchObject({
      expires: null,
      partitioned: true,
      partitionKey: 'https://top.example',
      storeId: '1',
    });
  });

  it('treats an expired record as a deletion', () => {
    expect(observeJarCookie({ ...base, expirationDate: NOW / 1000 - 1 }, ctx).deletion).toBe(true);
  });
});
