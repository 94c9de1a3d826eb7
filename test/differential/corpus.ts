/**
 * The differential corpus: Set-Cookie cases served byte for byte to real Chromium and Firefox and
 * compared with the engine (test/e2e/differential.test.ts).
 *
 * Where the cases come from: written for this repository (MIT, like the rest of it), after the
 * parsing and storage algorithms of RFC 6265bis (draft-ietf-httpbis-rfc6265bis) and the classes of
 * cases the IETF http-state parser tests and the web-platform-tests `cookies/` directory exercise
 * (attribute order, empty and repeated attributes, dates, prefixes, sizes, control characters). No
 * case is copied from those suites; they are named only as the inspiration for the families below.
 *
 * Each case is one response: one or more Set-Cookie lines, requested from one host and path over
 * http:// or https://. Every case has host names of its own (`{c}` in a host or a line is replaced
 * by the case id, `{s}` by its site), so all cases load into one profile without touching each
 * other's cookies; the few cases on shared hosts (localhost, 127.0.0.1, the site's registrable
 * domain itself) use cookie names no other case uses on that host. Cases are spread over many
 * registrable domains (g1.test, g2.test, …) because browsers limit the cookies per registrable
 * domain (180): a batch of cases must stay well under that.
 */

export type CaseScheme = 'http' | 'https';

export interface DiffCase {
  /** c1, c2, … (stable within one corpus version; used in host names). */
  id: string;
  family: string;
  scheme: CaseScheme;
  /** Request host (placeholders filled in). */
  host: string;
  /** The registrable domain of the host (g7.test, g3.co.uk, …), or the host when it has none. */
  site: string;
  /** Request path (decides the default Path). */
  path: string;
  /** The Set-Cookie field values, in order, with {c} for the case id. */
  lines: string[];
}

/** Public suffixes the corpus's sites sit under: an unlisted TLD, an ICANN two-level suffix, a private one. */
export const CORPUS_SUFFIXES = ['test', 'co.uk', 'github.io'] as const;
export type CorpusSuffix = (typeof CORPUS_SUFFIXES)[number];
/** At most this many cases share one registrable domain. */
const CASES_PER_SITE = 40;

const FUTURE = 'Thu, 21 Oct 2027 07:28:00 GMT';

interface Draft {
  family: string;
  lines: string[];
  /** Default www.{c}.{s}. */
  host?: string;
  path?: string;
  schemes?: CaseScheme[];
  suffix?: CorpusSuffix;
  /** A registrable domain of its own (cases that set many cookies). */
  ownSite?: boolean;
}

const drafts: Draft[] = [];
const both: CaseScheme[] = ['http', 'https'];

function add(family: string, lines: string | string[], extra: Omit<Draft, 'family' | 'lines'> = {}): void {
  drafts.push({ family, lines: Array.isArray(lines) ? lines : [lines], ...extra });
}

/* Name and value (RFC 6265bis 5.6 steps 1–7). */
for (const line of [
  'a=b',
  'a=',
  '=b',
  'b',
  '=',
  ' a = b ',
  'a=b=c',
  '=a=b',
  '==b',
  'a="b"',
  'a="b',
  'a=b c',
  'a b=c',
  'a=b;',
  'a=b;;;',
  'a=b; ;',
  'a=b ;x',
  ';a=b',
  '; a=b',
  'a=b;Path=/',
  'Secure',
  'HttpOnly',
  'secure; httponly',
  'a=%00b',
  'a=b,c',
  'a,b=c',
  'a=b; c=d',
  'a:b=c',
  'a=b%3Bc',
  'Domain=x',
  'Path=/',
  'Max-Age=100',
  '__Host-a',
  '=__Secure-a; Secure',
  'a=\u00e9',
  '\u00e9=b',
  'a=\u{1F36A}',
  'a=b\u00ff',
]) {
  add('name-value', line, { schemes: both });
}

/* Whitespace and control characters (step 1; HTAB is allowed). */
for (const line of [
  'a=b\t',
  'a=\tb',
  '\ta=b',
  'a\t=b',
  'a=b\tc',
  'a\tb=c',
  'a=b; \tSecure',
  'a=b;\tPath=/x',
  'a=b; Path=/x\t',
  'a=b; SameSite=\tLax',
  'a=b\u0001',
  'a\u0001=b',
  'a=b; Path=/\u0001',
  'a=b\u001f',
  'a=b\u007f',
  'a\u007f=b',
  'a=b\u000b',
  'a=b\u000c',
  'a=b; Domain=\u0002{c}.{s}',
  'a=b; Comment=\u0003',
]) {
  add('control', line, { schemes: both });
}

