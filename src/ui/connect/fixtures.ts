/**
 * Deterministic view-model samples for the mock background, the component tests and the benchmark.
 * Names, roles, values and findings look like what the engine reports for real sites; nothing here
 * holds a real cookie value (values are already reduced to their shape, as in the engine's output).
 */

import type {
  AuditedCookie,
  CookieRole,
  Finding,
  Framework,
  SameSiteValue,
  Severity,
  SiteAudit,
  ValueInfo,
} from '../../core/index.ts';
import { seededRandom } from '../../core/index.ts';
import { wording } from '../../lessons/index.ts';
import type { Coverage, SiteSummary, TabView } from '../../messages.ts';

/** Fixed clock so that expiry texts in snapshots and tests do not drift. */
export const FIXTURE_NOW = Date.UTC(2026, 0, 15, 9, 30, 0);

interface Template {
  name: string;
  role: CookieRole;
  value: Omit<ValueInfo, 'redacted'>;
  thirdParty?: boolean;
  /** Rules this kind of cookie typically breaks, worst first. */
  rules: [string, Severity][];
}

const TEMPLATES: Template[] = [
  {
    name: 'sessionid',
    role: 'session',
    value: { length: 32, entropyBits: 165, format: 'opaque' },
    rules: [
      ['session-missing-secure', 'high'],
      ['session-long-lived', 'low'],
      ['session-missing-samesite', 'low'],
      ['session-default-name', 'info'],
      ['session-no-prefix', 'info'],
    ],
  },
  {
    name: 'PHPSESSID',
    role: 'session',
    value: { length: 26, entropyBits: 130, format: 'opaque' },
    rules: [
      ['session-missing-httponly', 'high'],
      ['session-not-rotated-on-login', 'high'],
      ['session-missing-samesite', 'low'],
      ['session-default-name', 'info'],
    ],
  },
  {
    name: 'session',
    role: 'session',
    value: {
      length: 88,
      entropyBits: 300,
      format: 'flask-signed',
      payloadKeys: ['_fresh', 'user_id', 'role'],
    },
    rules: [
      ['session-client-readable', 'low'],
      ['session-missing-secure', 'high'],
      ['session-long-lived', 'low'],
    ],
  },
  {
    name: 'connect.sid',
    role: 'session',
    value: { length: 80, entropyBits: 290, format: 'express-signed' },
    rules: [
      ['session-missing-secure', 'high'],
      ['session-default-name', 'info'],
    ],
  },
  {
    name: 'csrftoken',
    role: 'csrf',
    value: { length: 32, entropyBits: 190, format: 'opaque' },
    rules: [
      ['csrf-missing-secure', 'medium'],
      ['csrf-missing-samesite', 'medium'],
    ],
  },
  {
    name: 'XSRF-TOKEN',
    role: 'csrf',
    value: { length: 340, entropyBits: 1400, format: 'laravel-encrypted' },
    rules: [['csrf-missing-secure', 'medium']],
  },
  {
    name: 'user_id',
    role: 'other',
    value: { length: 4, entropyBits: 13, format: 'numeric' },
    rules: [
      ['identity-in-plain-cookie', 'high'],
      ['cookie-missing-secure', 'medium'],
    ],
  },
  {
    name: 'theme',
    role: 'other',
    value: { length: 4, entropyBits: 8, format: 'text' },
    rules: [
      ['cookie-missing-secure', 'medium'],
      ['cookie-missing-httponly', 'info'],
    ],
  },
  {
    name: 'AWSALB',
    role: 'infrastructure',
    value: { length: 88, entropyBits: 480, format: 'base64' },
    rules: [['samesite-none-insecure', 'medium']],
  },
  {
    name: 'lang',
    role: 'other',
    value: { length: 5, entropyBits: 10, format: 'text' },
    rules: [['expiry-over-400-days', 'info']],
  },
  {
    name: '_ga',
    role: 'tracking',
    value: { length: 26, entropyBits: 60, format: 'text' },
    thirdParty: false,
    rules: [['cookie-missing-secure', 'medium']],
  },
  {
    name: 'IDE',
    role: 'tracking',
    value: { length: 62, entropyBits: 330, format: 'base64' },
    thirdParty: true,
    rules: [['partitioned-insecure', 'low']],
  },
  {
    name: '__Host-sid',
    role: 'session',
    value: { length: 43, entropyBits: 256, format: 'opaque' },
    rules: [],
  },
  {
    name: 'auth_token',
    role: 'session',
    value: { length: 180, entropyBits: 900, format: 'jwt', payloadKeys: ['sub', 'exp', 'iat', 'scope'] },
    rules: [
      ['session-missing-httponly', 'high'],
      ['session-client-readable', 'low'],
    ],
  },
];

