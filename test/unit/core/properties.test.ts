import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoString } from '../../../src/core/audit.ts';
import {
  auditSite,
  emptySiteObservations,
  gradeForScore,
  gradeRank,
  observeJarCookie,
  observeSetCookie,
  parseSetCookie,
} from '../../../src/core/index.ts';
import type { SiteObservations } from '../../../src/core/types.ts';
import { runsFor } from '../../helpers/depth.ts';
import { VALUES } from '../../helpers/values.ts';

const NOW = Date.UTC(2025, 5, 1);

/** Any string, including lone surrogates and every code point. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        ';',
        '=',
        ' ',
        '\t',
        '"',
        ',',
        'Secure',
        'HttpOnly',
        'SameSite',
        'Path',
        'Domain',
        'Max-Age',
        'Expires',
        '__Host-',
        '\u0000',
        '\n',
        'é',
        '😀',
        '\ud800',
      ),
      { maxLength: 40 },
    )
    .map((a) => a.join('')),
);

describe('parser robustness (fast-check)', () => {
  it('parseSetCookie never throws and always returns strings and booleans', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const p = parseSetCookie(s);
        expect(typeof p.name).toBe('string');
        expect(typeof p.value).toBe('string');
        expect(typeof p.secure).toBe('boolean');
        expect(Array.isArray(p.attributes)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('observeSetCookie never throws, on any line and URL, and never keeps the value', () => {
    const url = fc.constantFrom(
      'https://a.example.com/x/y',
      'http://localhost:3000/',
      'http://127.0.0.1/',
      'not a url',
      '',
      'https://[::1]/',
    );
    fc.assert(
      fc.property(anyString, url, (line, u) => {
        const o = observeSetCookie(line, { url: u, now: NOW });
        expect(o.value.redacted).toBe(true);
        const v = parseSetCookie(line).value;
        if (v.length >= 8 && !/^[a-zA-Z]+$/.test(v)) {
          const { evidence, ...rest } = o;
          expect(JSON.stringify(rest)).not.toContain(JSON.stringify(v).slice(1, -1));
          expect(evidence.includes(`=${v}`)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('serialisation (fast-check)', () => {
  it('an observation survives JSON and back unchanged, and audits the same', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 6 }), fc.boolean(), (lines, jar) => {
        const url = 'https://app.example.com/a';
        const cookies = lines.map((l, i) => observeSetCookie(l, { url, now: NOW + i }));
        if (jar) {
          cookies.push(
            observeJarCookie(
              {
                name: 'sid',
                value: 'x',
                domain: '.example.com',
                hostOnly: false,
                path: '/',
                secure: true,
                httpOnly: false,
                session: true,
                sameSite: 'no_restriction',
              },
              { url, now: NOW },
            ),
          );
        }
        const again = JSON.parse(JSON.stringify(cookies));
        expect(again).toStrictEqual(cookies);
        const site = emptySiteObservations(url, { cookies, schemesSeen: ['https'] });
        const a = auditSite(site, { now: NOW + 100 });
        const b = auditSite(JSON.parse(JSON.stringify(site)), { now: NOW + 100 });
        expect(b).toStrictEqual(a);
        expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});

/* --------------------------------- score monotonicity --------------------------------- */

interface Spec {
  name: string;
  value: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  domain?: string;
  path?: string;
  maxAge?: number;
  expires?: string;
  partitioned: boolean;
  thirdParty: boolean;
  jar: boolean;
}