/* Sizes: name + value limit 4096 octets, attribute values 1024. */
for (const [n, v] of [
  [1, 4095],
  [1, 4094],
  [2048, 2048],
  [2048, 2049],
  [4096, 0],
  [4097, 0],
  [0, 4096],
  [0, 4097],
]) {
  add('size', `${'n'.repeat(n)}${n === 0 ? '' : '='}${'v'.repeat(v)}`, { schemes: ['https'] });
}
add('size', `a=${'\u00e9'.repeat(2047)}`, { schemes: ['https'] });
add('size', `a=${'\u00e9'.repeat(2048)}`, { schemes: ['https'] });
add('size', `a=b; Path=/${'p'.repeat(1023)}`, { schemes: ['https'] });
add('size', `a=b; Path=/${'p'.repeat(1024)}`, { schemes: ['https'] });
add('size', `a=b; Path=/x; Path=/${'p'.repeat(1024)}`, { schemes: ['https'] });
add('size', `a=b; Domain=${'d'.repeat(1020)}.{c}.{s}`, { schemes: ['https'] });
add('size', `a=b; Max-Age=${'0'.repeat(1030)}1`, { schemes: ['https'] });

/* Path (5.6.6 and default-path 5.1.4). */
for (const [path, line] of [
  ['/', 'a=b'],
  ['/x', 'a=b'],
  ['/x/', 'a=b'],
  ['/x/y', 'a=b'],
  ['/x/y/', 'a=b'],
  ['/x/y/z', 'a=b'],
  ['/x/y', 'a=b; Path=/'],
  ['/x/y', 'a=b; Path='],
  ['/x/y', 'a=b; Path'],
  ['/x/y', 'a=b; Path=z'],
  ['/x/y', 'a=b; Path=/z'],
  ['/x/y', 'a=b; Path=/z/'],
  ['/x/y', 'a=b; path=/Z'],
  ['/x/y', 'a=b; Path=/z; Path='],
  ['/x/y', 'a=b; Path=; Path=/z'],
  ['/x/y', 'a=b; Path=/z; Path=w'],
  ['/x/y', 'a=b; Path=/a b'],
  ['/x/y', 'a=b; Path=/%2F'],
  ['/x/y', 'a=b; Path=/\u00e9'],
  ['/x/y', 'a=b; Path = /z'],
  ['/x/y', 'a=b; Path=/z;'],
  ['/x/y', 'a=b; Path=//'],
  ['/x/y', 'a=b; Path=/x/../y'],
  ['/x/y', 'a=b; PATH=/z'],
]) {
  add('path', line, { path, schemes: both });
}

/* Domain (5.6.3, storage steps 8–10), on hosts under each kind of suffix. */
for (const suffix of CORPUS_SUFFIXES) {
  for (const [host, line] of [
    ['{c}.{s}', 'a=b; Domain={c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain={c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=.{c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=www.{c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=WWW.{c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain={c}.{s}.'],
    ['www.{c}.{s}', 'a=b; Domain=..{c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=other.{c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=w.{c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=ww.{c}.{s}'],
    ['www.{c}.{s}', `a=b; Domain=${suffix}`],
    ['www.{c}.{s}', `a=b; Domain=.${suffix}`],
    ['www.{c}.{s}', 'a=b; Domain=.'],
    ['www.{c}.{s}', 'a=b; Domain='],
    ['www.{c}.{s}', 'a=b; Domain'],
    ['www.{c}.{s}', 'a=b; Domain={c}.{s}; Domain='],
    ['www.{c}.{s}', 'a=b; Domain=; Domain={c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain={c}.{s}; Domain=other.test'],
    ['www.{c}.{s}', 'a=b; Domain=other.test; Domain={c}.{s}'],
    ['a.b.{c}.{s}', 'a=b; Domain=b.{c}.{s}'],
    ['a.b.{c}.{s}', 'a=b; Domain={c}.{s}'],
    ['www.{c}.{s}', 'a=b; Domain=127.0.0.1'],
    ['www.{c}.{s}', 'a=b; Domain= {c}.{s} '],
    ['www.{c}.{s}', 'a=b; Domain=%77ww.{c}.{s}'],
    // The registrable domain itself (shared by the site's cases: names of their own).
    ['www.{c}.{s}', 'reg{c}=b; Domain={s}'],
    ['www.{c}.{s}', 'reg{c}=b; Domain=.{s}; Secure'],
  ]) {
    add(`domain .${suffix}`, line, { host, suffix, schemes: both });
  }
}