const FIRST_PARTY = 'staging.example.com';
const THIRD_PARTY = ['ads.tracker.example', 'cdn.widgets.example', 'sso.partner.example'];

function finding(
  rule: string,
  severity: Severity,
  evidence: string,
  framework: Framework | 'generic',
): Finding {
  const words = wording.describe(rule, framework);
  return {
    rule,
    severity,
    message: words?.message ?? rule,
    evidence,
    ...(words?.fix ? { fix: words.fix } : {}),
  };
}

function evidenceLine(c: Omit<AuditedCookie, 'findings' | 'evidence'>): string {
  const parts = [`${c.name}=…`, `Path=${c.path}`];
  if (!c.hostOnly) parts.push(`Domain=${c.domain}`);
  if (c.expires) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite !== 'unspecified' && c.sameSite !== 'invalid') {
    parts.push(`SameSite=${c.sameSite[0].toUpperCase()}${c.sameSite.slice(1)}`);
  }
  if (c.partitioned) parts.push('Partitioned');
  return `Set-Cookie: ${parts.join('; ')}`;
}

export interface MakeTabViewOptions {
  cookies: number;
  /** Findings per cookie (capped by what each kind of cookie can break). Default: the template's. */
  findingsPerCookie?: number;
  framework?: Framework;
  seed?: number;
  tabId?: number;
}

/** A realistic observed tab: `cookies` cookies with names, roles, attributes and findings. */
export function makeTabView(opts: MakeTabViewOptions): TabView {
  const framework = opts.framework ?? 'django';
  const rnd = seededRandom(opts.seed ?? 42);
  const cookies: AuditedCookie[] = [];
  const used = new Map<string, number>();
  for (let i = 0; i < opts.cookies; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    const n = used.get(t.name) ?? 0;
    used.set(t.name, n + 1);
    const name = n === 0 ? t.name : `${t.name}_${n}`;
    const thirdParty = t.thirdParty ?? i % 9 === 8;
    const domain = thirdParty ? THIRD_PARTY[i % THIRD_PARTY.length] : FIRST_PARTY;
    const clean = t.rules.length === 0;
    const persistent = t.role !== 'session' || t.rules.some(([r]) => r === 'session-long-lived');
    const lifetimeHours =
      t.name === 'lang' ? 24 * 800 : t.role === 'session' ? 24 * 14 : 24 * (1 + Math.floor(rnd() * 365));
    const base: Omit<AuditedCookie, 'findings' | 'evidence'> = {
      name,
      domain,
      hostOnly: !thirdParty && rnd() > 0.2,
      path: '/',
      role: t.role,
      secure: clean || thirdParty || !t.rules.some(([r]) => r.endsWith('missing-secure')),
      httpOnly: clean || (t.role !== 'csrf' && !t.rules.some(([r]) => r.endsWith('missing-httponly'))),
      sameSite: clean ? 'strict' : (['lax', 'unspecified', 'none'] as SameSiteValue[])[Math.floor(rnd() * 3)],
      expires: persistent ? new Date(FIXTURE_NOW + lifetimeHours * 3600 * 1000).toISOString() : null,
      partitioned: thirdParty && rnd() > 0.5,
      thirdParty,
      source: rnd() > 0.3 ? ['header', 'jar'] : ['jar'],
      value: { ...t.value, redacted: true },
      sizeBytes: name.length + t.value.length,
    };
    const evidence = evidenceLine(base);
    const count = Math.min(opts.findingsPerCookie ?? t.rules.length, t.rules.length);
    const findings = t.rules.slice(0, count).map(([rule, sev]) => finding(rule, sev, evidence, framework));
    cookies.push({ ...base, evidence, findings });
  }
  const origin = `https://${FIRST_PARTY}`;
  const audit: SiteAudit = {
    url: `${origin}/account/`,
    origin,
    grade: opts.cookies === 0 ? 'A' : 'D',
    score: opts.cookies === 0 ? 95 : 35,
    frameworks: [framework],
    findings: [
      finding('hsts-short', 'low', 'Strict-Transport-Security: max-age=86400', framework),
      finding('hsts-no-preload', 'info', 'Strict-Transport-Security: max-age=86400', framework),
    ],
    cookies,
  };
  const coverage: Coverage = {
    headerCookies: cookies.filter((c) => c.source.includes('header')).length,
    jarCookies: cookies.filter((c) => c.source.includes('jar')).length,
    partitionedCookies: cookies.filter((c) => c.partitioned).length,
    thirdPartyCookies: cookies.filter((c) => c.thirdParty).length,
    hostAccess: true,
    responses: 12 + Math.ceil(opts.cookies / 4),
  };
  return {
    tabId: opts.tabId ?? 1,
    url: audit.url,
    origin,
    scheme: 'https',
    status: 'observed',
    audit,
    coverage,
  };
}

