/**
 * The demo site's names and addresses: its host names (all served on loopback), the demo user and
 * the ready-made URLs tests and the CLI visit.
 */
/** Hosts of the ways-in and discovery demo apps (gateway header, HTTP auth, SSO, a crawlable site). */
export const REACH_HOSTS = {
  gated: 'gated.staging.test',
  basic: 'basic.staging.test',
  app: 'app.staging.test',
  sso: 'sso.staging.test',
  site: 'site.staging.test',
} as const;

/** The gateway's header and the key it wants (a demo secret, like DEMO_USER's password). */
export const DEMO_GATE = { header: 'X-Staging-Key', value: 'gate-key-5d1c9a0e77' } as const;
/** The basic/digest user of basic.staging.test. */
export const DEMO_HTTP_USER = { username: 'reviewer', password: 'http-pass-3b8f21' } as const;
/** The single-sign-on user (sso.staging.test). */
export const DEMO_SSO_USER = { username: 'alice', password: 'sso-pass-9e2d44' } as const;
/** Pages of the crawlable site: /page/1 … /page/SITE_PAGES. */
export const SITE_PAGES = 60;

export const DEMO_HOSTS = {
  legacy: 'legacy.staging.test',
  secure: 'secure.staging.test',
  nohsts: 'nohsts.staging.test',
  shorthsts: 'shorthsts.staging.test',
  widgets: 'widgets.thirdparty.test',
  bulk: 'bulk.staging.test',
  prefixes: 'prefixes.staging.test',
  spa: 'spa.staging.test',
  secrets: 'secrets.staging.test',
  ...REACH_HOSTS,
} as const;

/** Chromium flag value that sends the demo's host names to loopback (and nothing else). */
export const HOST_RESOLVER_RULES = 'MAP *.staging.test 127.0.0.1, MAP *.thirdparty.test 127.0.0.1';

export const DEMO_USER = { username: 'demo', password: 'demo-password' } as const;

/** The ports the demo site listens on (both chosen at start; 0 until then). */
export interface DemoPorts {
  http: number;
  https: number;
}

export function demoUrls(httpPort: number, httpsPort: number) {
  const h = (host: string, path = '/') => `http://${host}:${httpPort}${path}`;
  const s = (host: string, path = '/') => `https://${host}:${httpsPort}${path}`;
  return {
    index: h('localhost'),
    /** The same list of sites on a demo host name: granted like the others, and it sets no cookie. */
    hub: h('demo.staging.test'),
    insecure: h(DEMO_HOSTS.legacy),
    legacyLogin: h(DEMO_HOSTS.legacy, '/login'),
    legacyAccount: h(DEMO_HOSTS.legacy, '/account'),
    legacyJsessionid: h(DEMO_HOSTS.legacy, '/shop;jsessionid=A1B2C3D4E5F60718293A4B5C6D7E8F90'),
    legacyEmbed: h(DEMO_HOSTS.legacy, '/embed'),
    legacyPrefs: h(DEMO_HOSTS.legacy, '/prefs'),
    legacyHostile: h(DEMO_HOSTS.legacy, '/hostile'),
    legacySlow: h(DEMO_HOSTS.legacy, '/slow'),
    hardened: s(DEMO_HOSTS.secure),
    hardenedHttp: h(DEMO_HOSTS.secure),
    secureLogin: s(DEMO_HOSTS.secure, '/login'),
    secureAccount: s(DEMO_HOSTS.secure, '/account'),
    noHsts: s(DEMO_HOSTS.nohsts),
    noHstsHttp: h(DEMO_HOSTS.nohsts),
    shortHsts: s(DEMO_HOSTS.shorthsts),
    widget: s(DEMO_HOSTS.widgets, '/widget'),
    /** A page whose requests set 10,000 distinct cookies (100 responses × 100 Set-Cookie lines). */
    bulk: h(DEMO_HOSTS.bulk, '/'),
    /** HTTPS app that adopted the __Http- / __Host-Http- prefixes, one cookie wrongly. */
    prefixes: s(DEMO_HOSTS.prefixes),
    /** Plain-HTTP single-page app whose session cookie (Path=/api) only travels with its API calls. */
    spa: h(DEMO_HOSTS.spa),
    /** Plain HTTP with secrets in odd places (a nameless cookie, a quoted value with ";"). */
    secrets: h(DEMO_HOSTS.secrets),
    /** The same site through a URL that carries a user name and password. */
    secretsWithCredentials: `http://demo-user:UrlPassw0rd77@${DEMO_HOSTS.secrets}:${httpPort}/`,
    /** A login form with method=get: the password lands in the next page's URL. */
    secretsLogin: h(DEMO_HOSTS.secrets, '/login'),
    /** HTTPS: two cookies of one name, path and domain, one of them partitioned (CHIPS). */
    secretsTwins: s(DEMO_HOSTS.secrets, '/twins'),
    /** Behind a gateway that wants the X-Staging-Key header (DEMO_GATE). */
    gated: s(DEMO_HOSTS.gated),
    /** HTTP basic authentication (DEMO_HTTP_USER); digest on /digest/. */
    basicAuth: s(DEMO_HOSTS.basic),
    digestAuth: s(DEMO_HOSTS.basic, '/digest/'),
    /** An app whose login is single sign-on on sso.staging.test (two steps, DEMO_SSO_USER). */
    ssoApp: s(DEMO_HOSTS.app),
    ssoAccount: s(DEMO_HOSTS.app, '/account'),
    /** A plain-HTTP site to crawl, with sitemaps, a logout link and hostile pages. */
    site: h(DEMO_HOSTS.site),
    sitePage: (n: number) => h(DEMO_HOSTS.site, `/page/${n}`),
    siteSitemap: h(DEMO_HOSTS.site, '/sitemap.xml'),
    siteSitemapIndex: h(DEMO_HOSTS.site, '/sitemap-index.xml'),
  };
}
