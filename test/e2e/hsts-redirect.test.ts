/**
 * The HTTP → HTTPS redirect check on sites served the way real ones are: a certificate from a CA
 * trusted through an NSS database (made at test time), and Strict-Transport-Security over HTTPS.
 * After the HTTPS visit the browser upgrades http:// itself, so a request from inside the browser
 * never reaches the server. The CLI makes the check from outside (the server's log proves port 80
 * — here the test's plain-HTTP port — was contacted) and gets the truth both for a site that
 * redirects and one that does not; the extension says plainly that it could not test.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, launchChromium } from '../../src/cli/chromium.ts';
import { askFirefox, launchFirefox, openTrackedFirefoxPage } from '../../src/cli/firefox.ts';
import type { CookieAuditReport, SiteAudit } from '../../src/core/index.ts';
import { runCli } from '../helpers/cli-runner.ts';
import { makeTrustedCa, type TrustedCa } from '../helpers/trusted-ca.ts';
import { eventually } from './harness.ts';

const REDIRECTS = 'redirects.hsts-ca.test';
const STAYS = 'stays.hsts-ca.test';
const HSTS = 'max-age=31536000; includeSubDomains';

let ca: TrustedCa;
let plain: http.Server;
let secure: https.Server;
let httpPort = 0;
let httpsPort = 0;
/** "http host path" / "https host path" for every request the servers answered. */
const log: string[] = [];

const hostOf = (req: http.IncomingMessage) => (req.headers.host ?? '').replace(/:\d+$/, '');
const httpUrl = (host: string) => `http://${host}:${httpPort}/`;
const httpsUrl = (host: string) => `https://${host}:${httpsPort}/`;
const httpHits = (host: string) => log.filter((l) => l === `http ${host} /`).length;

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  ca = makeTrustedCa([REDIRECTS, STAYS]);
  plain = http.createServer((req, res) => {
    const host = hostOf(req);
    log.push(`http ${host} ${req.url}`);
    if (host === REDIRECTS) {
      res.writeHead(301, { location: httpsUrl(REDIRECTS) }).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>plain</title><p>plain HTTP');
  });
  secure = https.createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    log.push(`https ${hostOf(req)} ${req.url}`);
    res
      .writeHead(200, {
        'content-type': 'text/html',
        'strict-transport-security': HSTS,
        'set-cookie':
          'sessionid=Yk3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8o9p; Path=/; Secure; HttpOnly; SameSite=Lax',
      })
      .end('<!doctype html><title>secure</title><p>served over HTTPS');
  });
  [httpPort, httpsPort] = await Promise.all([listen(plain), listen(secure)]);
});

afterAll(async () => {
  await new Promise((r) => plain?.close(r));
  await new Promise((r) => secure?.close(r));
  ca?.close();
});

const siteOf = (report: CookieAuditReport, url: string): SiteAudit | undefined =>
  report.sites.find((s) => s.origin === new URL(url).origin);
const redirectFindings = (site: SiteAudit | undefined) =>
  (site?.findings ?? []).filter((f) => f.rule.startsWith('https-redirect'));

describe('with a trusted CA and HSTS, the CLI redirect check reaches the server', () => {
  it('Chromium: a site that redirects gets no finding; one that does not gets the true evidence', async () => {
    const before = { redirects: httpHits(REDIRECTS), stays: httpHits(STAYS) };
    const r = await runCli(
      [
        '--loopback-host',
        `${REDIRECTS},${STAYS}`,
        '--format',
        'json',
        httpUrl(REDIRECTS),
        httpUrl(STAYS),
        httpsUrl(STAYS),
      ],
      { HOME: ca.home },
    );
    expect(r.stderr).not.toContain('Could not open');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as CookieAuditReport;
    // The certificate was trusted (no --insecure): the HTTPS pages were audited.
    const redirects = siteOf(report, httpsUrl(REDIRECTS));
    expect(redirects?.cookies.map((c) => c.name)).toContain('sessionid');
    expect(redirectFindings(redirects)).toEqual([]);
    const stays = siteOf(report, httpsUrl(STAYS));
    expect(redirectFindings(stays).map((f) => [f.rule, f.evidence])).toEqual([
      ['https-redirect-missing', `GET ${httpUrl(STAYS)} answered 200 without redirecting to https://`],
    ]);
    // The visit and then the check itself both reached the plain-HTTP server, for both hosts.
    expect(httpHits(REDIRECTS) - before.redirects).toBeGreaterThanOrEqual(2);
    expect(httpHits(STAYS) - before.stays).toBeGreaterThanOrEqual(2);
  });
});

