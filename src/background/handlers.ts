/**
 * Answers the typed requests of the extension's pages: one handler per message type.
 */

import type { JarCookie, RedirectCheck, SiteAudit } from '../core/index.ts';
import {
  buildReport,
  listRules,
  REPORT_FORMATS,
  REPORT_MIME,
  renderReport,
  reportFileName,
  scrubUrl,
} from '../core/index.ts';
import { lessonFor } from '../lessons/index.ts';
import type { Coverage, Request, RequestOf, RequestType, ResponseMap, TabView } from '../messages.ts';
import { browser } from '../platform/browser.ts';
import { hostAccess } from './access.ts';
import type { Auditor } from './auditor.ts';
import { htmlReport } from './html-report.ts';
import { topLevelSiteOf } from './jar.ts';
import type { Recorder } from './recorder.ts';
import { settings } from './settings.ts';
import {
  originOfSiteKey,
  type SiteState,
  siteKey,
  storeOf,
  storeOfSiteKey,
  toSiteObservations,
} from './state.ts';
import type { TabSettleState } from './tab-settle.ts';

export interface HandlerContext {
  recorder: Recorder;
  auditor: Auditor;
  readJar(tabId: number): Promise<JarCookie[]>;
  paintBadge(tabId: number, recorder: Recorder, auditor: Auditor): Promise<void>;
  persist(): void;
  /** Set when storage overflowed and the oldest sites were dropped. */
  storageNotice(): string | null;
  /** A cookie-jar read is scheduled or running (absent: never). */
  jarPending?(): boolean;
  /** Whether one tab's page is loaded, its jar read and recorded, and the tab quiet. */
  tabSettle?(tabId: number): TabSettleState;
  /** The cookie store of the asking page's tab (a private window, a container): it sees that store only. */
  senderStore?: string;
  /** Response types whose headers are not read (shown in the coverage line). */
  headersNotRead?: string[];
  /** Whether the network and cookie listeners are registered now. */
  listening?: () => boolean;
  /** Whether the tab's page started loading while the network listeners were off. */
  startedUnwatched?: (tabId: number) => boolean;
  /** The redirect check ran for a tab (the DevTools timeline shows it). */
  onRedirectCheck?(tabId: number, check: RedirectCheck): void;
}

/** The sites of the asking page's cookie store: another store's sites are never listed. */
function sitesOfSenderStore(ctx: HandlerContext): SiteState[] {
  const store = storeOf(ctx.senderStore);
  return Object.values(ctx.recorder.state.sites).filter((site) => storeOfSiteKey(site.origin) === store);
}

/** wait-tab-settled: checked in the background itself, so a wait costs one message, not a poll each step. */
const WAIT_SETTLED_STEP_MS = 10;
const WAIT_SETTLED_QUIET_MS = 50;
const WAIT_SETTLED_MAX_MS = 120_000;
/** How long a tab showing no web page (an error page) is given before it counts as settled. */
const WAIT_UNOBSERVED_MS = 1_500;

type Handlers = { [T in RequestType]: (req: RequestOf<T>, ctx: HandlerContext) => Promise<ResponseMap[T]> };

const VERSION = browser.runtime.getManifest().version;
/** When this worker instance started (memory is lost on restart; this tells tests a restart happened). */
const STARTED_AT = Date.now();

function isWeb(url: string | null | undefined): boolean {
  return !!url && /^https?:\/\//i.test(url);
}

