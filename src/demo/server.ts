/**
 * The bundled demo "staging site": a few small apps on loopback, told apart by host name, each with
 * the cookie habits a reviewer meets in the wild. Plain Node, no framework. Browsers reach the
 * *.staging.test and *.thirdparty.test names through a resolver rule that maps them to 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { demoCertificate } from './cert.ts';

export const DEMO_HOSTS = {
  legacy: 'legacy.staging.test',
  secure: 'secure.staging.test',
  nohsts: 'nohsts.staging.test',
  shorthsts: 'shorthsts.staging.test',
  widgets: 'widgets.thirdparty.test',
  bulk: 'bulk.staging.test',
  prefixes: 'prefixes.staging.test',
  spa: 'spa.staging.test',
} as const;

/** Chromium flag value that sends the demo's host names to loopback (and nothing else). */
export const HOST_RESOLVER_RULES = 'MAP *.staging.test 127.0.0.1, MAP *.thirdparty.test 127.0.0.1';

export const DEMO_USER = { username: 'demo', password: 'demo-password' } as const;

export interface DemoSite {
  httpPort: number;
  httpsPort: number;
  /** Ready-made URLs of the pages tests and the CLI visit. */
  urls: ReturnType<typeof demoUrls>;
  close(): Promise<void>;
}

export function demoUrls(httpPort: number, httpsPort: number) {
  const h = (host: string, path = '/') => `http://${host}:${httpPort}${path}`;
  const s = (host: string, path = '/') => `https://${host}:${httpsPort}${path}`;
  return {
    index: h('localhost'),
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
  };
}

const token = (bytes = 24) => randomBytes(bytes).toString('base64url');
const djangoKey = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(32);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
};

function cookiesOf(req: http.IncomingMessage): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return map;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/style.css"></head><body><h1>${escapeHtml(title)}</h1>${body}
${script ? `<script>${script}</script>` : ''}</body></html>`;
}

const STYLE =
  'body{font:16px system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}code{background:#eee}';

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function loginForm(action: string, error = ''): string {
  return `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${action}">
<label>User <input type="text" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Log in</button></form>`;
}

type Send = (status: number, headers: Record<string, string | string[]>, body?: string) => void;

/** legacy.staging.test: a plain-HTTP app with every classic mistake (the "before" of the lessons). */
async function legacyApp(req: http.IncomingMessage, send: Send): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://legacy');
  const cookies = cookiesOf(req);
  const setCookies: string[] = [];
  if (!cookies.has('sessionid')) setCookies.push(`sessionid=${djangoKey()}; Path=/`);
  if (!cookies.has('csrftoken'))
    setCookies.push(`csrftoken=${token(24)}; Path=/; Max-Age=31449600; SameSite=Lax`);
  if (url.pathname === '/' || url.pathname.startsWith('/shop')) {
    setCookies.push(`tracking_pref=${token(12)}; Path=/; SameSite=None`);
  }
  if (url.pathname === '/login' && req.method === 'POST') {
    const form = await readForm(req);
    if (form.get('username') !== DEMO_USER.username || form.get('password') !== DEMO_USER.password) {
      send(
        401,
        { 'Content-Type': 'text/html; charset=utf-8' },
        page('Log in', loginForm('/login', 'Wrong user name or password.')),
      );
      return;
    }
    // The classic fixation mistake: the session key is NOT changed at login; identity goes in a plain cookie.
    send(303, { Location: '/account', 'Set-Cookie': ['user_id=42; Path=/', 'role=admin; Path=/'] });
    return;
  }
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': setCookies };
  switch (url.pathname) {
    case '/login':
      send(200, headers, page('Legacy staging: log in', loginForm('/login')));
      return;
    case '/account':
      send(
        200,
        headers,
        page(
          'Legacy staging: your account',
          `<p>Signed in as user ${escapeHtml(cookies.get('user_id') ?? '?')}.</p>`,
        ),
      );
      return;
    case '/prefs':
      // A page that sets one more cookie: tests stop the worker before visiting it.
      headers['Set-Cookie'].push(`prefs=${token(8)}; Path=/; Max-Age=604800`);
      send(200, headers, page('Legacy staging: preferences', '<p>Preferences saved.</p>'));
      return;
    case '/slow':
      // Answers after 2 s: tests close the tab while this response is in flight.
      await new Promise((r) => setTimeout(r, 2_000));
      headers['Set-Cookie'].push(`slow_cookie=${token(8)}; Path=/`);
      send(200, headers, page('Legacy staging: slow page', '<p>Slow.</p>'));
      return;
    case '/hostile':
      // Markup in cookie names and values: the extension must render it as text.
      headers['Set-Cookie'].push(
        '<script>alert(1)</script>=1; Path=/',
        'markup=<img src=x onerror=alert(2)>; Path=/',
      );
      send(200, headers, page('Legacy staging: hostile cookie names', '<p>Cookies with markup in them.</p>'));
      return;
    case '/embed':
      send(
        200,
        headers,
        page(
          'Legacy staging: page with a third-party widget',
          `<iframe title="widget" src="https://${DEMO_HOSTS.widgets}:${demoPorts.https}/widget" width="300" height="80"></iframe>`,
        ),
      );
      return;
    default:
      break;
  }
  if (url.pathname.startsWith('/shop')) {
    send(
      200,
      headers,
      page('Legacy staging: shop (session id in the URL)', '<p>The session id travels in the URL.</p>'),
    );
    return;
  }
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    headers,
    page(
      'Legacy staging',
      `<p>Plain HTTP, a session cookie without flags, a cookie with SameSite=None but no Secure,