describe('the extension says it could not test when the browser upgrades http:// itself', () => {
  it('Chromium (trusted CA): HSTS pinned by the HTTPS visit, the check reports the upgrade', async () => {
    const browser = await launchChromium({
      hostResolverRules: `MAP ${REDIRECTS} 127.0.0.1, MAP ${STAYS} 127.0.0.1`,
      env: { HOME: ca.home },
    });
    try {
      const ext = await browser.extensionPage();
      const page = await browser.context.newPage();
      await page.goto(httpUrl(REDIRECTS), { waitUntil: 'load' });
      expect(page.url()).toBe(httpsUrl(REDIRECTS));
      const tabId = await ext.evaluate(
        async (url) =>
          (
            await (
              globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }
            ).chrome.tabs.query({ url })
          )[0]?.id ?? -1,
        httpsUrl(REDIRECTS),
      );
      await eventually(
        () => ask(ext, { type: 'get-tab-view', tabId }),
        (v) => v.status === 'observed',
      );
      const hits = httpHits(REDIRECTS);
      const view = await ask(ext, { type: 'check-redirect', tabId });
      expect(view.redirectCheck?.browserUpgraded).toBe('hsts');
      expect(view.redirectCheck?.status).toBeNull();
      expect(view.redirectCheck?.error).toMatch(/upgraded http:\/\/ to https:\/\/ itself \(HSTS/);
      // The request never reached the server, and no finding is made up from it.
      expect(httpHits(REDIRECTS)).toBe(hits);
      expect(redirectFindings(view.audit ?? undefined)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('Firefox (shows the extension no answer to its own redirect): says it could not test', async () => {
    const firefox = await launchFirefox({ insecure: true, localDomains: [REDIRECTS, STAYS] });
    try {
      const ext = await firefox.extensionPage();
      const { page, tabId } = await openTrackedFirefoxPage(firefox.browser, ext);
      await page.goto(httpUrl(REDIRECTS), { waitUntil: 'load' });
      expect(page.url()).toBe(httpsUrl(REDIRECTS));
      // Wait for the HTTPS response and its Strict-Transport-Security header, not only the first
      // (plain-HTTP) response: the check judges the upgrade from the HSTS the site sent.
      await eventually(
        () => askFirefox(ext, { type: 'get-tab-view', tabId }),
        (v) =>
          v.status === 'observed' &&
          v.scheme === 'https' &&
          !!v.audit &&
          !v.audit.findings.some((f) => f.rule === 'hsts-missing'),
      );
      const hits = httpHits(REDIRECTS);
      const view = await askFirefox(ext, { type: 'check-redirect', tabId });
      // Firefox shows the extension nothing of its own request after onBeforeRequest, so the
      // answer (an upgrade of its own, or the server's redirect) is unknown: said so, never made up.
      expect(view.redirectCheck?.browserUpgraded).toBe('hsts');
      expect(view.redirectCheck?.status).toBeNull();
      expect(view.redirectCheck?.error).toMatch(/could not be tested here/);
      expect(hits).toBeGreaterThan(0);
      expect(redirectFindings(view.audit ?? undefined)).toEqual([]);
    } finally {
      await firefox.close();
    }
  });

  it('Firefox CLI with --insecure: the check from outside the browser gets the truth', async () => {
    const r = await runCli([
      '--browser',
      'firefox',
      '--insecure',
      '--loopback-host',
      `${REDIRECTS},${STAYS}`,
      '--format',
      'json',
      httpUrl(REDIRECTS),
      httpUrl(STAYS),
      httpsUrl(STAYS),
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as CookieAuditReport;
    expect(redirectFindings(siteOf(report, httpsUrl(REDIRECTS)))).toEqual([]);
    expect(redirectFindings(siteOf(report, httpsUrl(STAYS))).map((f) => f.evidence)).toEqual([
      `GET ${httpUrl(STAYS)} answered 200 without redirecting to https://`,
    ]);
  });
});