/* Hosts without a registrable domain, and IP addresses (shared hosts: unique names). */
for (const [host, line] of [
  ['localhost', 'lh{c}=b'],
  ['localhost', 'lh{c}=b; Domain=localhost'],
  ['localhost', 'lh{c}=b; Domain=.localhost'],
  ['localhost', 'lh{c}=b; Secure'],
  ['localhost', '__Host-lh{c}=b; Secure; Path=/'],
  ['localhost', 'lh{c}=b; SameSite=None; Secure'],
  ['{c}.localhost', 'a=b'],
  ['{c}.localhost', 'a=b; Domain=localhost'],
  ['{c}.localhost', 'a=b; Domain={c}.localhost'],
  ['{c}.localhost', 'a=b; Secure'],
  ['127.0.0.1', 'ip{c}=b'],
  ['127.0.0.1', 'ip{c}=b; Domain=127.0.0.1'],
  ['127.0.0.1', 'ip{c}=b; Domain=0.0.1'],
  ['127.0.0.1', 'ip{c}=b; Secure'],
  ['127.0.0.1', '__Host-ip{c}=b; Secure; Path=/'],
]) {
  // Shared hosts: the server tells these cases apart by path (whose default-path is /).
  add('host', line, { host, path: '/{c}', schemes: both });
}

/* Secure and HttpOnly (5.6.5, 5.6.6; storage step: Secure only from secure origins). */
for (const line of [
  'a=b; Secure',
  'a=b; secure',
  'a=b; SECURE',
  'a=b; Secure=',
  'a=b; Secure=no',
  'a=b; Secure; Secure',
  'a=b; Secur',
  'a=b; Secure ;',
  'a=b; HttpOnly',
  'a=b; httponly',
  'a=b; HttpOnly=false',
  'a=b; Http-Only',
  'a=b; Secure; HttpOnly',
]) {
  add('secure-httponly', line, { schemes: both });
}

/* SameSite (5.6.7), including the last-wins rule and invalid values. */
for (const line of [
  'a=b; SameSite=Strict',
  'a=b; SameSite=Lax',
  'a=b; SameSite=None',
  'a=b; SameSite=None; Secure',
  'a=b; samesite=strict',
  'a=b; SAMESITE=LAX',
  'a=b; SameSite=none; Secure',
  'a=b; SameSite=',
  'a=b; SameSite',
  'a=b; SameSite=Bogus',
  'a=b; SameSite=Lax; SameSite=Strict',
  'a=b; SameSite=Strict; SameSite=Lax',
  'a=b; SameSite=Strict; SameSite=Bogus',
  'a=b; SameSite=Strict; SameSite=',
  'a=b; SameSite=None; SameSite=Lax',
  'a=b; SameSite=Lax; SameSite=None; Secure',
  'a=b; SameSite=Lax; SameSite=None',
  'a=b; SameSite="Lax"',
  'a=b; SameSite= Lax ',
  'a=b; SameSite=Laxx',
  'a=b; SameSite=No',
]) {
  add('samesite', line, { schemes: both });
}

/* Partitioned (CHIPS). */
for (const line of [
  'a=b; Partitioned',
  'a=b; Partitioned; Secure',
  'a=b; Partitioned; Secure; SameSite=None',
  'a=b; partitioned; secure; Path=/',
  'a=b; Partitioned=no; Secure',
  '__Host-a=b; Partitioned; Secure; Path=/',
]) {
  add('partitioned', line, { schemes: both });
}