const EMPTY_COVERAGE: Coverage = {
  headerCookies: 0,
  jarCookies: 0,
  partitionedCookies: 0,
  thirdPartyCookies: 0,
  hostAccess: true,
  responses: 0,
};

/** A hardened site: one __Host- session cookie, a Strict CSRF cookie, HSTS preloadable. */
export function cleanSiteView(tabId = 1): TabView {
  const origin = 'https://secure.example.org';
  const cookies: AuditedCookie[] = [
    {
      name: '__Host-sid',
      domain: 'secure.example.org',
      hostOnly: true,
      path: '/',
      role: 'session',
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      expires: null,
      partitioned: false,
      thirdParty: false,
      source: ['header', 'jar'],
      value: { length: 43, entropyBits: 256, format: 'opaque', redacted: true },
      findings: [],
      sizeBytes: 53,
      evidence: 'Set-Cookie: __Host-sid=…; Path=/; Secure; HttpOnly; SameSite=Strict',
    },
    {
      name: '__Host-csrf',
      domain: 'secure.example.org',
      hostOnly: true,
      path: '/',
      role: 'csrf',
      secure: true,
      httpOnly: false,
      sameSite: 'strict',
      expires: new Date(FIXTURE_NOW + 8 * 3600 * 1000).toISOString(),
      partitioned: false,
      thirdParty: false,
      source: ['header', 'jar'],
      value: { length: 43, entropyBits: 256, format: 'opaque', redacted: true },
      findings: [],
      sizeBytes: 54,
      evidence: 'Set-Cookie: __Host-csrf=…; Path=/; Max-Age=28800; Secure; SameSite=Strict',
    },
  ];
  return {
    tabId,
    url: `${origin}/`,
    origin,
    scheme: 'https',
    status: 'observed',
    audit: {
      url: `${origin}/`,
      origin,
      grade: 'A+',
      score: 105,
      frameworks: ['express'],
      findings: [],
      cookies,
    },
    coverage: { ...EMPTY_COVERAGE, headerCookies: 2, jarCookies: 2, responses: 6 },
    redirectCheck: {
      requestedUrl: 'http://secure.example.org/',
      status: 301,
      location: 'https://secure.example.org/',
      observedAt: FIXTURE_NOW,
    },
  };
}

export function manyFindingsView(tabId = 1): TabView {
  return makeTabView({ cookies: 28, tabId, framework: 'django' });
}

export function hugeView(tabId = 1): TabView {
  return makeTabView({ cookies: 10_000, tabId, framework: 'php' });
}

export function waitingView(tabId = 1): TabView {
  return {
    tabId,
    url: 'https://new.example.net/',
    origin: 'https://new.example.net',
    scheme: 'https',
    status: 'waiting',
    audit: null,
    coverage: { ...EMPTY_COVERAGE },
  };
}

export function reloadToAuditView(tabId = 1): TabView {
  const partial = makeTabView({ cookies: 3, tabId, framework: 'laravel' });
  return {
    ...partial,
    status: 'reload-to-audit',
    coverage: { ...partial.coverage, headerCookies: 0, responses: 0 },
  };
}

export function noHostAccessView(tabId = 1): TabView {
  return {
    tabId,
    url: 'https://intranet.example.com/',
    origin: 'https://intranet.example.com',
    scheme: 'https',
    status: 'observed',
    audit: {
      url: 'https://intranet.example.com/',
      origin: 'https://intranet.example.com',
      grade: 'A+',
      score: 100,
      frameworks: [],
      findings: [],
      cookies: [],
    },
    coverage: { ...EMPTY_COVERAGE, hostAccess: false },
  };
}

export function nonWebView(tabId = 1): TabView {
  return {
    tabId,
    url: 'chrome://extensions/',
    origin: null,
    scheme: null,
    status: 'non-web',
    audit: null,
    coverage: { ...EMPTY_COVERAGE, hostAccess: false },
  };
}

/** Sites for the full-page report: a weak one, a hardened one and a mid one. */
export function makeSiteSummaries(): SiteSummary[] {
  const weak = manyFindingsView().audit!;
  const clean = cleanSiteView().audit!;
  const mid = makeTabView({ cookies: 6, framework: 'rails', seed: 7 }).audit!;
  return [
    { audit: weak, lastSeen: FIXTURE_NOW - 60_000 },
    { audit: clean, lastSeen: FIXTURE_NOW - 3_600_000 },
    {
      audit: {
        ...mid,
        origin: 'http://legacy.example.com',
        url: 'http://legacy.example.com/',
        grade: 'C',
        score: 55,
      },
      lastSeen: FIXTURE_NOW - 7_200_000,
    },
  ];
}
