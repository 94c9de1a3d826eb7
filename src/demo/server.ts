/**
 * The bundled demo "staging site": a few small apps on loopback, told apart by host name, each with
 * the cookie habits a reviewer meets in the wild (one file each in apps/). Plain Node, no framework.
 * Browsers reach the *.staging.test and *.thirdparty.test names through a resolver rule that maps
 * them to 127.0.0.1.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { basicAuthApp } from './apps/basic-auth.ts';
import { bulkApp } from './apps/bulk.ts';
import { crawlSiteApp } from './apps/crawl-site.ts';
import { gatedApp } from './apps/gated.ts';
import { indexApp } from './apps/index.ts';
import { legacyApp } from './apps/legacy.ts';
import { prefixesApp } from './apps/prefixes.ts';
import { secretsApp } from './apps/secrets.ts';
import { secureApp, secureHttpRedirect } from './apps/secure.ts';
import { spaApp } from './apps/spa.ts';
import { ssoApp, ssoClientApp } from './apps/sso.ts';
import { widgetApp } from './apps/widgets.ts';
import { demoCertificate } from './cert.ts';
import { DEMO_HOSTS, type DemoPorts, demoUrls } from './hosts.ts';
import { type DemoApp, type Send, STYLE, sameHostHttpsRedirect } from './http.ts';

export {
  DEMO_GATE,
  DEMO_HOSTS,
  DEMO_HTTP_USER,
  DEMO_SSO_USER,
  DEMO_USER,
  demoUrls,
  HOST_RESOLVER_RULES,
  SITE_PAGES,
} from './hosts.ts';

export interface DemoSite {
  httpPort: number;
  httpsPort: number;
  /** Ready-made URLs of the pages tests and the CLI visit. */
  urls: ReturnType<typeof demoUrls>;
  close(): Promise<void>;
}

type Scheme = 'http' | 'https';

/** Which app answers which host, per scheme (a scheme left out: the app answers both). */
const APPS: readonly { host: string; scheme?: Scheme; app: DemoApp }[] = [
  { host: DEMO_HOSTS.legacy, scheme: 'http', app: legacyApp },
  { host: DEMO_HOSTS.secure, scheme: 'http', app: secureHttpRedirect },
  { host: DEMO_HOSTS.secure, scheme: 'https', app: secureApp('secure') },
  { host: DEMO_HOSTS.nohsts, app: secureApp('nohsts') },
  { host: DEMO_HOSTS.shorthsts, scheme: 'https', app: secureApp('shorthsts') },
  { host: DEMO_HOSTS.widgets, scheme: 'https', app: widgetApp },
  { host: DEMO_HOSTS.bulk, scheme: 'http', app: bulkApp },
  { host: DEMO_HOSTS.prefixes, scheme: 'https', app: prefixesApp },
  { host: DEMO_HOSTS.spa, scheme: 'http', app: spaApp },
  { host: DEMO_HOSTS.secrets, app: secretsApp },
  { host: DEMO_HOSTS.gated, scheme: 'http', app: sameHostHttpsRedirect },
  { host: DEMO_HOSTS.gated, scheme: 'https', app: gatedApp },
  { host: DEMO_HOSTS.basic, scheme: 'http', app: sameHostHttpsRedirect },
  { host: DEMO_HOSTS.basic, scheme: 'https', app: basicAuthApp },
  { host: DEMO_HOSTS.app, scheme: 'http', app: sameHostHttpsRedirect },
  { host: DEMO_HOSTS.app, scheme: 'https', app: ssoClientApp },
  { host: DEMO_HOSTS.sso, scheme: 'http', app: sameHostHttpsRedirect },
  { host: DEMO_HOSTS.sso, scheme: 'https', app: ssoApp },
  { host: DEMO_HOSTS.site, scheme: 'http', app: crawlSiteApp },
];

function appFor(host: string, scheme: Scheme): DemoApp {
  return (
    APPS.find((a) => a.host === host && (a.scheme === undefined || a.scheme === scheme))?.app ?? indexApp
  );
}

const demoPorts: DemoPorts = { http: 0, https: 0 };

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
      const app = appFor(host, scheme);
      await app(req, send, demoPorts);
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
