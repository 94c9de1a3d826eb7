/**
 * Every message between the extension's parts, typed in one place. Requests go from the
 * extension's own pages (popup, report page) or the CLI (through an extension page) to the
 * background; the background answers with a view model built from the engine's output.
 */
import type {
  CookieAuditReport,
  RedirectCheck,
  RejectReason,
  ReportFormat,
  RuleInfo,
  SiteAudit,
  SiteObservations,
  UserSettings,
} from './core/index.ts';

/** What the popup needs to draw one tab. */
export interface TabView {
  tabId: number;
  url: string | null;
  origin: string | null;
  scheme: 'http' | 'https' | null;
  /**
   * non-web: chrome://, about:, extension pages — nothing to audit.
   * reload-to-audit: the page was loaded before the extension could see its headers.
   * waiting: a web page with nothing observed yet.
   * observed: an audit is available.
   */
  status: 'non-web' | 'reload-to-audit' | 'waiting' | 'observed';
  /** First-party audit of the tab's site; third-party cookies are in it with thirdParty: true. */
  audit: SiteAudit | null;
  coverage: Coverage;
  redirectCheck?: RedirectCheck;
  /** Something the user should know about the extension itself (e.g. storage was full). */
  notice?: string;
}

export interface Coverage {
  /** Set-Cookie lines seen in response headers. */
  headerCookies: number;
  /** Cookie-jar records read for the site. */
  jarCookies: number;
  partitionedCookies: number;
  thirdPartyCookies: number;
  /** False when the extension lacks host access for the tab's site. */
  hostAccess: boolean;
  /** Responses observed for the tab. */
  responses: number;
  /**
   * Response types whose headers are not read on audited sites, to keep page loads cheap (image,
   * font, media): their stored cookies still show from the jar, a cookie they set and the browser
   * rejected does not. Absent: every response type is read.
   */
  headersNotRead?: string[];
  /**
   * This page started loading while Cookie Audit's network listeners were off (they are on only while
   * a tab shows an audited site, so that other sites cost nothing): its own response headers were not
   * seen. Absent otherwise.
   */
  startedUnwatched?: boolean;
}

/** Summary row for the full-page report (every site seen this browser session). */
export interface SiteSummary {
  audit: SiteAudit;
  lastSeen: number;
}

/** The settings in force, as the options page shows them. */
export interface SettingsState {
  settings: UserSettings;
  /**
   * Why stored (or submitted) settings were not taken as they were: each corrupt or outdated field
   * fell back to its default. Empty when everything was valid.
   */
  problems: string[];
  defaults: UserSettings;
  /** The rule catalog, for per-rule switches and severity overrides. */
  rules: RuleInfo[];
}

/** A rendered report, ready to be offered as a download. */
export interface ExportedReport {
  filename: string;
  mime: string;
  content: string;
}

export type Request =
  | { type: 'get-tab-view'; tabId: number }
  | { type: 'get-report'; tabId?: number; origins?: string[] }
  | { type: 'get-all-sites' }
  /**
   * Requests http://host/ and records the answer. With `result`, records that instead: the CLI made
   * the request itself from outside the browser, whose HSTS state would upgrade it.
   */
  | { type: 'check-redirect'; tabId: number; result?: RedirectCheck }
  /** The http:// URL check-redirect would request for the tab's site. */
  | { type: 'redirect-check-target'; tabId: number }
  /** Read one cookie's value from the jar on explicit user request; returned once, never stored. */
  | {
      type: 'reveal-value';
      tabId: number;
      name: string;
      domain: string;
      path: string;
      /** Host-only (no Domain attribute) or a domain cookie of the same domain. */
      hostOnly?: boolean;
      /** A partitioned (CHIPS) cookie, and its partition's top-level site when known. */
      partitioned?: boolean;
      partitionKey?: string;
    }
  | { type: 'ping' }
  | { type: 'get-settings' }
  /** Validates, stores in storage.sync and applies (re-grades open tabs); answers what is in force. */
  | { type: 'set-settings'; settings: unknown }
  /** The report of one tab (tabId), some origins, or every site seen, rendered in a format. */
  | { type: 'export-report'; format: ReportFormat; tabId?: number; origins?: string[] }
  /**
   * A cheap fingerprint of what the background holds for a tab (no audit is run): the CLI polls it
   * until it stops changing, instead of the whole tab view.
   */
  | { type: 'get-tab-state'; tabId: number }
  /**
   * Answers once the tab's page is loaded, its cookie jar read and recorded after the load and after
   * its last cookie change, and no event of the tab arrived for quietMs (default 50); or at timeoutMs.
   * Each tab is judged on its own: tabs audited in parallel never wait for each other.
   */
  | { type: 'wait-tab-settled'; tabId: number; timeoutMs: number; quietMs?: number }
  /** What the engine judged for these origins, so reports audited apart can be merged and re-graded. */
  | { type: 'get-observations'; origins: string[] }
  /**
   * Around a scripted login (CLI --login-script): 'before' notes the hashes of the origins' jar
   * cookies, 'after' compares them for the session-rotation check. Values never leave the background.
   */
  | { type: 'mark-login'; phase: 'before' | 'after'; origins: string[] };