/* Max-Age (5.6.2). */
for (const v of [
  '0',
  '-1',
  '1',
  '100',
  '86400',
  '34560000',
  '34560001',
  '999999999',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999999999',
  `1${'0'.repeat(400)}`,
  '-9223372036854775809',
  '1.5',
  '+5',
  '5s',
  ' 5',
  '0x10',
  'abc',
  '',
  '-',
  '-0',
  '007',
]) {
  add('max-age', `a=b; Max-Age=${v}`, { schemes: ['https'] });
}
for (const line of [
  'a=b; Max-Age',
  'a=b; Max-Age=100; Max-Age=',
  'a=b; Max-Age=100; Max-Age=abc',
  'a=b; Max-Age=abc; Max-Age=100',
  'a=b; Max-Age=100; Max-Age=0',
  'a=b; Max-Age=0; Max-Age=100',
  `a=b; Max-Age=100; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
  `a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100`,
  `a=b; Max-Age=0; Expires=${FUTURE}`,
  `a=b; Max-Age=abc; Expires=${FUTURE}`,
  `a=b; Max-Age=; Expires=${FUTURE}`,
]) {
  add('max-age', line, { schemes: ['https'] });
}

/* Expires and the cookie-date algorithm (5.1.1). */
for (const v of [
  FUTURE,
  'Wed, 21 Oct 2027 07:28:00',
  'Wed 21 Oct 2027 07:28:00 GMT',
  '21 Oct 2027 07:28:00 GMT',
  'Oct 21 2027 07:28:00',
  '2027 Oct 21 07:28:00',
  '21-Oct-2027 07:28:00 GMT',
  'Wednesday, 21-Oct-26 07:28:00 GMT',
  'Wed, 21 Oct 26 07:28:00 GMT',
  'Wed, 21 Oct 69 07:28:00 GMT',
  'Wed, 21 Oct 70 07:28:00 GMT',
  'Wed, 21 Oct 99 07:28:00 GMT',
  'Wed, 21 Oct 100 07:28:00 GMT',
  'Wed, 21 Oct 1600 07:28:00 GMT',
  'Wed, 21 Oct 1601 07:28:00 GMT',
  'Wed, 21 Oct 9999 07:28:00 GMT',
  'Wed, 21 Oct 10000 07:28:00 GMT',
  'Wed, 21 Oct 20260 07:28:00 GMT',
  'Wed, 21 Oct 99999 07:28:00 GMT',
  'Wed, 21 Oct 202700 07:28:00 GMT',
  'Wed, 21 Oct 0100 07:28:00 GMT',
  'Wed, 21 Oct 2026 07:28:00 GMT',
  'Wed, 21 Oct 2027 7:8:0 GMT',
  'Wed, 21 Oct 2027 07:28 GMT',
  'Wed, 21 Oct 2027 24:00:00 GMT',
  'Wed, 21 Oct 2027 23:60:00 GMT',
  'Wed, 21 Oct 2027 23:59:60 GMT',
  'Wed, 32 Oct 2027 07:28:00 GMT',
  'Wed, 0 Oct 2027 07:28:00 GMT',
  'Sat, 29 Feb 2028 07:28:00 GMT',
  'Fri, 29 Feb 2027 07:28:00 GMT',
  'Mon, 30 Feb 2027 07:28:00 GMT',
  'Wed, 31 Apr 2027 07:28:00 GMT',
  'Wed, 21 Foo 2027 07:28:00 GMT',
  'Wed, 21 October 2027 07:28:00 GMT',
  'Wed, 21 OCT 2027 07:28:00 GMT',
  'Wed, 21 Oct 2027 07:28:00 UTC',
  'Wed, 21 Oct 2027 07:28:00 +0200',
  'Wed, 21 Oct 2027 07:28:00.123 GMT',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Thu, 01 Jan 1970 00:00:01 GMT',
  'Sun, 01 Jan 2000 00:00:00 GMT',
  'garbage',
  '',
  '0',
  '1893456000',
  '2027-10-21T07:28:00Z',
  '21 Oct 2027',
  '07:28:00',
  'Oct 2027 07:28:00',
  '21 2027 07:28:00',
  'Wed, 21 Oct 2027 07:28:00 GMT; x',
  'Wed,21-Oct-2027 07:28:00 GMT',
  'Wed, 21 Oct 2027 007:28:00 GMT',
  'Wed, 21 Oct 2027 07:28:001 GMT',
  'Wed, 21 Oct 2027 07:0028:00 GMT',
  'Wed, 021 Oct 2027 07:28:00 GMT',
  'Wed, 21 Oct 02026 07:28:00 GMT',
  'Jan Feb 21 2027 07:28:00',
  '\u00e9 21 Oct 2027 07:28:00',
]) {
  add('expires', `a=b; Expires=${v}`, { schemes: ['https'] });
}
for (const line of [
  `a=b; Expires=${FUTURE}; Expires=`,
  `a=b; Expires=${FUTURE}; Expires=garbage`,
  `a=b; Expires=garbage; Expires=${FUTURE}`,
  `a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Expires=${FUTURE}`,
  `a=b; Expires=${FUTURE}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
  'a=b; Expires',
]) {
  add('expires', line, { schemes: ['https'] });
}