async function tabView(tabId: number, ctx: HandlerContext): Promise<TabView> {
  const { recorder, auditor } = ctx;
  let tab = recorder.tab(tabId);
  let url = tab?.url ?? null;
  if (!tab) {
    url = await browser.tabs.get(tabId).then(
      (t) => (t.url ? scrubUrl(t.url) : null),
      () => null,
    );
  }
  const coverage: Coverage = {
    headerCookies: tab?.headerCookies ?? 0,
    jarCookies: 0,
    partitionedCookies: 0,
    thirdPartyCookies: 0,
    hostAccess: true,
    responses: tab?.responses ?? 0,
    ...(ctx.headersNotRead?.length ? { headersNotRead: ctx.headersNotRead } : {}),
  };
  if (!isWeb(url)) {
    return { tabId, url, origin: null, scheme: null, status: 'non-web', audit: null, coverage };
  }
  const origin = new URL(url!).origin;
  const scheme = origin.startsWith('https:') ? 'https' : 'http';
  // What is recorded, not what a pattern with a port would say (Firefox's patterns have no ports).
  coverage.hostAccess = hostAccess.allows(origin);
  tab = recorder.tab(tabId);
  // No record of the document, or its site's record is gone (dropped to stay within storage).
  if (!tab?.documentObserved || (tab.origin && !recorder.state.sites[tab.origin])) {
    if (coverage.hostAccess && ctx.startedUnwatched?.(tabId)) coverage.startedUnwatched = true;
    return { tabId, url, origin, scheme, status: 'reload-to-audit', audit: null, coverage };
  }
  // The tab's site key: its origin in the tab's cookie store.
  const key = tab.origin ?? origin;
  const site = recorder.state.sites[key];
  if (site) {
    for (const obs of Object.values(site.cookies)) {
      if (obs.source === 'jar') coverage.jarCookies++;
    }
  }
  const audit = auditor.auditForOrigin(key);
  if (audit) {
    coverage.thirdPartyCookies = audit.cookies.filter((c) => c.thirdParty).length;
    coverage.partitionedCookies = audit.cookies.filter((c) => c.partitioned).length;
  }
  return {
    tabId,
    url,
    origin,
    scheme,
    status: audit ? 'observed' : 'waiting',
    audit,
    coverage,
    redirectCheck: site?.redirectCheck,
    notice: ctx.storageNotice() ?? undefined,
  };
}

/** The http:// URL to check for a page origin: itself, a known http:// origin of the host, or port 80. */
function redirectCheckTarget(origin: string, knownHttpOrigin: string | null): string {
  const page = new URL(origin);
  if (page.protocol === 'http:') return `${page.origin}/`;
  return knownHttpOrigin ? `${knownHttpOrigin}/` : `http://${page.hostname}/`;
}

/** A plain-HTTP origin of this host already seen (redirecting, or serving pages), e.g. on another port. */
function knownHttpOrigin(ctx: HandlerContext, key: string): string | null {
  const hostname = new URL(originOfSiteKey(key)).hostname;
  const site = ctx.recorder.state.sites[key];
  const redirected = site?.redirects
    .map((r) => new URL(r.from))
    .find((u) => u.protocol === 'http:' && u.hostname === hostname)?.origin;
  if (redirected) return redirected;
  for (const other of Object.keys(ctx.recorder.state.sites)) {
    const u = new URL(originOfSiteKey(other));
    if (u.protocol === 'http:' && u.hostname === hostname) return u.origin;
  }
  return null;
}

export const HSTS_UPGRADE_ERROR =
  "this browser upgraded http:// to https:// itself (HSTS: the site sent Strict-Transport-Security earlier) or answered with a redirect whose response it does not show extensions, so the server's own answer to http:// could not be tested here; the cookie-audit command line tests it from outside the browser";

const HIDDEN_REDIRECT_ERROR =
  'this browser answered with a redirect whose response it does not show extensions, so where http:// leads could not be read here; the cookie-audit command line tests it from outside the browser';

function headerValue(
  headers: { name: string; value?: string }[] | undefined,
  name: string,
): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

/**
 * The one request the extension ever makes itself, and only when asked: http://host/ without
 * following redirects and without cookies, to see whether plain HTTP sends visitors to HTTPS.
 * A redirect the browser makes itself (an HSTS upgrade: Chromium's internal 307 with
 * Non-Authoritative-Reason, or a redirect with no response from the server before it) is reported
 * as "could not test", never as the server's answer.
 */