and a cookie set from JavaScript.</p><p><a href="/login">Log in</a> · <a href="/embed">Widget</a></p>`,
      `document.cookie = "ui_theme=dark; path=/; max-age=86400";`,
    ),
  );
}

/** secure.staging.test and friends: HTTPS apps, hardened to different degrees. */
function secureApp(kind: 'secure' | 'nohsts' | 'shorthsts') {
  return async (req: http.IncomingMessage, send: Send): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://secure');
    const cookies = cookiesOf(req);
    const hsts: Record<string, string> =
      kind === 'secure'
        ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' }
        : kind === 'shorthsts'
          ? { 'Strict-Transport-Security': 'max-age=300' }
          : {};
    const sessionName = kind === 'secure' ? '__Host-sid' : 'sid';
    const sessionLine = (value: string) =>
      kind === 'secure'
        ? `__Host-sid=${value}; Path=/; Secure; HttpOnly; SameSite=Strict`
        : `sid=${value}; Path=/; Secure; HttpOnly; SameSite=Lax`;
    const setCookies: string[] = [];
    if (!cookies.has(sessionName)) setCookies.push(sessionLine(token(32)));
    if (kind === 'secure' && !cookies.has('__Host-csrf')) {
      setCookies.push(`__Host-csrf=${token(24)}; Path=/; Secure; SameSite=Strict`);
    }
    if (url.pathname === '/login' && req.method === 'POST') {
      const form = await readForm(req);
      if (form.get('username') !== DEMO_USER.username || form.get('password') !== DEMO_USER.password) {
        send(
          401,
          { 'Content-Type': 'text/html; charset=utf-8', ...hsts },
          page('Log in', loginForm('/login', 'Wrong user name or password.')),
        );
        return;
      }
      // Done right: a brand-new session id at login (no fixation).
      send(303, { Location: '/account', 'Set-Cookie': [sessionLine(token(32))], ...hsts });
      return;
    }
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': setCookies, ...hsts };
    if (url.pathname === '/login') {
      send(200, headers, page('Secure staging: log in', loginForm('/login')));
      return;
    }
    if (url.pathname === '/account') {
      send(200, headers, page('Secure staging: your account', '<p>Signed in.</p>'));
      return;
    }
    if (url.pathname !== '/') {
      send(404, { 'Content-Type': 'text/plain', ...hsts }, 'not found');
      return;
    }
    const title =
      kind === 'secure'
        ? 'Secure staging'
        : kind === 'nohsts'
          ? 'Staging without HSTS'
          : 'Staging with short HSTS';
    send(
      200,
      headers,
      page(
        title,
        `<p>Session cookie <code>${sessionName}</code> with Secure, HttpOnly and SameSite.</p><p><a href="/login">Log in</a></p>`,
      ),
    );
  };
}

async function widgetApp(req: http.IncomingMessage, send: Send): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://widgets');
  if (url.pathname !== '/widget') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': [
        `tp_visitor=${token(16)}; Path=/; Secure; SameSite=None`,
        `tp_session=${token(24)}; Path=/; Secure; SameSite=None`,
        // CHIPS: kept in the embedding site's partition, seen only with a partition key.
        `__Host-tp_chip=${token(16)}; Path=/; Secure; SameSite=None; Partitioned`,
      ],
    },
    '<!doctype html><title>Widget</title><p>Third-party widget</p>',
  );
}

/**
 * prefixes.staging.test: an app moving to the __Http- prefixes (Chrome 140, Firefox 143). The session
 * cookie is right; a UI cookie kept readable for the front end breaks the prefix, so browsers drop it;
 * a __Host- cookie without a Path attribute is where Chromium (refuses) and Firefox (keeps) differ.
 */
async function prefixesApp(req: http.IncomingMessage, send: Send): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://prefixes');
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
      'Set-Cookie': [
        `__Host-Http-sid=${token(32)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
        `__Http-ui_state=${token(8)}; Path=/; Secure; SameSite=Lax`,
        // No Path attribute: Chromium refuses it, Firefox (default path /) keeps it.
        '__Host-lang=en; Secure; SameSite=Lax',
      ],
    },
    page(
      'Prefixed staging',
      '<p>Session cookie <code>__Host-Http-sid</code>; a readable <code>__Http-ui_state</code> that browsers refuse; a <code>__Host-lang</code> without a Path attribute, which Chromium refuses and Firefox keeps.</p>',
    ),
  );
}

