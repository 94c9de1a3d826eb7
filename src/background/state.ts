/**
 * What the background remembers, per tab and per site, as plain JSON that survives a worker restart
 * in storage.session. No cookie value is ever kept: observations carry ValueInfo only.
 */

import type { CookieObservation, SiteObservations } from '../core/index.ts';
import { emptySiteObservations } from '../core/index.ts';

/** Bounds that keep storage small however long a tab stays open. */
export const LIMITS = {
  sites: 200,
  /** Enough for 10,000 distinct cookies on one site (a hostile or broken site), still bounded. */
  cookiesPerSite: 12_000,
  responsesPerSite: 40,
  redirectsPerSite: 40,
  clearTextPerSite: 40,
  loginsPerSite: 10,
  sessionInUrlPerSite: 20,
} as const;

export interface TabState {
  tabId: number;
  url: string | null;
  origin: string | null;
  /** A main-frame response for the current document was observed (else: "reload to audit"). */
  documentObserved: boolean;
  responses: number;
  headerCookies: number;
  /** The tab's cookie store (tabs.Tab.cookieStoreId); `origin` is then the site key in that store. */
  storeId?: string;
  updatedAt: number;
}

/** A site's observations as the engine takes them, with the cookies keyed for in-place updates. */
export interface SiteState extends Omit<SiteObservations, 'cookies'> {
  /* `origin` is the site key: the origin, prefixed by its cookie store outside the default one. */
  /** Latest observation per cookie identity and source (see cookieKey). */
  cookies: Record<string, CookieObservation>;
  lastSeen: number;
  /** Bumped on every change; audits are cached per revision. */
  revision: number;
}

export interface PersistedState {
  version: 1;
  tabs: Record<string, TabState>;
  sites: Record<string, SiteState>;
}

export function emptyState(): PersistedState {
  return { version: 1, tabs: {}, sites: {} };
}

/**
 * Cookie stores: a Firefox private window ("firefox-private") or container ("firefox-container-N"),
 * a Chrome incognito profile ("1"), each with its own jar. What is seen in one is kept apart from
 * the others: its sites are keyed "<storeId>|<origin>" ("|" never occurs in an origin); the default
 * store's sites are keyed by the bare origin.
 */
export const DEFAULT_STORES: ReadonlySet<string> = new Set(['0', 'firefox-default']);
/** Firefox's one private-browsing store, shared by every private window. */
export const PRIVATE_STORE = 'firefox-private';

export function storeOf(storeId: string | undefined | null): string | undefined {
  return storeId && !DEFAULT_STORES.has(storeId) ? storeId : undefined;
}

export function siteKey(origin: string, storeId?: string | null): string {
  const store = storeOf(storeId);
  return store ? `${store}|${origin}` : origin;
}

/** The origin a site key stands for ("firefox-private|https://a.example" → "https://a.example"). */
export function originOfSiteKey(key: string): string {
  const bar = key.indexOf('|');
  return bar === -1 ? key : key.slice(bar + 1);
}

/** The cookie store of a site key (undefined: the default store). */
export function storeOfSiteKey(key: string): string | undefined {
  const bar = key.indexOf('|');
  return bar === -1 ? undefined : key.slice(0, bar);
}

export function cookieKey(
  obs: Pick<CookieObservation, 'source' | 'name' | 'domain' | 'path' | 'partitionKey' | 'thirdParty'>,
): string {
  return `${obs.source}|${obs.thirdParty ? 3 : 1}|${obs.name}|${obs.domain}|${obs.path}|${obs.partitionKey ?? ''}`;
}

export function newSite(origin: string, url: string, now: number): SiteState {
  return { ...emptySiteObservations(url, { origin }), cookies: {}, lastSeen: now, revision: 0 };
}

export function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** Sites no tab shows, least recently seen first: the ones to drop when space runs out. */
export function droppableSites(state: PersistedState): SiteState[] {
  const inTabs = new Set(Object.values(state.tabs).map((t) => t.origin));
  return Object.values(state.sites)
    .filter((site) => !inTabs.has(site.origin))
    .sort((a, b) => a.lastSeen - b.lastSeen);
}