/* Cookie name prefixes (__Secure-, __Host-, __Http-, __Host-Http-). */
for (const line of [
  '__Secure-a=b',
  '__Secure-a=b; Secure',
  '__secure-a=b',
  '__SECURE-a=b; Secure',
  '__Secure-a=b; Secure; Domain={c}.{s}',
  '__Host-a=b',
  '__Host-a=b; Secure',
  '__Host-a=b; Secure; Path=/',
  '__Host-a=b; Secure; Path=/x',
  '__Host-a=b; Secure; Path=/; Domain={c}.{s}',
  '__Host-a=b; Secure; Path=/; Domain=www.{c}.{s}',
  '__host-a=b; Secure; Path=/',
  '__HOST-a=b; Path=/',
  '__Host-a=b; Secure; Path=/; Partitioned',
  '__Host-=b; Secure; Path=/',
  '__Secure-=b; Secure',
  '__Host-Http-a=b; Secure; HttpOnly; Path=/',
  '__Host-Http-a=b; Secure; Path=/',
  '__Http-a=b; Secure; HttpOnly',
  '__Http-a=b; Secure',
  '__Http-a=b; HttpOnly',
  '__http-a=b; Secure; HttpOnly',
  '=__Host-a=b; Secure; Path=/',
  '=__Secure-a=b; Secure',
  '__Host-a; Secure; Path=/',
  ' __Host-a=b; Secure; Path=/',
  '__Secure-a =b; Secure',
  '__Host-a=b; Secure; Path=/; Path=/x',
  '__Host-a=b; Secure; Path=/x; Path=/',
  '__Host-a=b; Secure; Path=; Path=/',
  '__Host-a=b; Secure; Path=/; Domain=',
  '__Host-a=b; Secure; Path=/; Domain=www.{c}.{s}; Domain=',
]) {
  add('prefix', line, { schemes: both });
}

/* Several lines in one response: last one wins, and a refused line changes nothing. */
for (const lines of [
  ['a=1', 'a=2'],
  ['a=1; Secure', 'a=2'],
  ['a=1', 'a=2; SameSite=None'],
  ['a=1; Secure; SameSite=None', 'a=2; SameSite=None'],
  ['a=1', '__Host-a=2'],
  ['__Host-a=1; Secure; Path=/', '__Host-a=2; Secure'],
  ['__Secure-a=1; Secure', '__Secure-a=2'],
  ['a=1; Path=/', 'a=2; Path=/; Domain=other.test'],
  ['a=1; Path=/', 'a=2; Path=/; Domain=test'],
  ['a=1', `a=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT`],
  ['a=1', 'a=2; Max-Age=0'],
  ['a=1; Max-Age=100', 'a=2'],
  ['a=1', 'a=2\u0001'],
  ['a=1', `a=${'x'.repeat(4100)}`],
  ['a=1; Path=/', 'a=2; Path=/z'],
  ['a=1; Domain={c}.{s}', 'a=2'],
  ['a=1; HttpOnly', 'a=2'],
  ['a=1; Partitioned; Secure', 'a=2; Secure'],
  ['a=1', 'b=2', 'a=3'],
  ['a=1; Secure', 'a=2; Secure; Partitioned'],
  ['=1', '=2'],
  ['a=1', 'a'],
  ['x', '=y'],
]) {
  add('multi', lines, { schemes: both });
}

/* Many cookies for one domain: Chromium keeps at most 180 and evicts the least recently used. */
const many = (n: number, extra = '') => Array.from({ length: n }, (_, i) => `k${i}=v${extra}`);
add('limit', many(180), { ownSite: true });
add('limit', ['sessionid=s; Secure; HttpOnly', ...many(200)], { ownSite: true });
add('limit', [...many(200), 'sessionid=s; Secure; HttpOnly'], { ownSite: true });
add('limit', ['sessionid=s; HttpOnly', ...many(181, '; Secure')], { ownSite: true });

function expandDrafts(): DiffCase[] {
  const out: DiffCase[] = [];
  const filled = new Map<CorpusSuffix, { site: number; used: number }>();
  let sites = 0;
  for (const d of drafts) {
    for (const scheme of d.schemes ?? ['https']) {
      const id = `c${out.length + 1}`;
      const suffix = d.suffix ?? 'test';
      let slot = filled.get(suffix);
      if (d.ownSite) slot = { site: ++sites, used: CASES_PER_SITE };
      else if (!slot || slot.used >= CASES_PER_SITE) {
        slot = { site: ++sites, used: 0 };
        filled.set(suffix, slot);
      }
      slot.used++;
      const site = `g${slot.site}.${suffix}`;
      const fill = (x: string) => x.replaceAll('{c}', id).replaceAll('{s}', site);
      const host = fill(d.host ?? 'www.{c}.{s}');
      out.push({
        id,
        family: d.family,
        scheme,
        host,
        site: host === site || host.endsWith(`.${site}`) ? site : host,
        path: fill(d.path ?? '/'),
        lines: d.lines.map(fill),
      });
    }
  }
  return out;
}

export const CORPUS: readonly DiffCase[] = expandDrafts();
