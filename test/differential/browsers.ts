/**
 * Loads the whole corpus into one fresh profile of real Chromium (playwright-core, jar read over
 * CDP) or real Firefox (puppeteer-core, jar read over WebDriver BiDi storage.getCookies), then
 * reads the jar once. Cases of one site and scheme are fetched from one top-level page of that
 * site (same-site, first-party, credentials included), in parallel; the few cases whose host is a
 * site of its own (x.localhost, localhost, 127.0.0.1) get a top-level page each.
 */
import puppeteer from 'puppeteer-core';
import { launchChromium } from '../../src/cli/chromium.ts';
import { findFirefox } from '../../src/cli/firefox.ts';
import type { ModelledCookie } from '../../src/core/index.ts';
import { CORPUS_SUFFIXES, type DiffCase } from './corpus.ts';

/** One cookie as the browser's jar reports it, in the shape the engine's model predicts. */
export type BrowserCookie = ModelledCookie;

export type BrowserName = 'chromium' | 'firefox';

/** A site the corpus made (g7.test), as opposed to a host that is a site of its own (x.localhost). */
function corpusSite(c: DiffCase): boolean {
  return c.site !== c.host || /^g\d+\./.test(c.site);
}

export function caseUrl(c: DiffCase, ports: { http: number; https: number }): string {
  const port = c.scheme === 'http' ? ports.http : ports.https;
  return `${c.scheme}://${c.host}:${port}${c.path}`;
}

/** Batches: one top-level page URL and the case URLs it fetches. */
export function batches(
  cases: readonly DiffCase[],
  ports: { http: number; https: number },
): { top: string; urls: string[] }[] {
  const groups = new Map<string, { top: string; urls: string[] }>();
  for (const c of cases) {
    const port = c.scheme === 'http' ? ports.http : ports.https;
    const shared = corpusSite(c);
    const key = shared ? `${c.scheme} ${c.site}` : `${c.scheme} ${c.id}`;
    let g = groups.get(key);
    if (!g) {
      g = { top: `${c.scheme}://${shared ? `top.${c.site}` : c.host}:${port}/__top`, urls: [] };
      groups.set(key, g);
    }
    g.urls.push(caseUrl(c, ports));
  }
  return [...groups.values()];
}

/** All host names the corpus needs mapped to loopback (Firefox has no wildcard mapping). */
export function corpusHosts(cases: readonly DiffCase[]): string[] {
  const hosts = new Set<string>();
  for (const c of cases) {
    hosts.add(c.host);
    if (corpusSite(c)) hosts.add(`top.${c.site}`);
  }
  return [...hosts];
}

const FETCH_ALL = `async (urls) => {
  const out = [];
  for (let i = 0; i < urls.length; i += 24) {
    await Promise.all(urls.slice(i, i + 24).map((u) =>
      fetch(u, { mode: 'no-cors', credentials: 'include', cache: 'no-store' }).then(() => out.push(u), () => out.push('failed ' + u))));
  }
  return out.filter((u) => u.startsWith('failed '));
}`;

export interface JarRun {
  cookies: BrowserCookie[];
  /** Case URLs whose fetch failed (network error: the browser refused the response). */
  failed: string[];
  /** When the jar was read (cookies expired by then are gone from it). */
  readAt: number;
  ms: number;
}

export async function runChromium(
  cases: readonly DiffCase[],
  ports: { http: number; https: number },
): Promise<JarRun> {
  const started = Date.now();
  const rules = CORPUS_SUFFIXES.map((s) => `MAP *.${s} 127.0.0.1`).join(', ');
  const browser = await launchChromium({ withExtension: false, insecure: true, hostResolverRules: rules });
  try {
    const page = await browser.context.newPage();
    const failed: string[] = [];
    for (const b of batches(cases, ports)) {
      await page.goto(b.top, { waitUntil: 'load' });
      failed.push(...((await page.evaluate(`(${FETCH_ALL})(${JSON.stringify(b.urls)})`)) as string[]));
    }
    const cdp = await browser.context.newCDPSession(page);
    const readAt = Date.now();
    const { cookies } = (await cdp.send('Storage.getCookies')) as {
      cookies: {
        name: string;
        value: string;
        domain: string;
        path: string;
        expires: number;
        httpOnly: boolean;
        secure: boolean;
        session: boolean;
        sameSite?: string;
        partitionKey?: { topLevelSite: string };
      }[];
    };
    return {
      cookies: cookies.map((c) => ({
        name: c.name,
        valueLength: Buffer.byteLength(c.value),
        domain: c.domain.replace(/^\./, ''),
        hostOnly: !c.domain.startsWith('.'),
        path: c.path,
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: (c.sameSite?.toLowerCase() as BrowserCookie['sameSite']) ?? 'unspecified',
        expires: c.session ? null : Math.round(c.expires * 1000),
        partitioned: !!c.partitionKey,
      })),
      failed,
      readAt,
      ms: Date.now() - started,
    };
  } finally {
    await browser.close();
  }
}

interface BidiCookie {
  name: string;
  value: { type: string; value: string };
  domain: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  expiry?: number;
}

/** Firefox's BiDi gives a name's octets as Latin-1 characters: read them back as the UTF-8 sent. */
function latin1AsUtf8(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole Latin-1 range is meant.
  if (!/^[\u0000-\u00ff]*$/.test(s)) return s;
  const decoded = Buffer.from(s, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? s : decoded;
}

export async function runFirefox(
  cases: readonly DiffCase[],
  ports: { http: number; https: number },
): Promise<JarRun> {
  const started = Date.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.localDomains': corpusHosts(cases).join(','),
      'network.dns.disableIPv6': true,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
    },
  });
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    for (const b of batches(cases, ports)) {
      await page.goto(b.top, { waitUntil: 'load' });
      failed.push(...((await page.evaluate(`(${FETCH_ALL})(${JSON.stringify(b.urls)})`)) as string[]));
    }
    // The raw BiDi cookies (puppeteer's own Cookie shape drops what host-only needs).
    const context = browser.defaultBrowserContext() as unknown as {
      userContext: { getCookies(): Promise<BidiCookie[]> };
    };
    const readAt = Date.now();
    const raw = await context.userContext.getCookies();
    return {
      cookies: raw.map((c) => ({
        name: latin1AsUtf8(c.name),
        valueLength:
          c.value.type === 'base64'
            ? Buffer.from(c.value.value, 'base64').length
            : Buffer.byteLength(c.value.value),
        domain: c.domain.replace(/^\./, ''),
        hostOnly: !c.domain.startsWith('.'),
        path: c.path,
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: (c.sameSite === 'default' ? 'unspecified' : c.sameSite) as BrowserCookie['sameSite'],
        expires: typeof c.expiry === 'number' ? c.expiry * 1000 : null,
        partitioned: false,
      })),
      failed,
      readAt,
      ms: Date.now() - started,
    };
  } finally {
    await browser.close();
  }
}
