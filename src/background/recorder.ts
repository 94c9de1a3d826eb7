/**
 * Turns browser events (already reduced to plain detail objects by the adapter in index.ts) into
 * observations kept in PersistedState. No browser API here, so it runs under unit tests and the
 * benchmark exactly as in the worker. Every handler is cheap and synchronous: parse, reduce, store.
 */
import { getDomain } from 'tldts';
import type { BrowserModel, CookieObservation, JarCookie, Scheme } from '../core/index.ts';
import {
  cookieHeaderNames,
  findSessionTokensInUrl,
  observeJarCookie,
  observeSetCookie,
  parseCookieHeader,
  replacesSighting,
  scrubUrl,
} from '../core/index.ts';
import {
  cookieKey,
  enforceSiteBound,
  LIMITS,
  newSite,
  originOfSiteKey,
  type PersistedState,
  pushBounded,
  type SiteState,
  siteKey,
  storeOf,
  storeOfSiteKey,
  type TabState,
} from './state.ts';

export interface HeaderLike {
  name: string;
  value?: string;
}

export interface ResponseDetails {
  /** Firefox: the request's cookie store (private window, container). */
  cookieStoreId?: string;
  tabId: number;
  requestId: string;
  url: string;
  /** The request's method (webRequest gives it with every response). */
  method?: string;
  type: string;
  statusCode: number;
  frameId?: number;
  responseHeaders?: HeaderLike[];
  timeStamp?: number;
}

export interface RedirectDetails {
  /** Firefox: the request's cookie store (private window, container). */
  cookieStoreId?: string;
  tabId: number;
  requestId: string;
  url: string;
  redirectUrl: string;
  statusCode: number;
  type: string;
}

export interface SendHeadersDetails {
  /** Firefox: the request's cookie store (private window, container). */
  cookieStoreId?: string;
  tabId: number;
  requestId: string;
  url: string;
  method: string;
  type: string;
  requestHeaders?: HeaderLike[];
}

export interface LoginStart {
  /** Firefox: the request's cookie store (private window, container). */
  cookieStoreId?: string;
  tabId: number;
  requestId: string;
  url: string;
}

interface PendingLogin {
  tabId: number;
  storeId?: string;
  url: string;
  before: Map<string, string>;
  after: Map<string, string>;
  startedAt: number;
}

const PASSWORD_FIELD = /pass(word|wd|phrase)?$|^pwd$|^pin$|secret/i;

/** True when a form body has a password-like field. The body itself is never kept. */
export function hasPasswordField(formData: Record<string, unknown> | undefined | null): boolean {
  if (!formData) return false;
  return Object.keys(formData).some((k) => PASSWORD_FIELD.test(k));
}

/** Registrable domain per host name, cached: a tab's responses come from the same few hosts. */
const siteCache = new Map<string, string>();

export function siteOf(host: string): string {
  const cached = siteCache.get(host);
  if (cached !== undefined) return cached;
  const site = getDomain(host, { allowPrivateDomains: true }) ?? host;
  if (siteCache.size >= 4096) siteCache.clear();
  siteCache.set(host, site);
  return site;
}

/** Host name of an origin ("https://a.example:8443" → "a.example"), cached per origin. */
const originHostCache = new Map<string, string>();