async function checkRedirect(target: string, hstsSeen: boolean): Promise<RedirectCheck> {
  const observedAt = Date.now();
  let seen: { status: number; location: string | null } | null = null;
  let upgraded = false;
  type Details = {
    url: string;
    tabId: number;
    statusCode: number;
    redirectUrl?: string;
    responseHeaders?: { name: string; value?: string }[];
  };
  const internal = (d: Details) => headerValue(d.responseHeaders, 'non-authoritative-reason') !== undefined;
  const onHeaders = (details: Details) => {
    if (details.tabId !== -1 || details.url !== target || seen || upgraded) return;
    if (internal(details)) {
      upgraded = true;
      return;
    }
    const location = headerValue(details.responseHeaders, 'location') ?? null;
    seen = { status: details.statusCode, location: location ? new URL(location, target).href : null };
  };
  const onRedirect = (details: Details) => {
    if (details.tabId !== -1 || details.url !== target || seen) return;
    // No response from the server came first: the browser redirected by itself.
    const to = details.redirectUrl ? new URL(details.redirectUrl) : null;
    if (internal(details) || to?.protocol === 'https:') upgraded = true;
  };
  browser.webRequest.onHeadersReceived.addListener(onHeaders, { urls: ['<all_urls>'] }, ['responseHeaders']);
  browser.webRequest.onBeforeRedirect.addListener(onRedirect, { urls: ['<all_urls>'] }, ['responseHeaders']);
  // addListener returns before the browser has registered the listeners, and the fetch below takes
  // another path to the browser: started at once, it could go unseen (a redirect then looks hidden).
  // An API call's answer comes after the registrations sent before it on the same channel.
  await browser.runtime.getPlatformInfo().catch(() => undefined);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  const base = { requestedUrl: target, observedAt, madeBy: 'browser' as const };
  try {
    const response = await fetch(target, {
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      signal: abort.signal,
    });
    const result = seen as { status: number; location: string | null } | null;
    if (result) return { ...base, status: result.status, location: result.location };
    if (upgraded)
      return { ...base, status: null, location: null, browserUpgraded: 'hsts', error: HSTS_UPGRADE_ERROR };
    if (response.type === 'opaqueredirect') {
      // A redirect whose response no listener saw: Chromium's internal HSTS upgrade (it shows
      // nothing after onBeforeRequest), or Firefox hiding the answer to the extension's own request.
      // Either way the server's answer is unknown: never report a status it did not send.
      if (hstsSeen)
        return { ...base, status: null, location: null, browserUpgraded: 'hsts', error: HSTS_UPGRADE_ERROR };
      return { ...base, status: null, location: null, error: HIDDEN_REDIRECT_ERROR };
    }
    return { ...base, status: response.status, location: response.headers.get('location') };
  } catch (error) {
    if (upgraded)
      return { ...base, status: null, location: null, browserUpgraded: 'hsts', error: HSTS_UPGRADE_ERROR };
    return {
      ...base,
      status: null,
      location: null,
      error: abort.signal.aborted ? 'timed out' : error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
    browser.webRequest.onHeadersReceived.removeListener(onHeaders);
    browser.webRequest.onBeforeRedirect.removeListener(onRedirect);
  }
}

/** A result the CLI sends (it made the request from Node): only the known fields, checked. */
function resultFromCli(r: RedirectCheck, target: string): RedirectCheck {
  const ok = typeof r === 'object' && r !== null && r.requestedUrl === target;
  if (!ok) throw new Error('check-redirect: the result is not for this site');
  const out: RedirectCheck = {
    requestedUrl: target,
    status: typeof r.status === 'number' ? r.status : null,
    location: typeof r.location === 'string' ? r.location : null,
    observedAt: typeof r.observedAt === 'number' ? r.observedAt : Date.now(),
    madeBy: 'cli',
  };
  if (typeof r.error === 'string') out.error = r.error;
  return out;
}

function servedContent(site: SiteState): boolean {
  return (
    Object.keys(site.cookies).length > 0 ||
    site.responses.some((r) => r.mainFrame && (r.status < 300 || r.status >= 400))
  );
}

/** Jar cookies of each origin noted before a scripted login, by origin (hashes only). */
const loginBefore = new Map<string, Map<string, string>>();

async function jarOf(origin: string): Promise<JarCookie[]> {
  return (await browser.cookies.getAll({ url: `${origin}/` })) as JarCookie[];
}

const handlers: Handlers = {
  'get-tab-view': (req, ctx) => tabView(req.tabId, ctx),

  'get-report': async (req, ctx) => {
    const origins = new Set<string>((req.origins ?? []).map((origin) => siteKey(origin, ctx.senderStore)));
    if (req.tabId !== undefined) {
      const origin = ctx.recorder.tab(req.tabId)?.origin;
      if (origin) origins.add(origin);
    }
    const all = origins.size === 0;
    const sites: SiteAudit[] = [];
    for (const origin of all
      ? sitesOfSenderStore(ctx)
          .filter(servedContent)
          .map((site) => site.origin)
      : origins) {
      const audit = ctx.auditor.auditForOrigin(origin);
      if (audit) sites.push(audit);
    }
    return buildReport(sites, { version: VERSION, createdAt: new Date().toISOString() });
  },

  'get-all-sites': async (_req, ctx) =>
    sitesOfSenderStore(ctx)
      // An origin that only ever answered with a redirect (http:// → https://) has nothing to grade.
      .filter(servedContent)
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .map((site) => ({ audit: ctx.auditor.auditForOrigin(site.origin)!, lastSeen: site.lastSeen }))
      .filter((s) => s.audit),

  'redirect-check-target': async (req, ctx) => {
    const key = ctx.recorder.tab(req.tabId)?.origin;
    return { url: key ? redirectCheckTarget(originOfSiteKey(key), knownHttpOrigin(ctx, key)) : null };
  },

  'check-redirect': async (req, ctx) => {
    const key = ctx.recorder.tab(req.tabId)?.origin;
    if (!key) throw new Error('No web page in this tab to check');
    const origin = originOfSiteKey(key);
    const site = ctx.recorder.state.sites[key];
    const target = redirectCheckTarget(origin, knownHttpOrigin(ctx, key));
    const hostname = new URL(origin).hostname;
    const hstsSeen = Object.values(ctx.recorder.state.sites).some((s) =>
      s.responses.some((r) => r.hsts !== null && r.url.startsWith(`https://${hostname}`)),
    );
    const result = req.result ? resultFromCli(req.result, target) : await checkRedirect(target, hstsSeen);
    ctx.onRedirectCheck?.(req.tabId, result);
    if (site) {
      site.redirectCheck = result;
      site.revision++;
      ctx.recorder.dirtySites.add(key);
    }
    ctx.persist();
    return tabView(req.tabId, ctx);
  },

  'reveal-value': async (req, ctx) => {
    // The exact cookie shown: name, domain (and host-only), path, the tab's store and the partition.
    // cookies.get by URL would return another cookie of the same name (a longer path, a parent domain).
    const tab = ctx.recorder.tab(req.tabId);
    const domain = req.domain.replace(/^\./, '').toLowerCase();
    // A partitioned cookie seen in a header only: its partition is the tab's top-level site.
    const partitionKey =
      req.partitionKey ?? (req.partitioned && tab?.url ? topLevelSiteOf(tab.url) : undefined);
    const candidates = (await browser.cookies.getAll({
      name: req.name,
      domain,
      ...(tab?.storeId ? { storeId: tab.storeId } : {}),
      ...(partitionKey ? { partitionKey: { topLevelSite: partitionKey } } : {}),
    } as never)) as JarCookie[];
    const cookie = candidates.find(
      (c) =>
        c.name === req.name &&
        c.domain.replace(/^\./, '').toLowerCase() === domain &&
        c.path === req.path &&
        (req.hostOnly === undefined || c.hostOnly === req.hostOnly) &&
        (c.partitionKey?.topLevelSite ?? undefined) === partitionKey,
    );
    return { value: cookie?.value ?? null };
  },

  ping: async (_request, ctx) => ({
    ok: true,
    version: VERSION,
    startedAt: STARTED_AT,
    ...(ctx.listening ? { listening: ctx.listening() } : {}),
  }),

  'get-settings': async () => settings.state(),

  'set-settings': async (req, ctx) => {
    const state = await settings.save(req.settings);
    // Re-grade every open tab now (the auditor dropped its cached audits).
    await Promise.all(
      Object.keys(ctx.recorder.state.tabs).map((id) => ctx.paintBadge(Number(id), ctx.recorder, ctx.auditor)),
    );
    return state;
  },

  'export-report': async (req, ctx) => {
    if (!REPORT_FORMATS.includes(req.format))
      throw new Error(`Unknown report format "${String(req.format)}"`);
    const report = await handlers['get-report'](
      { type: 'get-report', tabId: req.tabId, origins: req.origins },
      ctx,
    );
    return {
      filename: reportFileName(report, req.format),
      mime: REPORT_MIME[req.format],
      content: renderReport(report, req.format, { rules: listRules(), lessons: lessonFor, html: htmlReport }),
    };
  },

  'get-tab-state': async (req, ctx) => {
    const tab = ctx.recorder.tab(req.tabId);
    const site = tab?.origin ? ctx.recorder.state.sites[tab.origin] : undefined;
    if (!tab?.documentObserved || !site) return { observed: false, signature: tab?.url ?? '', pending: true };
    const loading = await browser.tabs.get(req.tabId).then(
      (t) => t.status !== 'complete',
      () => false,
    );
    return {
      observed: true,
      pending: loading || (ctx.jarPending?.() ?? false),
      signature: `${tab.origin}|${site.revision}|${tab.headerCookies}|${tab.responses}|${site.redirectCheck ? 1 : 0}`,
    };
  },

  'wait-tab-settled': async (req, ctx) => {
    const started = Date.now();
    const bounded = (value: unknown, fallback: number, max: number) =>
      typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(0, value), max) : fallback;
    const deadline = started + bounded(req.timeoutMs, 0, WAIT_SETTLED_MAX_MS);
    const quietMs = bounded(req.quietMs, WAIT_SETTLED_QUIET_MS, 2_000);
    for (;;) {
      const tab = ctx.recorder.tab(req.tabId);
      const observed = !!(tab?.documentObserved && tab.origin && ctx.recorder.state.sites[tab.origin]);
      const now = Date.now();
      if (observed && ctx.tabSettle) {
        const state = ctx.tabSettle(req.tabId);
        if (state.loaded && state.jarCurrent && state.quietMs >= quietMs) {
          return { observed, settled: true, waitedMs: now - started };
        }
      } else if (observed) {
        return { observed, settled: true, waitedMs: now - started };
      } else if (now - started >= WAIT_UNOBSERVED_MS) {
        // An error page or a non-web page: nothing will come.
        return { observed, settled: true, waitedMs: now - started };
      }
      if (now >= deadline) return { observed, settled: false, waitedMs: now - started };
      await new Promise((r) => setTimeout(r, WAIT_SETTLED_STEP_MS));
    }
  },

  'get-observations': async (req, ctx) =>
    req.origins.flatMap((origin) => {
      const site = ctx.recorder.state.sites[siteKey(origin, ctx.senderStore)];
      return site ? [toSiteObservations(site)] : [];
    }),

  'mark-login': async (req, ctx) => {
    const origins = req.origins.filter((o) => /^https?:\/\/[^/]+$/.test(o)).slice(0, 50);
    if (req.phase === 'before') {
      loginBefore.clear();
      for (const origin of origins) loginBefore.set(origin, ctx.recorder.hashJarValues(await jarOf(origin)));
      return { origins };
    }
    for (const origin of origins) {
      const after = ctx.recorder.hashJarValues(await jarOf(origin));
      ctx.recorder.recordScriptedLogin(
        siteKey(origin, ctx.senderStore),
        loginBefore.get(origin) ?? new Map(),
        after,
      );
    }
    loginBefore.clear();
    ctx.persist();
    return { origins };
  },
};

export function handleRequest<T extends RequestType>(
  request: Request & { type: T },
  ctx: HandlerContext,
): Promise<ResponseMap[T]> {
  const handler = handlers[request.type] as (req: Request, ctx: HandlerContext) => Promise<ResponseMap[T]>;
  return handler(request, ctx);
}