function line(s: Spec): string {
  let l = s.name === '' ? s.value : `${s.name}=${s.value}`;
  if (s.path !== undefined) l += `; Path=${s.path}`;
  if (s.domain !== undefined) l += `; Domain=${s.domain}`;
  if (s.expires !== undefined) l += `; Expires=${s.expires}`;
  if (s.maxAge !== undefined) l += `; Max-Age=${s.maxAge}`;
  if (s.secure) l += '; Secure';
  if (s.httpOnly) l += '; HttpOnly';
  if (s.sameSite !== undefined) l += `; SameSite=${s.sameSite}`;
  if (s.partitioned) l += '; Partitioned';
  return l;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  name: fc.constantFrom(
    'sessionid',
    'PHPSESSID',
    'JSESSIONID',
    'connect.sid',
    'session',
    '_shop_session',
    'auth_token',
    'csrftoken',
    'XSRF-TOKEN',
    '_ga',
    'AWSALB',
    'heroku-session-affinity',
    'prefs',
    'user_id',
    'role',
    '__Secure-sid',
    '__Host-sid',
    '',
  ),
  value: fc.constantFrom(
    VALUES.django,
    VALUES.php,
    'abc',
    '42',
    VALUES.jwtNone,
    VALUES.flask,
    VALUES.cookieSession,
    'admin',
    'Secure',
  ),
  secure: fc.boolean(),
  httpOnly: fc.boolean(),
  sameSite: fc.option(fc.constantFrom('Lax', 'Strict', 'None', 'bogus', ''), { nil: undefined }),
  domain: fc.option(
    fc.constantFrom('example.com', 'app.example.com', '.example.com', 'other.org', 'com', 'localhost'),
    { nil: undefined },
  ),
  path: fc.option(fc.constantFrom('/', '/app', 'rel'), { nil: undefined }),
  maxAge: fc.option(fc.constantFrom(-1, 0, 600, 3600, 86400 * 14, 86400 * 500), { nil: undefined }),
  expires: fc.option(
    fc.constantFrom(
      'Wed, 01 Jan 2020 00:00:00 GMT',
      'Fri, 01 Jan 2100 00:00:00 GMT',
      'Tue, 01 Jul 2025 00:00:00 GMT',
      'garbage',
    ),
    { nil: undefined },
  ),
  partitioned: fc.boolean(),
  thirdParty: fc.boolean(),
  jar: fc.boolean(),
});

const siteArb = fc.record({
  url: fc.constantFrom(
    'https://app.example.com/',
    'http://app.example.com/',
    'http://localhost:8080/',
    'https://localhost:8443/',
  ),
  hsts: fc.constantFrom(
    null,
    'max-age=63072000; includeSubDomains',
    'max-age=31536000',
    'max-age=100',
    'max-age=0',
    'bogus',
  ),
  specs: fc.array(specArb, { minLength: 1, maxLength: 6 }),
  sentInClear: fc.boolean(),
  login: fc.boolean(),
});

/** The browser accepts this Domain attribute (removing a rejected one is a repair, not a narrowing). */
function domainAccepted(s: Spec, url: string): boolean {
  if (s.domain === undefined) return true;
  const r = observeSetCookie(line(s), { url, now: NOW }).rejected;
  return !r.includes('domain-mismatch') && !r.includes('public-suffix-domain');
}

interface Transform {
  /** False when the change is not a protective one for this sighting (then the case is skipped). */
  applicable(s: Spec, secureOrigin: boolean, url: string): boolean;
  apply(s: Spec): Spec;
}

/** Protective changes, applied to every sighting of the chosen cookie. */
const TRANSFORMS: Record<string, Transform> = {
  secure: { applicable: () => true, apply: (s) => ({ ...s, secure: true }) },
  httpOnly: { applicable: () => true, apply: (s) => ({ ...s, httpOnly: true }) },
  lax: {
    applicable: () => true,
    apply: (s) => (s.sameSite === 'Lax' || s.sameSite === 'Strict' ? s : { ...s, sameSite: 'Lax' }),
  },
  strict: { applicable: () => true, apply: (s) => ({ ...s, sameSite: 'Strict' }) },
  removeDomain: {
    applicable: (s, _secure, url) => domainAccepted(s, url),
    apply: (s) => ({ ...s, domain: undefined }),
  },
  shorten: {
    applicable: () => true,
    apply: (s) => {
      if (s.maxAge !== undefined) return s.maxAge > 1 ? { ...s, maxAge: Math.floor(s.maxAge / 2) } : s;
      // Only a future Expires is a lifetime; a past one is a deletion, "shortening" it would revive it.
      if (s.expires !== undefined && s.expires !== 'garbage' && Date.parse(s.expires) > NOW + 60_000) {
        return { ...s, maxAge: 60 };
      }
      return s;
    },
  },
  hostPrefix: {
    applicable: (s, secureOrigin, url) =>
      secureOrigin && s.name !== '' && !s.name.startsWith('__') && domainAccepted(s, url),
    apply: (s) => ({ ...s, name: `__Host-${s.name}`, secure: true, domain: undefined, path: '/' }),
  },
};

