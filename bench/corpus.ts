/**
 * A deterministic corpus of realistic Set-Cookie headers for the engine benchmark: sites built from
 * framework defaults (Django, Flask, Express, PHP, Rails, Laravel, Spring, ASP.NET, NextAuth) and
 * their usual variants (hardened or not, persistent or not, Domain-scoped, deletions on logout),
 * plus the analytics, consent and load-balancer cookies real sites carry. Same seed, same corpus.
 */
import { seededRandom } from '../src/core/index.ts';

export interface CorpusSite {
  /** The response URL the headers were seen on. */
  url: string;
  lines: string[];
}

export interface Corpus {
  sites: CorpusSite[];
  /** Every line, in order (what the parsers are timed on). */
  lines: string[];
}

const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const CORPUS_NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

function httpDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[(d.getUTCDay() + 6) % 7]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

function b64url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

class Gen {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = seededRandom(seed);
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chars(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  /** Attribute tail with realistic variation around a framework's defaults. */
  attrs(o: {
    path?: string;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: string | null;
    maxAge?: number | null;
    domain?: string | null;
    caseStyle?: boolean;
  }): string {
    const parts: string[] = [];
    if (o.maxAge !== undefined && o.maxAge !== null) {
      if (this.chance(0.5)) parts.push(`expires=${httpDate(CORPUS_NOW + o.maxAge * 1000)}`);
      parts.push(`Max-Age=${o.maxAge}`);
    }
    if (o.domain) parts.push(`Domain=${o.domain}`);
    parts.push(`Path=${o.path ?? '/'}`);
    if (o.httpOnly) parts.push(o.caseStyle ? 'httponly' : 'HttpOnly');
    if (o.secure) parts.push(o.caseStyle ? 'secure' : 'Secure');
    if (o.sameSite) parts.push(`SameSite=${o.sameSite}`);
    return parts.length > 0 ? `; ${parts.join('; ')}` : '';
  }
}

type SiteBuilder = (g: Gen, host: string, hardened: boolean) => string[];

const parent = (host: string) => host.slice(host.indexOf('.') + 1);

const FRAMEWORKS: SiteBuilder[] = [
  // Django: sessionid (2 weeks, HttpOnly, Lax) + csrftoken (1 year, readable, Lax), language.
  (g, _host, hard) => [
    `sessionid=${g.chars(32, LOWER_DIGITS)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax', maxAge: 1209600 })}`,
    `csrftoken=${g.chars(g.chance(0.5) ? 32 : 64, ALNUM)}${g.attrs({ secure: hard, sameSite: 'Lax', maxAge: 31449600 })}`,
    ...(g.chance(0.3)
      ? [`django_language=${g.pick(['en', 'fr', 'de'])}${g.attrs({ sameSite: null, maxAge: null })}`]
      : []),
    ...(g.chance(0.2)
      ? [
          `messages=${g.chars(80, B64URL)}:${g.chars(6, ALNUM)}:${g.chars(43, B64URL)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax' })}`,
        ]
      : []),
  ],
  // Flask: signed client-side session.
  (g, _host, hard) => [
    `session=${b64url(`{"_fresh":false,"_user_id":"${g.int(100000)}","csrf_token":"${g.chars(40, HEX)}"}`)}.${g.chars(6, B64URL)}.${g.chars(27, B64URL)}${g.attrs({ httpOnly: true, secure: hard, sameSite: hard ? 'Lax' : null, maxAge: g.chance(0.5) ? 2678400 : null })}`,
    ...(g.chance(0.4)
      ? [
          `remember_token=${g.int(100000)}|${g.chars(128, HEX)}${g.attrs({ httpOnly: true, secure: hard, maxAge: 31536000 })}`,
        ]
      : []),
  ],
  // Express: express-session or cookie-session.
  (g, _host, hard) =>
    g.chance(0.7)
      ? [
          `connect.sid=s%3A${g.chars(32, B64URL)}.${g.chars(43, B64)}${g.attrs({ httpOnly: true, secure: hard, sameSite: hard ? 'Strict' : null, maxAge: g.chance(0.3) ? 86400 : null })}`,
        ]
      : [
          `session=${btoa(`{"userId":${g.int(100000)},"views":${g.int(50)}}`)}${g.attrs({ httpOnly: true, secure: hard, sameSite: hard ? 'Lax' : null })}`,
          `session.sig=${g.chars(27, B64URL)}${g.attrs({ httpOnly: true, secure: hard, sameSite: hard ? 'Lax' : null })}`,
        ],
  // PHP: PHPSESSID from php.ini defaults (nothing set) or hardened.
  (g, _host, hard) => [
    `PHPSESSID=${g.chars(g.chance(0.5) ? 26 : 32, '0123456789abcdefghijklmnopqrstuv')}${g.attrs({ httpOnly: hard, secure: hard, sameSite: hard ? 'Lax' : null, caseStyle: true })}`,
    ...(g.chance(0.3) ? [`PHPSESSID=deleted${g.attrs({ maxAge: 0 })}`] : []),
  ],
  // Rails: encrypted cookie store + Devise remember token.
  (g, host, hard) => [
    `_${host.split('.')[0]}_session=${encodeURIComponent(`${g.chars(120, B64)}==--${g.chars(16, B64)}==--${g.chars(22, B64)}==`)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax' })}`,
    ...(g.chance(0.3)
      ? [
          `remember_user_token=${encodeURIComponent(`${g.chars(60, B64)}==--${g.chars(40, HEX)}`)}${g.attrs({ httpOnly: true, secure: hard, maxAge: 1209600 })}`,
        ]
      : []),
  ],
  // Laravel: encrypted session + readable XSRF-TOKEN.
  (g, host, hard) => {
    const enc = () =>
      encodeURIComponent(
        btoa(
          `{"iv":"${g.chars(24, B64)}","value":"${g.chars(160, B64)}","mac":"${g.chars(64, HEX)}","tag":""}`,
        ),
      );
    return [
      `XSRF-TOKEN=${enc()}${g.attrs({ secure: hard, sameSite: 'Lax', maxAge: 7200 })}`,
      `${g.pick(['laravel_session', 'laravel-session', `${host.split('.')[0]}-session`])}=${enc()}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax', maxAge: 7200 })}`,
    ];
  },
  // Spring: JSESSIONID (Tomcat) or SESSION (Spring Session) + CookieCsrfTokenRepository.
  (g, _host, hard) => [
    g.chance(0.6)
      ? `JSESSIONID=${g.chars(32, '0123456789ABCDEF')}${g.attrs({ httpOnly: true, secure: hard })}`
      : `SESSION=${btoa(`${g.chars(8, HEX)}-${g.chars(4, HEX)}-${g.chars(4, HEX)}-${g.chars(4, HEX)}-${g.chars(12, HEX)}`)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax' })}`,
    ...(g.chance(0.5)
      ? [
          `XSRF-TOKEN=${g.chars(8, HEX)}-${g.chars(4, HEX)}-4${g.chars(3, HEX)}-a${g.chars(3, HEX)}-${g.chars(12, HEX)}${g.attrs({ secure: hard })}`,
        ]
      : []),
  ],
  // ASP.NET Core: auth cookie (chunked when large), antiforgery, classic session.
  (g, _host, hard) => [
    `.AspNetCore.Cookies=${g.chars(g.chance(0.5) ? 600 : 1400, B64URL)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax', maxAge: g.chance(0.5) ? 1209600 : null })}`,
    `.AspNetCore.Antiforgery.${g.chars(11, B64URL)}=${g.chars(190, B64URL)}${g.attrs({ httpOnly: true, sameSite: 'Strict' })}`,
    ...(g.chance(0.3)
      ? [
          `ASP.NET_SessionId=${g.chars(24, 'abcdefghijklmnopqrstuvwxyz012345')}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax' })}`,
        ]
      : []),
  ],
  // NextAuth / Auth.js: JWE session token, CSRF, callback URL.
  (g, host, hard) => {
    const pre = hard ? '__Secure-' : '';
    const jwe = `${b64url('{"alg":"dir","enc":"A256GCM"}')}..${g.chars(16, B64URL)}.${g.chars(g.chance(0.8) ? 400 : 3900, B64URL)}.${g.chars(22, B64URL)}`;
    return [
      `${pre}${g.pick(['next-auth', 'authjs'])}.session-token=${jwe}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax', maxAge: 2592000 })}`,
      `${hard ? '__Host-' : ''}next-auth.csrf-token=${g.chars(64, HEX)}%7C${g.chars(64, HEX)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax' })}`,
      `${pre}next-auth.callback-url=${encodeURIComponent(`https://${host}/`)}${g.attrs({ httpOnly: true, secure: hard, sameSite: 'Lax' })}`,
    ];
  },
  // Hand-rolled apps: custom names, JWTs, identity in plain cookies, broken attributes.
  (g, host, hard) => [
    `${g.pick(['auth_token', 'token', 'jwt', 'access_token'])}=${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${g.int(1e6)}","role":"${g.pick(['user', 'admin'])}","exp":${1750000000 + g.int(1e6)}}`)}.${g.chars(43, B64URL)}${g.attrs({ httpOnly: hard, secure: hard, sameSite: hard ? 'Strict' : g.pick([null, 'None', 'none', 'true']) })}`,
    ...(g.chance(0.3) ? [`user_id=${g.int(100000)}${g.attrs({ maxAge: 2592000 })}`] : []),
    ...(g.chance(0.2) ? [`role=${g.pick(['user', 'admin', 'editor'])}${g.attrs({})}`] : []),
    ...(g.chance(0.2)
      ? [
          `__Host-sid=${g.chars(43, B64URL)}${g.attrs({ secure: true, httpOnly: true, sameSite: 'Strict', domain: g.chance(0.3) ? host : null })}`,
        ]
      : []),
    ...(g.chance(0.1) ? ['Secure; HttpOnly; SameSite=Strict'] : []),
  ],
];

/** Analytics, consent, load-balancer and CDN cookies, first-party as real sites set them. */
function extras(g: Gen, host: string): string[] {
  const dom = `.${parent(host)}`;
  const out: string[] = [];
  if (g.chance(0.8)) {
    out.push(
      `_ga=GA1.1.${g.int(2e9)}.${1700000000 + g.int(3e7)}${g.attrs({ domain: dom, maxAge: 63072000, sameSite: g.chance(0.5) ? 'Lax' : null })}`,
    );
    out.push(
      `_ga_${g.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}=GS1.1.${1700000000 + g.int(3e7)}.1.1.${1700000000 + g.int(3e7)}.0.0.0${g.attrs({ domain: dom, maxAge: 63072000 })}`,
    );
  }
  if (g.chance(0.4))
    out.push(`_gid=GA1.2.${g.int(2e9)}.${1700000000 + g.int(3e7)}${g.attrs({ domain: dom, maxAge: 86400 })}`);
  if (g.chance(0.3))
    out.push(
      `_fbp=fb.1.${1700000000000 + g.int(1e9)}.${g.int(2e9)}${g.attrs({ domain: dom, maxAge: 7776000, sameSite: 'Lax' })}`,
    );
  if (g.chance(0.3))
    out.push(
      `_hjSessionUser_${g.int(4e6)}=${btoa(`{"id":"${g.chars(16, HEX)}","created":${1700000000000 + g.int(1e9)},"existing":true}`)}${g.attrs({ domain: dom, maxAge: 31536000, secure: true, sameSite: 'None' })}`,
    );
  if (g.chance(0.4)) {
    const v = g.chars(88, B64);
    out.push(`AWSALB=${v}${g.attrs({ maxAge: 604800 })}`);
    out.push(`AWSALBCORS=${v}${g.attrs({ maxAge: 604800, secure: true, sameSite: 'None' })}`);
  }
  if (g.chance(0.3))
    out.push(
      `__cf_bm=${g.chars(43, B64URL)}-${1700000000 + g.int(3e7)}-0-${g.chars(60, B64)}=${g.attrs({ domain: dom, maxAge: 1800, httpOnly: true, secure: true, sameSite: 'None' })}`,
    );
  if (g.chance(0.15))
    out.push(
      `ARRAffinity=${g.chars(64, HEX)}${g.attrs({ httpOnly: true, secure: g.chance(0.5), domain: host })}`,
    );
  if (g.chance(0.1))
    out.push(
      `heroku-session-affinity=${g.chars(40, B64URL)}${g.attrs({ maxAge: 86400, httpOnly: true })}; Version=1`,
    );
  if (g.chance(0.5))
    out.push(
      `OptanonConsent=${encodeURIComponent(`isGpcEnabled=0&datestamp=${httpDate(CORPUS_NOW)}&version=6.39.0&groups=C0001:1,C0002:0`)}${g.attrs({ domain: dom, maxAge: 31536000, sameSite: 'Lax' })}`,
    );
  if (g.chance(0.5))
    out.push(
      `${g.pick(['theme', 'lang', 'currency', 'tz'])}=${g.pick(['dark', 'en-US', 'EUR', 'Europe%2FParis'])}${g.attrs({ maxAge: g.chance(0.5) ? 31536000 : null, sameSite: g.chance(0.5) ? 'Lax' : null })}`,
    );
  if (g.chance(0.1)) out.push(`tracking=1${g.attrs({ maxAge: 50000000 })}`);
  if (g.chance(0.1)) out.push(`old_pref=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/`);
  return out;
}

/**
 * Builds at least `minLines` headers, in sites of realistic size (typically 8–20 cookies across a
 * few page loads: the same headers are often sent again on later responses).
 */
export function generateCorpus(minLines = 100_000, seed = 20250601): Corpus {
  const g = new Gen(seed);
  const sites: CorpusSite[] = [];
  const lines: string[] = [];
  let n = 0;
  while (lines.length < minLines) {
    const host = `${g.pick(['www', 'app', 'shop', 'portal', 'my'])}.site${n}.${g.pick(['com', 'co.uk', 'de', 'io', 'example'])}`;
    const scheme = g.chance(0.9) ? 'https' : 'http';
    const hardened = g.chance(0.35);
    const base = g.pick(FRAMEWORKS)(g, host, hardened);
    const site = [...base, ...extras(g, host)];
    // Repeat visits: a subset of the headers comes again on later responses.
    const repeats = g.int(3);
    for (let r = 0; r < repeats; r++) for (const l of base) if (g.chance(0.5)) site.push(l);
    sites.push({ url: `${scheme}://${host}/${g.pick(['', 'login', 'account', 'cart'])}`, lines: site });
    for (const l of site) lines.push(l);
    n++;
  }
  return { sites, lines };
}