/** Drop the least recently seen sites beyond the bound (sites still shown in a tab are kept). */
export function enforceSiteBound(state: PersistedState, limit: number = LIMITS.sites): SiteState[] {
  let count = Object.keys(state.sites).length;
  if (count <= limit) return [];
  const dropped: SiteState[] = [];
  for (const site of droppableSites(state)) {
    if (count <= limit) break;
    delete state.sites[site.origin];
    dropped.push(site);
    count--;
  }
  return dropped;
}

export function toSiteObservations(site: SiteState): SiteObservations {
  return {
    url: site.url,
    origin: originOfSiteKey(site.origin),
    cookies: Object.values(site.cookies),
    responses: site.responses,
    redirects: site.redirects,
    redirectCheck: site.redirectCheck,
    sentInClear: site.sentInClear,
    logins: site.logins,
    sessionInUrl: site.sessionInUrl,
    schemesSeen: site.schemesSeen,
  };
}

/** Checks the shape of what came back from storage; anything odd starts afresh instead of crashing. */
export function restoreState(raw: unknown): PersistedState {
  if (typeof raw !== 'object' || raw === null) return emptyState();
  const s = raw as Partial<PersistedState>;
  if (s.version !== 1 || typeof s.tabs !== 'object' || typeof s.sites !== 'object' || !s.tabs || !s.sites) {
    return emptyState();
  }
  const sites: Record<string, SiteState> = {};
  for (const [origin, site] of Object.entries(s.sites)) if (isSiteState(site)) sites[origin] = site;
  return { version: 1, tabs: s.tabs, sites };
}

function isSiteState(value: unknown): value is SiteState {
  const site = value as Partial<SiteState> | null;
  return (
    typeof site === 'object' &&
    site !== null &&
    typeof site.origin === 'string' &&
    typeof site.cookies === 'object' &&
    site.cookies !== null &&
    Array.isArray(site.responses) &&
    Array.isArray(site.redirects) &&
    Array.isArray(site.sentInClear) &&
    Array.isArray(site.logins) &&
    Array.isArray(site.sessionInUrl) &&
    Array.isArray(site.schemesSeen)
  );
}

/**
 * Storage layout in storage.session: one key for the tabs, one per site (without its cookies) and
 * one per cookie observation, so a response that changes one cookie rewrites one small key. Values
 * are JSON text and Chrome's incognito worker prefixes its keys (session-storage.ts).
 */
export const STORAGE_KEYS = {
  tabs: 'cookieAuditTabs',
  sitePrefix: 'cookieAuditSite:',
  cookiePrefix: 'cookieAuditCookie:',
  hashKey: 'cookieAuditHashKey',
} as const;

/** Separates origin and cookie key in a cookie's storage key (never in an origin). */
const COOKIE_KEY_SEPARATOR = ' ';

export function siteStorageKey(origin: string): string {
  return STORAGE_KEYS.sitePrefix + origin;
}

export function cookieStorageKey(origin: string, key: string): string {
  return STORAGE_KEYS.cookiePrefix + origin + COOKIE_KEY_SEPARATOR + key;
}

/** A site record as stored: everything but its cookies, which have their own keys. */
export function siteMeta(site: SiteState): Omit<SiteState, 'cookies'> {
  const { cookies: _cookies, ...meta } = site;
  return meta;
}

export function stateFromStorage(items: Record<string, unknown>): PersistedState {
  const sites: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(items)) {
    if (key.startsWith(STORAGE_KEYS.sitePrefix) && typeof value === 'object' && value !== null) {
      sites[key.slice(STORAGE_KEYS.sitePrefix.length)] = { ...value, cookies: {} };
    }
  }
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(STORAGE_KEYS.cookiePrefix)) continue;
    const rest = key.slice(STORAGE_KEYS.cookiePrefix.length);
    const cut = rest.indexOf(COOKIE_KEY_SEPARATOR);
    const site = sites[rest.slice(0, cut)] as { cookies: Record<string, unknown> } | undefined;
    if (cut > 0 && site && typeof value === 'object' && value !== null)
      site.cookies[rest.slice(cut + 1)] = value;
  }
  const tabs = items[STORAGE_KEYS.tabs];
  return restoreState({ version: 1, tabs: typeof tabs === 'object' && tabs !== null ? tabs : {}, sites });
}
