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
import type { Auditor } from './auditor.ts';
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
  /** The cookie store of the asking page's tab (a private window, a container): it sees that store only. */
  senderStore?: string;
}

/** The sites of the asking page's cookie store: another store's sites are never listed. */
function sitesOfSenderStore(ctx: HandlerContext): SiteState[] {
  const store = storeOf(ctx.senderStore);
  return Object.values(ctx.recorder.state.sites).filter((site) => storeOfSiteKey(site.origin) === store);
}

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
  };
  if (!isWeb(url)) {
    return { tabId, url, origin: null, scheme: null, status: 'non-web', audit: null, coverage };
  }
  const origin = new URL(url!).origin;
  const scheme = origin.startsWith('https:') ? 'https' : 'http';
  coverage.hostAccess = await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false);
  tab = recorder.tab(tabId);
  // No record of the document, or its site's record is gone (dropped to stay within storage).
  if (!tab?.documentObserved || (tab.origin && !recorder.state.sites[tab.origin])) {
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

/**
 * The one request the extension ever makes itself, and only when asked: http://host/ without
 * following redirects and without cookies, to see whether plain HTTP sends visitors to HTTPS.
 */
async function checkRedirect(origin: string, knownHttpOrigin: string | null): Promise<RedirectCheck> {
  const page = new URL(origin);
  const target =
    page.protocol === 'http:'
      ? `${page.origin}/`
      : knownHttpOrigin
        ? `${knownHttpOrigin}/`
        : `http://${page.hostname}/`;
  const observedAt = Date.now();
  let seen: { status: number; location: string | null } | null = null;
  const listener = (details: {
    url: string;
    tabId: number;
    statusCode: number;
    responseHeaders?: { name: string; value?: string }[];
  }) => {
    if (details.tabId !== -1 || details.url !== target || seen) return;
    const location = details.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value ?? null;
    seen = { status: details.statusCode, location: location ? new URL(location, target).href : null };
  };
  browser.webRequest.onHeadersReceived.addListener(listener, { urls: ['<all_urls>'] }, ['responseHeaders']);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    const response = await fetch(target, {
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      signal: abort.signal,
    });
    const result = seen as { status: number; location: string | null } | null;
    if (result) return { requestedUrl: target, status: result.status, location: result.location, observedAt };
    return {
      requestedUrl: target,
      status: response.type === 'opaqueredirect' ? 302 : response.status,
      location: response.type === 'opaqueredirect' ? null : response.headers.get('location'),
      observedAt,
    };
  } catch (error) {
    return {
      requestedUrl: target,
      status: null,
      location: null,
      error: abort.signal.aborted ? 'timed out' : error instanceof Error ? error.message : String(error),
      observedAt,
    };
  } finally {
    clearTimeout(timer);
    browser.webRequest.onHeadersReceived.removeListener(listener);
  }
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

  'check-redirect': async (req, ctx) => {
    const key = ctx.recorder.tab(req.tabId)?.origin;
    if (!key) throw new Error('No web page in this tab to check');
    const origin = originOfSiteKey(key);
    const site = ctx.recorder.state.sites[key];
    // A plain-HTTP origin of this host already seen redirecting (e.g. a non-default port) is checked first.
    const hostname = new URL(origin).hostname;
    const knownHttp =
      site?.redirects
        .map((r) => new URL(r.from))
        .find((u) => u.protocol === 'http:' && u.hostname === hostname)?.origin ?? null;
    const result = await checkRedirect(origin, knownHttp);
    if (site) {
      site.redirectCheck = result;
      site.revision++;
      ctx.recorder.dirtySites.add(key);
      ctx.persist();
    }
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

  ping: async () => ({ ok: true, version: VERSION, startedAt: STARTED_AT }),

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
      content: renderReport(report, req.format, { rules: listRules(), lessons: lessonFor }),
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