/**
 * spa.staging.test: a plain-HTTP single-page app. The page itself sets no cookie; its API logs in
 * and scopes the session cookie to Path=/api, so the cookie is only ever sent in clear with the
 * page's fetch calls, never with a document request.
 */
async function spaApp(req: http.IncomingMessage, send: Send): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://spa');
  if (url.pathname === '/api/login' && req.method === 'POST') {
    send(
      200,
      {
        'Content-Type': 'application/json',
        'Set-Cookie': [`api_session=${token(32)}; Path=/api; HttpOnly; SameSite=Lax`],
      },
      '{"ok":true}',
    );
    return;
  }
  if (url.pathname === '/api/me') {
    const signedIn = cookiesOf(req).has('api_session');
    send(200, { 'Content-Type': 'application/json' }, JSON.stringify({ signedIn }));
    return;
  }
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    { 'Content-Type': 'text/html; charset=utf-8' },
    page(
      'SPA staging',
      '<p id="state">Signing in…</p>',
      `fetch('/api/login', { method: 'POST' })
        .then(() => fetch('/api/me'))
        .then((r) => r.json())
        .then((me) => { document.getElementById('state').textContent = me.signedIn ? 'Signed in' : 'Not signed in'; document.title = 'ready'; });`,
    ),
  );
}

/** bulk.staging.test: a broken or hostile site that sets thousands of cookies. */
async function bulkApp(req: http.IncomingMessage, send: Send): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bulk');
  if (url.pathname === '/part') {
    const k = Number(url.searchParams.get('k') ?? 0) % 1000;
    const lines = Array.from({ length: 100 }, (_, j) => `bulk${k * 100 + j}=${token(9)}; Path=/`);
    send(200, { 'Content-Type': 'text/plain', 'Set-Cookie': lines }, 'ok');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': [`sessionid=${djangoKey()}; Path=/; HttpOnly`],
    },
    page(
      'Bulk staging: 10,000 cookies',
      '<p id="state">Setting cookies…</p>',
      `Promise.all(Array.from({ length: 100 }, (_, k) => fetch('/part?k=' + k).then((r) => r.text())))
        .then(() => { document.getElementById('state').textContent = 'done'; document.title = 'done'; });`,
    ),
  );
}