export interface ResponseMap {
  'get-tab-view': TabView;
  'get-report': CookieAuditReport;
  'get-all-sites': SiteSummary[];
  'check-redirect': TabView;
  'redirect-check-target': { url: string | null };
  'reveal-value': { value: string | null };
  /** startedAt identifies the running background instance: it changes when the worker restarts. */
  ping: {
    ok: true;
    version: string;
    startedAt: number;
    /**
     * Whether the network and cookie listeners are registered: with access to some sites only, they
     * are while a tab shows one of them (other sites then cost nothing), always with every site.
     */
    listening?: boolean;
  };
  'get-settings': SettingsState;
  'set-settings': SettingsState;
  'export-report': ExportedReport;
  /** pending: the page is still loading or a cookie-jar read is scheduled or running. */
  'get-tab-state': { observed: boolean; signature: string; pending: boolean };
  /** settled false: the time limit came first. */
  'wait-tab-settled': { observed: boolean; settled: boolean; waitedMs: number };
  'get-observations': SiteObservations[];
  'mark-login': { origins: string[] };
}

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** Every reply is wrapped so that errors travel as data instead of rejected promises. */
export type Reply<T extends RequestType> = { ok: true; data: ResponseMap[T] } | { ok: false; error: string };

/**
 * One entry per request type, checked by the compiler against the `Request` union: a type added to
 * the union and not here (or listed here and not in the union) does not compile.
 */
const REQUEST_TYPE_TABLE: { readonly [T in RequestType]: true } = {
  'get-tab-view': true,
  'get-report': true,
  'get-all-sites': true,
  'check-redirect': true,
  'redirect-check-target': true,
  'reveal-value': true,
  ping: true,
  'get-settings': true,
  'set-settings': true,
  'export-report': true,
  'get-tab-state': true,
  'wait-tab-settled': true,
  'get-observations': true,
  'mark-login': true,
};

export const REQUEST_TYPES: readonly RequestType[] = Object.keys(REQUEST_TYPE_TABLE) as RequestType[];

export function isRequest(value: unknown): value is Request {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (REQUEST_TYPES as readonly string[]).includes(type);
}

// ---- Live updates: the DevTools panel's timeline and the side panel, over one long-lived port ----

/** Name of the runtime.connect port the panels open to the background. */
export const LIVE_PORT = 'cookie-audit-live';

/** One Set-Cookie line of a response, value masked, with what the browser did with it. */
export interface TimelineSetCookie {
  name: string;
  /** The line with its value replaced by "…" (never the raw value). */
  evidence: string;
  verdict: 'stored' | 'rejected' | 'deletes';
  reasons: RejectReason[];
  thirdParty: boolean;
}

export type TimelineFrame = 'main' | 'sub' | 'subresource';

/** What happened to cookies in a tab, in order; seq is unique and increasing per tab. */
export type TimelineEntry = { seq: number; at: number } & (
  | { kind: 'navigation'; url: string }
  | {
      kind: 'response';
      method: string;
      /** Without query or fragment. */
      url: string;
      status: number;
      frame: TimelineFrame;
      resourceType: string;
      cookies: TimelineSetCookie[];
      /** Lines beyond the per-entry bound, counted but not listed. */
      moreLines?: number;
    }
  | { kind: 'script-cookie'; name: string; domain: string; path: string; evidence: string }
  | { kind: 'deletion'; name: string; domain: string; path: string; cause: string }
  | {
      kind: 'login';
      url: string;
      /** yes: every session cookie got a new value; no: one kept its value; unknown: no session cookie seen. */
      rotated: 'yes' | 'no' | 'unknown';
      sessionNames: string[];
      unchangedSessionNames: string[];
    }
  | { kind: 'redirect-check'; check: RedirectCheck }
);

/** Page → background on the live port. */
export type LiveRequest =
  /** Entries after `afterSeq` (0: all), then every new one as it is stored. */
  | {
      type: 'subscribe';
      tabId: number;
      afterSeq: number;
      /** false: only "changed" nudges (the side panel), no entries. */
      entries?: boolean;
    }
  | { type: 'unsubscribe'; tabId: number };

/** Background → page on the live port. */
export type LiveMessage =
  | {
      type: 'timeline';
      tabId: number;
      entries: TimelineEntry[];
      /** Entries dropped so far (oldest first) to stay within the bound. */
      dropped: number;
      /** The timeline the page holds is gone (the browser was restarted): start afresh. */
      reset?: boolean;
    }
  /** The tab's audit changed: fetch its view again. */
  | { type: 'changed'; tabId: number };

export function isLiveRequest(value: unknown): value is LiveRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; tabId?: unknown; afterSeq?: unknown };
  if (!Number.isInteger(v.tabId)) return false;
  if (v.type === 'unsubscribe') return true;
  return v.type === 'subscribe' && typeof v.afterSeq === 'number' && v.afterSeq >= 0;
}