function build(site: SiteInput, specs: Spec[]): SiteObservations {
  const u = new URL(site.url);
  const cookies = specs.map((s, i) => {
    if (s.jar) {
      return observeJarCookie(
        {
          name: s.name,
          value: s.value,
          domain: s.domain ?? u.hostname,
          hostOnly: s.domain === undefined,
          path: s.path?.startsWith('/') ? s.path : '/',
          secure: s.secure,
          httpOnly: s.httpOnly,
          sameSite:
            s.sameSite === 'Lax'
              ? 'lax'
              : s.sameSite === 'Strict'
                ? 'strict'
                : s.sameSite === 'None'
                  ? 'no_restriction'
                  : 'unspecified',
          session: s.maxAge === undefined,
          ...(s.maxAge !== undefined ? { expirationDate: (NOW + i) / 1000 + s.maxAge } : {}),
        },
        { url: site.url, now: NOW + i, thirdParty: s.thirdParty },
      );
    }
    return observeSetCookie(line(s), { url: site.url, now: NOW + i, thirdParty: s.thirdParty });
  });
  return emptySiteObservations(site.url, {
    origin: u.origin,
    cookies,
    responses: [{ url: site.url, status: 200, hsts: site.hsts, mainFrame: true, observedAt: NOW }],
    sentInClear: site.sentInClear
      ? [{ url: `http://${u.host}/`, cookieNames: specs.map((s) => s.name), observedAt: NOW }]
      : [],
    logins: site.login
      ? [
          {
            url: `${u.origin}/login`,
            observedAt: NOW,
            cookies: specs.map((s) => ({ name: s.name, beforeHash: 'aa', afterHash: 'aa' })),
          },
        ]
      : [],
    schemesSeen: [u.protocol === 'https:' ? 'https' : 'http'],
  });
}

interface SiteInput {
  url: string;
  hsts: string | null;
  specs: Spec[];
  sentInClear: boolean;
  login: boolean;
}

describe('scoring (fast-check)', () => {
  it('adding a protective attribute to any cookie never lowers the score or the grade', () => {
    fc.assert(
      fc.property(
        siteArb,
        fc.nat(),
        fc.constantFrom(...Object.keys(TRANSFORMS)),
        (site: SiteInput, pick, t) => {
          const target = site.specs[pick % site.specs.length];
          const secureOrigin = site.url.startsWith('https:') || site.url.includes('localhost');
          // "A cookie" is every sighting of it: same name, same party.
          const same = (s: Spec) => s.name === target.name && s.thirdParty === target.thirdParty;
          const transform = TRANSFORMS[t];
          fc.pre(site.specs.filter(same).every((s) => transform.applicable(s, secureOrigin, site.url)));
          const specs = site.specs.map((s) => (same(s) ? transform.apply(s) : s));
          fc.pre(JSON.stringify(specs) !== JSON.stringify(site.specs));
          const before = auditSite(build(site, site.specs), { now: NOW + 100 });
          const after = auditSite(build(site, specs), { now: NOW + 100 });
          expect(after.score, `${t} on ${line(target)}`).toBeGreaterThanOrEqual(before.score);
          expect(gradeRank(after.grade)).toBeGreaterThanOrEqual(gradeRank(before.grade));
        },
      ),
      { numRuns: runsFor({ quick: 1000, full: 3000, deep: 100_000 }) },
    );
  }, 600_000);

  it('keeps score and grade consistent and bounded', () => {
    fc.assert(
      fc.property(siteArb, (site: SiteInput) => {
        const a = auditSite(build(site, site.specs), { now: NOW + 100 });
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(105);
        expect(Number.isInteger(a.score)).toBe(true);
        expect(a.grade).toBe(gradeForScore(a.score));
      }),
      { numRuns: 500 },
    );
  });

  it('never scores third-party cookies', () => {
    fc.assert(
      fc.property(siteArb, (site: SiteInput) => {
        const firstParty = site.specs.filter((s) => !s.thirdParty);
        const all = auditSite(build(site, site.specs), { now: NOW + 100 });
        const own = auditSite(build(site, firstParty.length > 0 ? firstParty : []), { now: NOW + 100 });
        fc.pre(site.specs.every((s) => !site.specs.some((o) => o !== s && o.name === s.name)));
        expect(all.score).toBe(own.score);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isoString (fast-check)', () => {
  it('matches Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000 * 2, max: 253402300799999 * 2 }), (ms) => {
        expect(isoString(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    expect(isoString(Number.NaN)).toBeNull();
    expect(isoString(8.64e15 + 1)).toBeNull();
  });
});