function hostOfOrigin(origin: string): string {
  const cached = originHostCache.get(origin);
  if (cached !== undefined) return cached;
  const host = parseUrl(originOfSiteKey(origin))?.hostname ?? '';
  if (originHostCache.size >= 4096) originHostCache.clear();
  originHostCache.set(origin, host);
  return host;
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isWebUrl(url: URL | null): url is URL {
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** Split Set-Cookie header values: Chrome gives one header per line, Firefox joins them with "\n". */
export function setCookieLines(headers: HeaderLike[] | undefined): string[] {
  const lines: string[] = [];
  if (!headers) return lines;
  for (const h of headers) {
    if (h.value === undefined || h.name.length !== 10 || h.name.toLowerCase() !== 'set-cookie') continue;
    if (h.value.includes('\n')) {
      for (const part of h.value.split('\n')) if (part.trim() !== '') lines.push(part);
    } else {
      lines.push(h.value);
    }
  }
  return lines;
}

function headerValue(headers: HeaderLike[] | undefined, lowerName: string): string | null {
  if (!headers) return null;
  let found: string | null = null;
  for (const h of headers) {
    if (h.name.toLowerCase() === lowerName) {
      // Several headers of the same name: keep them all, comma-joined, so "set twice" stays visible.
      found = found === null ? (h.value ?? '') : `${found}, ${h.value ?? ''}`;
    }
  }
  return found;
}

/** Cookie header → name → hashed value. Values are hashed at once and dropped. */
function cookieHeaderHashes(header: string, hash: (v: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, value } of parseCookieHeader(header)) out.set(name, hash(value));
  return out;
}

/** Told what the recorder saw, as it sees it (the DevTools timeline listens). */
export interface RecorderObserver {
  /** A response's Set-Cookie lines, observed (value-free), in header order. */
  setCookies(details: ResponseDetails, observations: CookieObservation[], tabOrigin: string): void;
  /** A top-level document of the tab started (after redirects). */
  document(tabId: number, url: string): void;
  /** A login finished; the record compares each cookie's hash before and after. */
  login(tabId: number, site: SiteState, login: SiteState['logins'][number]): void;
}

export class Recorder {
  observer?: RecorderObserver;
  private readonly pendingLogins = new Map<string, PendingLogin>();
  /** Sites changed since the last flush (for the badge and for persistence). */
  readonly dirtySites = new Set<string>();
  /** Sites dropped by the bound since the last flush, with the cookie keys they held. */
  readonly droppedSites = new Map<string, string[]>();
  readonly dirtyTabs = new Set<number>();
  /** The tabs record changed since the last write (it is written as one key). */
  tabsDirty = false;
  /** Sites whose cookies (not their record) changed since the last flush: their tabs need a repaint. */
  readonly cookieSites = new Set<string>();
  /** Per site, the cookie keys written or removed since the last flush (persisted one by one). */
  readonly dirtyCookies = new Map<string, Set<string>>();
  readonly removedCookies = new Map<string, Set<string>>();

  constructor(
    public state: PersistedState,
    private readonly hashValue: (value: string) => string,
    private readonly clock: () => number = Date.now,
    /**
     * Firefox before its `unspecified` support reported an unset SameSite as `no_restriction`:
     * there a jar `no_restriction` is not taken as SameSite=None unless a header confirms it.
     */
    private readonly jarNoRestrictionMeansUnset = false,
    /** Whose cookie rules to model where browsers differ (Firefox stores and refuses other lines). */
    private readonly browserModel: BrowserModel = 'chromium',
  ) {}

  /** The cookie store a request belongs to: Firefox says so per request, else the tab's. */
  private storeFor(details: { tabId: number; cookieStoreId?: string }): string | undefined {
    return details.cookieStoreId ?? this.tab(details.tabId)?.storeId;
  }

  /** The site key of an origin in the request's cookie store. */
  private keyFor(origin: string, details: { tabId: number; cookieStoreId?: string }): string {
    return siteKey(origin, this.storeFor(details));
  }

  tab(tabId: number): TabState | undefined {
    return this.state.tabs[String(tabId)];
  }

  siteForTab(tabId: number): SiteState | undefined {
    const origin = this.tab(tabId)?.origin;
    return origin ? this.state.sites[origin] : undefined;
  }

  private touchSite(origin: string, url: string): SiteState {
    const now = this.clock();
    let site = this.state.sites[origin];
    if (!site) {
      site = newSite(origin, url, now);
      this.state.sites[origin] = site;
      for (const dropped of enforceSiteBound(this.state)) this.forgetSite(dropped.origin, dropped);
    }
    site.lastSeen = now;
    return site;
  }

  /**
   * Something about the site changed: its audit is stale (revision) and its tab needs a repaint.
   * `meta` says whether the site's own record (responses, redirects, …) changed, as opposed to
   * only cookie observations, which are stored under their own keys.
   */
  private changed(site: SiteState, tabId?: number, meta = true): void {
    site.revision++;
    if (meta) this.dirtySites.add(site.origin);
    else this.cookieSites.add(site.origin);
    if (tabId !== undefined && tabId >= 0) this.dirtyTabs.add(tabId);
  }

  /**
   * Stores an observation unless the same cookie is already held in the same state (a session cookie
   * re-sent on every response, a jar re-read): returns whether anything changed.
   */
  private putCookie(site: SiteState, key: string, obs: CookieObservation): boolean {
    const held = site.cookies[key];
    if (held && (sameObservation(held, obs) || !replacesSighting(held, obs))) return false;
    // Only the latest sighting is kept: it carries the first one along, for the cookie's provenance.
    if (held) {
      obs.firstSighting = held.firstSighting ?? {
        source: held.source,
        url: held.url,
        observedAt: held.observedAt,
        ...(held.request ? { request: held.request } : {}),
      };
    }
    site.cookies[key] = obs;
    let dirty = this.dirtyCookies.get(site.origin);
    if (!dirty) {
      dirty = new Set();
      this.dirtyCookies.set(site.origin, dirty);
    }
    dirty.add(key);
    this.removedCookies.get(site.origin)?.delete(key);
    return true;
  }

  private deleteCookie(site: SiteState, key: string): void {
    if (!site.cookies[key]) return;
    delete site.cookies[key];
    this.dirtyCookies.get(site.origin)?.delete(key);
    let removed = this.removedCookies.get(site.origin);
    if (!removed) {
      removed = new Set();
      this.removedCookies.set(site.origin, removed);
    }
    removed.add(key);
  }

  /** A top-level document started loading in a tab (navigation commit or main-frame response). */
  startDocument(tabId: number, rawUrl: string, storeId?: string): TabState | undefined {
    const url = parseUrl(rawUrl);
    const previous = this.state.tabs[String(tabId)];
    if (!isWebUrl(url)) {
      this.state.tabs[String(tabId)] = {
        tabId,
        url: scrubUrl(rawUrl),
        origin: null,
        documentObserved: false,
        responses: 0,
        headerCookies: 0,
        storeId,
        updatedAt: this.clock(),
      };
      this.dirtyTabs.add(tabId);
      this.tabsDirty = true;
      return this.state.tabs[String(tabId)];
    }
    const store = storeId ?? previous?.storeId;
    const key = siteKey(url.origin, store);
    const sameDocument =
      previous && previous.url === scrubUrl(rawUrl) && previous.origin === key && previous.documentObserved;
    const tab: TabState = {
      tabId,
      url: scrubUrl(rawUrl),
      origin: key,
      documentObserved: sameDocument
        ? true
        : (previous?.documentObserved ?? false) && previous?.origin === key,
      responses: previous?.origin === key ? previous.responses : 0,
      headerCookies: previous?.origin === key ? previous.headerCookies : 0,
      storeId: store,
      updatedAt: this.clock(),
    };
    this.state.tabs[String(tabId)] = tab;
    const site = this.touchSite(key, tab.url!);
    site.url = tab.url!;
    this.noteScheme(url, store);
    for (const token of findSessionTokensInUrl(rawUrl, this.clock())) {
      if (!site.sessionInUrl.some((t) => t.url === token.url && t.parameter === token.parameter)) {
        pushBounded(site.sessionInUrl, token, LIMITS.sessionInUrlPerSite);
        this.changed(site, tabId);
      }
    }
    this.dirtyTabs.add(tabId);
    this.tabsDirty = true;
    return tab;
  }

  /**
   * Records that this host was seen over this scheme; every site record of the host in the same
   * cookie store shares the union.
   */
  private noteScheme(url: URL, storeId: string | undefined): void {
    const scheme = url.protocol.slice(0, -1) as Scheme;
    const store = storeOf(storeId);
    const sameHost = Object.values(this.state.sites).filter(
      (s) => hostOfOrigin(s.origin) === url.hostname && storeOfSiteKey(s.origin) === store,
    );
    const union = new Set<Scheme>([scheme]);
    for (const site of sameHost) for (const seen of site.schemesSeen) union.add(seen);
    for (const site of sameHost) {
      if (site.schemesSeen.length !== union.size) {
        site.schemesSeen = [...union].sort();
        this.changed(site);
      }
    }
  }

  onResponse(details: ResponseDetails): void {
    const url = parseUrl(details.url);
    if (!isWebUrl(url) || details.tabId < 0) return;
    const now = this.clock();
    const mainFrame = details.type === 'main_frame';
    const redirect = details.statusCode >= 300 && details.statusCode < 400;
    // A main-frame redirect is not a document: it is recorded by onRedirect, its cookies go to its own site.
    if (mainFrame && !redirect) {
      const started = this.startDocument(details.tabId, details.url, details.cookieStoreId);
      if (started) started.documentObserved = true;
      this.observer?.document(details.tabId, scrubUrl(details.url));
    }
    const tab = this.tab(details.tabId);
    const origin = mainFrame ? this.keyFor(url.origin, details) : tab?.origin;
    if (!origin) return;
    const site = this.touchSite(origin, mainFrame ? scrubUrl(details.url) : (tab?.url ?? origin));
    // Coverage counters only: written with the next real change of the tabs record.
    if (tab && tab.origin === origin) tab.responses++;
    const thirdParty = siteOf(url.hostname) !== siteOf(hostOfOrigin(origin));
    const strippedUrl = scrubUrl(details.url);

    if (!thirdParty) {
      const hsts =
        url.protocol === 'https:' ? headerValue(details.responseHeaders, 'strict-transport-security') : null;
      // Keep every main-frame response and any response that says something about HSTS.
      if (mainFrame || hsts !== null) {
        pushBounded(
          site.responses,
          { url: strippedUrl, status: details.statusCode, hsts, mainFrame, observedAt: now },
          LIMITS.responsesPerSite,
        );
        this.changed(site, details.tabId);
      }
    }

    const lines = setCookieLines(details.responseHeaders);
    if (lines.length === 0) return;
    const request = {
      ...(details.method && /^[A-Z]{1,16}$/i.test(details.method)
        ? { method: details.method.toUpperCase() }
        : {}),
      status: details.statusCode,
      mainFrame,
    };
    const login = this.pendingLogins.get(details.requestId);
    // Counted only when a new cookie arrives: most responses re-send cookies the site already holds.
    let count = -1;
    let anyChange = false;
    const seen: CookieObservation[] | null = this.observer ? [] : null;
    for (const line of lines) {
      // Values are hashed only where a comparison needs them (a login in flight): hashing is the
      // costliest step of a response and nothing else reads the hash.
      const obs = observeSetCookie(line, {
        url: strippedUrl,
        now,
        thirdParty,
        request,
        hashValue: login ? this.hashValue : undefined,
        browser: this.browserModel,
      });
      if (obs.value.hash !== undefined) {
        // The hash serves this comparison only: it is not kept with the observation.
        if (login && !thirdParty && !obs.deletion) login.after.set(obs.name, obs.value.hash);
        delete obs.value.hash;
      }
      seen?.push(obs);
      const key = cookieKey(obs);
      if (!site.cookies[key]) {
        if (count === -1) count = Object.keys(site.cookies).length;
        if (count >= LIMITS.cookiesPerSite) continue;
        count++;
      }
      if (this.putCookie(site, key, obs)) anyChange = true;
      if (tab && tab.origin === origin) tab.headerCookies++;
    }
    if (anyChange) this.changed(site, details.tabId, false);
    else if (tab) this.dirtyTabs.add(details.tabId);
    if (seen) this.observer?.setCookies(details, seen, origin);
  }

  /**
   * A redirect. A top-level one is evidence for both ends: the site redirected to (it answers its
   * http:// visitors with a redirect) and the site redirected from, when that one is already known.
   */
  onRedirect(details: RedirectDetails): void {
    if (details.tabId < 0) return;
    const from = parseUrl(details.url);
    const to = parseUrl(details.redirectUrl);
    if (!isWebUrl(from)) return;
    const redirect = {
      from: scrubUrl(details.url),
      to: scrubUrl(details.redirectUrl),
      status: details.statusCode,
      observedAt: this.clock(),
    };
    const origins = new Set<string>();
    if (details.type === 'main_frame') {
      if (isWebUrl(to)) origins.add(this.keyFor(to.origin, details));
      const fromKey = this.keyFor(from.origin, details);
      if (this.state.sites[fromKey]) origins.add(fromKey);
    } else {
      const tabOrigin = this.tab(details.tabId)?.origin;
      if (tabOrigin) origins.add(tabOrigin);
    }
    for (const origin of origins) {
      const site = this.touchSite(
        origin,
        originOfSiteKey(origin) === to?.origin ? redirect.to : redirect.from,
      );
      pushBounded(site.redirects, redirect, LIMITS.redirectsPerSite);
      this.changed(site, details.tabId);
    }
  }

  /** Request headers: cookies sent over plain HTTP, and the "before" side of a login. */
  onSendHeaders(details: SendHeadersDetails): void {
    const url = parseUrl(details.url);
    if (!isWebUrl(url) || details.tabId < 0) return;
    const cookieHeader = headerValue(details.requestHeaders, 'cookie');
    const login = this.pendingLogins.get(details.requestId);
    if (login && cookieHeader && login.before.size === 0) {
      login.before = cookieHeaderHashes(cookieHeader, this.hashValue);
    }
    if (url.protocol !== 'http:' || !cookieHeader) return;
    const tab = this.tab(details.tabId);
    const origin = details.type === 'main_frame' ? this.keyFor(url.origin, details) : tab?.origin;
    if (!origin) return;
    if (siteOf(url.hostname) !== siteOf(hostOfOrigin(origin))) return;
    const names = cookieHeaderNames(cookieHeader);
    if (names.length === 0) return;
    // One entry per host and set of cookie names: a page's many subresources add nothing new. Runs on
    // every plain-HTTP request, so it checks before touching the site and allocates nothing more.
    const known = this.state.sites[origin];
    const hostPrefix = `${url.origin}/`;
    if (known?.sentInClear.some((s) => s.url.startsWith(hostPrefix) && sameNames(s.cookieNames, names)))
      return;
    const site = this.touchSite(origin, scrubUrl(details.url));
    pushBounded(
      site.sentInClear,
      { url: scrubUrl(details.url), cookieNames: names, observedAt: this.clock() },
      LIMITS.clearTextPerSite,
    );
    this.changed(site, details.tabId);
  }

  /** A form POST with a password-like field started: watch its cookies before and after. */
  onLoginStart(start: LoginStart): void {
    if (this.pendingLogins.size > 20) this.pendingLogins.clear();
    this.pendingLogins.set(start.requestId, {
      tabId: start.tabId,
      storeId: this.storeFor(start),
      url: scrubUrl(start.url),
      before: new Map(),
      after: new Map(),
      startedAt: this.clock(),
    });
  }

  /** Keyed hashes of jar cookie values by name (the "before" or "after" side of a scripted login). */
  hashJarValues(cookies: readonly JarCookie[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const c of cookies.slice(0, 100)) out.set(c.name, this.hashValue(c.value));
    return out;
  }

  /**
   * A login performed by a script (any number of steps, hosts and redirects): the session cookies of
   * origin held before and after it, compared like a form login's.
   */
  recordScriptedLogin(key: string, before: Map<string, string>, after: Map<string, string>): void {
    const origin = originOfSiteKey(key);
    const site = this.touchSite(key, `${origin}/`);
    const names = new Set([...before.keys(), ...after.keys()]);
    const cookies = [...names].slice(0, 100).map((name) => ({
      name,
      beforeHash: before.get(name) ?? null,
      afterHash: after.get(name) ?? null,
    }));
    pushBounded(site.logins, { url: `${origin}/`, observedAt: this.clock(), cookies }, LIMITS.loginsPerSite);
    this.changed(site);
  }

  /** The login request chain finished (completed or failed): compare the session cookies' hashes. */
  onRequestDone(requestId: string): void {
    const login = this.pendingLogins.get(requestId);
    if (!login) return;
    this.pendingLogins.delete(requestId);
    const url = parseUrl(login.url);
    if (!isWebUrl(url)) return;
    const tab = this.tab(login.tabId);
    const site = this.touchSite(tab?.origin ?? siteKey(url.origin, login.storeId), login.url);
    const names = new Set([...login.before.keys(), ...login.after.keys()]);
    // A cookie the login responses did not set again kept its value: afterHash = beforeHash.
    const cookies = [...names].slice(0, 100).map((name) => ({
      name,
      beforeHash: login.before.get(name) ?? null,
      afterHash: login.after.get(name) ?? login.before.get(name) ?? null,
    }));
    const record = { url: login.url, observedAt: this.clock(), cookies };
    pushBounded(site.logins, record, LIMITS.loginsPerSite);
    this.changed(site, login.tabId);
    this.observer?.login(login.tabId, site, record);
  }

  /** Cookie-jar records for a tab's site (a fresh read replaces the previous jar view of that site). */
  recordJar(tabId: number, cookies: JarCookie[], replace: boolean): void {
    const tab = this.tab(tabId);
    if (!tab?.origin || !tab.url) return;
    const site = this.state.sites[tab.origin];
    if (!site) return;
    const now = this.clock();
    const topHost = hostOfOrigin(tab.origin);
    const stale = new Set<string>();
    if (replace)
      for (const key of Object.keys(site.cookies)) if (site.cookies[key].source === 'jar') stale.add(key);
    // Counted only when a new cookie arrives: most responses re-send cookies the site already holds.
    let count = -1;
    let anyChange = false;
    for (const cookie of cookies) {
      const thirdParty = siteOf(cookie.domain.replace(/^\./, '')) !== siteOf(topHost);
      const obs = observeJarCookie(cookie, {
        url: tab.url,
        now,
        thirdParty,
        jarNoRestrictionMeansUnset: this.jarNoRestrictionMeansUnset,
      });
      const key = cookieKey(obs);
      stale.delete(key);
      if (!site.cookies[key]) {
        if (count === -1) count = Object.keys(site.cookies).length;
        if (count >= LIMITS.cookiesPerSite) continue;
        count++;
      }
      if (this.putCookie(site, key, obs)) anyChange = true;
    }
    for (const key of stale) {
      this.deleteCookie(site, key);
      anyChange = true;
    }
    if (anyChange) this.changed(site, tabId, false);
  }

  /** A jar cookie was removed (cookies.onChanged with removed: true, not an overwrite). O(sites). */
  removeJarCookie(cookie: JarCookie): void {
    const domain = cookie.domain.replace(/^\./, '').toLowerCase();
    const partitionKey = cookie.partitionKey?.topLevelSite;
    const store = storeOf(cookie.storeId);
    for (const site of Object.values(this.state.sites)) {
      // A cookie removed from one store's jar says nothing about another store's.
      if (cookie.storeId !== undefined && storeOfSiteKey(site.origin) !== store) continue;
      for (const thirdParty of [false, true]) {
        const key = cookieKey({
          source: 'jar',
          name: cookie.name,
          domain,
          path: cookie.path,
          partitionKey,
          thirdParty,
        });
        if (site.cookies[key]) {
          this.deleteCookie(site, key);
          this.changed(site, undefined, false);
        }
      }
    }
  }

  /**
   * Tabs whose top-level site a cookie for this domain belongs to (for cookies.onChanged), in the
   * cookie's store when it says which.
   */
  tabsForCookieDomain(domain: string, storeId?: string): number[] {
    const bare = domain.replace(/^\./, '').toLowerCase();
    const store = storeOf(storeId);
    const out: number[] = [];
    for (const tab of Object.values(this.state.tabs)) {
      if (!tab.origin) continue;
      if (storeId !== undefined && storeOfSiteKey(tab.origin) !== store) continue;
      const host = hostOfOrigin(tab.origin);
      if (host === bare || host.endsWith(`.${bare}`) || siteOf(host) === siteOf(bare)) out.push(tab.tabId);
    }
    return out;
  }

  /**
   * Forgets everything observed in a cookie store (the last private window closed): its sites, the
   * tabs still pointing at them and the logins in flight. The next write removes them from storage.
   */
  dropStore(storeId: string): void {
    const store = storeOf(storeId);
    if (store === undefined) return;
    for (const [key, site] of Object.entries(this.state.sites)) {
      if (storeOfSiteKey(key) !== store) continue;
      this.forgetSite(key, site);
      delete this.state.sites[key];
    }
    for (const [id, tab] of Object.entries(this.state.tabs)) {
      if (storeOf(tab.storeId) !== store) continue;
      delete this.state.tabs[id];
      this.tabsDirty = true;
    }
    for (const [id, login] of this.pendingLogins)
      if (storeOf(login.storeId) === store) this.pendingLogins.delete(id);
  }

  /**
   * Queues a site's removal from storage: its record and every cookie key it may have there,
   * including the ones already deleted from memory whose removal is still waiting to be written (a
   * private jar emptied as its last window closes), or they would stay in storage for good.
   */
  private forgetSite(key: string, site: SiteState): void {
    const keys = new Set([...(this.droppedSites.get(key) ?? []), ...Object.keys(site.cookies)]);
    for (const removed of this.removedCookies.get(key) ?? []) keys.add(removed);
    this.droppedSites.set(key, [...keys]);
    this.dirtySites.delete(key);
    this.cookieSites.delete(key);
    this.dirtyCookies.delete(key);
    this.removedCookies.delete(key);
  }

  closeTab(tabId: number): void {
    if (this.state.tabs[String(tabId)]) this.tabsDirty = true;
    delete this.state.tabs[String(tabId)];
    for (const [id, login] of this.pendingLogins) if (login.tabId === tabId) this.pendingLogins.delete(id);
  }
}

/** Same cookie in the same state: everything but the time it was seen. */
export function sameObservation(a: CookieObservation, b: CookieObservation): boolean {
  return (
    a.evidence === b.evidence &&
    a.secure === b.secure &&
    a.httpOnly === b.httpOnly &&
    a.sameSite === b.sameSite &&
    // Max-Age expiries move with the clock: a minute apart is the same lifetime.
    (a.expires === b.expires ||
      (a.expires !== null && b.expires !== null && Math.abs(a.expires - b.expires) < 60_000)) &&
    a.deletion === b.deletion &&
    a.partitioned === b.partitioned &&
    a.hostOnly === b.hostOnly &&
    a.url === b.url &&
    a.rejected.length === b.rejected.length &&
    a.value.length === b.value.length &&
    a.value.format === b.value.format &&
    a.value.entropyBits === b.value.entropyBits &&
    a.value.hash === b.value.hash &&
    (a.value.payloadKeys ?? []).join('\u0000') === (b.value.payloadKeys ?? []).join('\u0000')
  );
}