function indexPage(httpPort: number, httpsPort: number): string {
  const u = demoUrls(httpPort, httpsPort);
  return page(
    'Cookie Audit demo staging site',
    `<p>Each site below is a separate origin with its own cookie habits. Open one and look at the Cookie Audit badge.</p>
<ul>
<li><a href="${u.insecure}">${u.insecure}</a> — plain HTTP, insecure session cookie</li>
<li><a href="${u.hardened}">${u.hardened}</a> — hardened session cookie, HSTS</li>
<li><a href="${u.noHsts}">${u.noHsts}</a> — HTTPS without HSTS</li>
<li><a href="${u.shortHsts}">${u.shortHsts}</a> — HTTPS with a 5-minute HSTS</li>
<li><a href="${u.prefixes}">${u.prefixes}</a> — the new __Http- prefixes, one cookie broken</li>
<li><a href="${u.spa}">${u.spa}</a> — plain-HTTP single-page app, session cookie sent with its API calls</li>
</ul>`,
  );
}

const demoPorts = { http: 0, https: 0 };

export interface DemoRequest {
  scheme: 'http' | 'https';
  method: string;
  host: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

function router(scheme: 'http' | 'https', onRequest?: (request: DemoRequest) => void) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    onRequest?.({ scheme, method: req.method ?? 'GET', host, path: req.url ?? '/', headers: req.headers });
    const send: Send = (status, headers, body = '') => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    const run = async () => {
      if (new URL(req.url ?? '/', 'http://x').pathname === '/style.css') {
        send(200, { 'Content-Type': 'text/css' }, STYLE);
        return;
      }
      if (host === DEMO_HOSTS.legacy && scheme === 'http') return legacyApp(req, send);
      if (host === DEMO_HOSTS.secure && scheme === 'http') {
        // Plain HTTP answers with a redirect to HTTPS on the same host: done right.
        send(301, { Location: `https://${DEMO_HOSTS.secure}:${demoPorts.https}${req.url ?? '/'}` });
        return;
      }
      if (host === DEMO_HOSTS.secure && scheme === 'https') return secureApp('secure')(req, send);
      if (host === DEMO_HOSTS.nohsts) return secureApp('nohsts')(req, send);
      if (host === DEMO_HOSTS.shorthsts && scheme === 'https') return secureApp('shorthsts')(req, send);
      if (host === DEMO_HOSTS.widgets && scheme === 'https') return widgetApp(req, send);
      if (host === DEMO_HOSTS.bulk && scheme === 'http') return bulkApp(req, send);
      if (host === DEMO_HOSTS.prefixes && scheme === 'https') return prefixesApp(req, send);
      if (host === DEMO_HOSTS.spa && scheme === 'http') return spaApp(req, send);
      send(200, { 'Content-Type': 'text/html; charset=utf-8' }, indexPage(demoPorts.http, demoPorts.https));
    };
    run().catch((error: unknown) => {
      if (!res.headersSent) send(500, { 'Content-Type': 'text/plain' }, 'demo error');
      console.error('demo site:', error);
    });
  };
}

function listen(server: http.Server | https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing here is ever reachable from another machine.
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export interface DemoOptions {
  httpPort?: number;
  httpsPort?: number;
  /** Called for every request the demo site receives (tests use it to see who asked for what). */
  onRequest?: (request: DemoRequest) => void;
}

export async function startDemoSite(options: DemoOptions = {}): Promise<DemoSite> {
  const { key, cert } = await demoCertificate();
  const httpServer = http.createServer(router('http', options.onRequest));
  const httpsServer = https.createServer({ key, cert }, router('https', options.onRequest));
  const httpPort = await listen(httpServer, options.httpPort ?? 0);
  const httpsPort = await listen(httpsServer, options.httpsPort ?? 0);
  demoPorts.http = httpPort;
  demoPorts.https = httpsPort;
  return {
    httpPort,
    httpsPort,
    urls: demoUrls(httpPort, httpsPort),
    close: async () => {
      httpServer.closeAllConnections();
      httpsServer.closeAllConnections();
      await Promise.all([new Promise((r) => httpServer.close(r)), new Promise((r) => httpsServer.close(r))]);
    },
  };
}
