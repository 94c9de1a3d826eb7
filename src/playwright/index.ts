/**
 * `cookie-audit/playwright`: audits what a Playwright Page or BrowserContext has seen — the
 * Set-Cookie lines of its responses, its cookie jar, its navigations and redirects, the cookies its
 * plain-HTTP requests carried and its login posts — with the extension's own recorder and the same
 * engine, settings and report as the CLI. No extension and no browser-specific API: only
 * Playwright's cross-browser Page/BrowserContext/Request/Response methods. See docs/api.md.
 */
import { Recorder } from '../background/recorder.ts';
import { emptyState, toSiteObservations } from '../background/state.ts';
import {
  buildReport,
  type CookieAuditReport,
  type JarCookie,
  keyedHash,
  observeSetCookie,
  type ReportWithWarnings,
  type SameSiteValue,
  SEVERITIES,
  type Severity,
  type SiteAudit,
  withWarnings,
} from '../core/index.ts';
import { auditObservations, resolveSettings } from '../library/audit.ts';
import { VERSION } from '../library/version.ts';
import { type Captured, captureRequest, captureResponse, replayInto } from './capture.ts';
import type { PlaywrightContext, PlaywrightCookie, PlaywrightPage } from './types.ts';

export type * from './types.ts';

/** Page or BrowserContext. */
export type PlaywrightTarget = PlaywrightPage | PlaywrightContext;

export interface AuditPageOptions {
  /** `cookie-audit-settings/1`, the JSON of `--config` and the options page (validated). */
  settings?: unknown;
  /** Origins to report (`https://host[:port]`); default: every top-level page origin seen. */
  origins?: string[];
}

interface Watch {
  events: Captured[];
  /** Attribute parts of `document.cookie` writes (never the value), per cookie name. */
  scriptWrites: Map<string, string>;
}

const watches = new WeakMap<object, Watch>();
const BINDING = '__cookieAuditCookieWrite';

/**
 * Wraps the `document.cookie` setter in every page: hands Node the cookie's name and attributes, the
 * value cut off before it leaves the page. Playwright reports a jar cookie without SameSite as Lax,
 * so this is how a cookie set from JavaScript is told apart from one that asked for Lax.
 */
const COOKIE_WRITE_HOOK = `(() => {
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (!desc || !desc.set || !desc.get || typeof globalThis.${BINDING} !== 'function') return;
  const report = globalThis.${BINDING};
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: desc.enumerable,
    get() { return desc.get.call(this); },
    set(text) {
      try {
        const line = String(text);
        const semi = line.indexOf(';');
        const eq = line.indexOf('=');
        const name = eq >= 0 && (semi < 0 || eq < semi) ? line.slice(0, eq).trim() : '';
        report(name, semi >= 0 ? line.slice(semi) : '');
      } catch {}
      desc.set.call(this, text);
    },
  });
})()`;

function isPage(target: PlaywrightTarget): target is PlaywrightPage {
  return typeof (target as PlaywrightPage).mainFrame === 'function';
}

function contextOf(target: PlaywrightTarget): PlaywrightContext {
  return isPage(target) ? target.context() : target;
}

/**
 * Starts recording every response of a Page or BrowserContext, and the attributes of cookies set
 * from JavaScript. Call it before the first navigation: auditPage then sees everything since. Without
 * it, auditPage falls back to Playwright's `page.requests()` (the last 100 requests of each page).
 */
export async function watchCookies(target: PlaywrightTarget): Promise<void> {
  if (watches.has(target)) return;
  const watch: Watch = { events: [], scriptWrites: new Map() };
  watches.set(target, watch);
  target.on('response', (response) => {
    const captured = captureResponse(response);
    if (captured) watch.events.push(captured);
  });
  await target.exposeBinding(BINDING, (_source, name, attributes) => {
    if (typeof name === 'string' && typeof attributes === 'string' && watch.scriptWrites.size < 10_000) {
      watch.scriptWrites.set(name, attributes);
    }
  });
  await target.addInitScript(COOKIE_WRITE_HOOK);
}

function watchFor(target: PlaywrightTarget): Watch | undefined {
  return watches.get(target) ?? (isPage(target) ? watches.get(target.context()) : undefined);
}

const PAGE_REQUESTS_LIMIT = 100;

async function historyOf(target: PlaywrightTarget, warnings: string[]): Promise<Captured[]> {
  const pages = isPage(target) ? [target] : target.pages();
  const events: Captured[] = [];
  for (const page of pages) {
    if (typeof page.requests !== 'function') {
      throw new Error(
        'cookie-audit/playwright: this Playwright has no page.requests() (added in 1.56): call watchCookies(page) before navigating',
      );
    }
    const requests = await page.requests();
    if (requests.length >= PAGE_REQUESTS_LIMIT) {
      warnings.push(
        `Only the last ${requests.length} requests of ${page.url()} were visible to Playwright: call watchCookies() before the first navigation to audit everything the page saw.`,
      );
    }
    for (const request of requests) {
      const captured = await captureRequest(request);
      if (captured) events.push(captured);
    }
  }
  return events;
}

const SAME_SITE_TO_JAR: Record<SameSiteValue, string> = {
  strict: 'strict',
  lax: 'lax',
  none: 'no_restriction',
  unspecified: 'unspecified',
  invalid: 'unspecified',
};

/**
 * Playwright's jar record, shaped like WebExtensions' cookies.Cookie. Playwright reports an unset
 * SameSite as Lax (Chromium) or as Lax or None (Firefox), so the SameSite a Set-Cookie line or a
 * `document.cookie` write of this cookie asked for is taken when there is one.
 */
function toJarCookie(c: PlaywrightCookie, askedSameSite: SameSiteValue | undefined): JarCookie {
  const jar: JarCookie = {
    name: c.name,
    value: c.value,
    domain: c.domain,
    hostOnly: !c.domain.startsWith('.'),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite:
      askedSameSite !== undefined
        ? SAME_SITE_TO_JAR[askedSameSite]
        : c.sameSite === 'None'
          ? 'no_restriction'
          : c.sameSite.toLowerCase(),
    session: !(c.expires > 0),
  };
  if (c.expires > 0) jar.expirationDate = c.expires;
  if (c.partitionKey) jar.partitionKey = { topLevelSite: c.partitionKey };
  return jar;
}

function sameSiteOfWrite(name: string, attributes: string, url: string): SameSiteValue {
  return observeSetCookie(`${name}=${attributes}`, { url, now: Date.now() }).sameSite;
}

/**
 * Audits what the page (or every page of the context) has seen, as the extension would have: one
 * site per top-level origin, graded with the same engine and settings as `cookie-audit`. The report
 * is `cookie-audit-report/1` (plus `warnings`); it never holds a cookie value. No request is made:
 * unlike the CLI, the HTTP→HTTPS redirect check only uses redirects the page itself followed.
 */
export async function auditPage(
  target: PlaywrightTarget,
  options: AuditPageOptions = {},
): Promise<ReportWithWarnings> {
  const settings = resolveSettings(options.settings);
  const warnings: string[] = [];
  const watch = watchFor(target);
  const events = watch ? [...watch.events] : await historyOf(target, warnings);

  let clock = Date.now();
  const hashKey = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  const recorder = new Recorder(
    emptyState(),
    (value) => keyedHash(value, hashKey),
    () => clock,
  );
  const documents = await replayInto(recorder, events, (at) => {
    clock = at;
  });
  clock = Date.now();

  // The jar, read as the extension reads it when a page has loaded: the cookies sent to its URL.
  const context = contextOf(target);
  const origins = options.origins ?? [...new Set(documents.map((d) => new URL(d.url).origin))];
  const assumedLax: string[] = [];
  let jarTab = -1_000;
  for (const origin of origins) {
    const site = recorder.state.sites[origin];
    if (!site) continue;
    const jar = await context.cookies([site.url]);
    const headerCookies = Object.values(site.cookies).filter((o) => o.source === 'header');
    const cookies = jar.map((c) => {
      const domain = c.domain.replace(/^\./, '').toLowerCase();
      const header = headerCookies
        .filter((o) => o.name === c.name && o.domain === domain && o.path === c.path)
        .sort((a, b) => a.observedAt - b.observedAt)
        .at(-1);
      const write = watch?.scriptWrites.get(c.name);
      const asked =
        header?.sameSite ?? (write !== undefined ? sameSiteOfWrite(c.name, write, site.url) : undefined);
      if (asked === undefined && c.sameSite !== 'Strict') assumedLax.push(c.name);
      return toJarCookie(c, asked);
    });
    // A tab of its own per origin: recordJar files the jar under the tab's site.
    jarTab--;
    recorder.startDocument(jarTab, site.url);
    recorder.recordJar(jarTab, cookies, true);
  }
  if (assumedLax.length > 0) {
    warnings.push(
      `Playwright reports a cookie without SameSite as Lax (or None); no Set-Cookie line or watched document.cookie write told which for: ${[...new Set(assumedLax)].join(', ')}. Call watchCookies() before navigating to know.`,
    );
  }

  const audits: SiteAudit[] = [];
  for (const origin of origins) {
    const site = recorder.state.sites[origin];
    if (site) audits.push(auditObservations(toSiteObservations(site), { settings, now: clock }));
  }
  const report = buildReport(audits, { version: VERSION, createdAt: new Date().toISOString() });
  return withWarnings(report, warnings);
}

export interface AssertOptions {
  /** Fail on findings of this severity or worse (default: high). */
  atOrAbove?: Severity;
}

/** Thrown by assertNoFindings; `message` lists every finding, `findings` holds them as data. */
export class CookieFindingsError extends Error {
  constructor(
    message: string,
    readonly findings: { origin: string; cookie: string | null; rule: string; severity: Severity }[],
  ) {
    super(message);
    this.name = 'CookieFindingsError';
  }
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/**
 * Throws a CookieFindingsError listing every finding at or above the severity (site findings and
 * first-party cookies, like `--fail-on`: third-party cookies are not graded).
 */
export function assertNoFindings(report: CookieAuditReport, options: AssertOptions = {}): void {
  const threshold = options.atOrAbove ?? 'high';
  if (!SEVERITIES.includes(threshold)) throw new RangeError(`Unknown severity "${threshold}"`);
  const found: CookieFindingsError['findings'] = [];
  const lines: string[] = [];
  for (const site of report.sites) {
    const siteLines: string[] = [];
    const add = (cookie: string | null, f: { rule: string; severity: Severity; message: string }) => {
      if (RANK[f.severity] < RANK[threshold]) return;
      found.push({ origin: site.origin, cookie, rule: f.rule, severity: f.severity });
      siteLines.push(`  - [${f.severity}] ${cookie === null ? '(site)' : cookie}: ${f.rule} — ${f.message}`);
    };
    for (const f of site.findings) add(null, f);
    for (const c of site.cookies) if (!c.thirdParty) for (const f of c.findings) add(c.name, f);
    if (siteLines.length > 0) lines.push(`${site.origin} (grade ${site.grade})`, ...siteLines);
  }
  if (found.length === 0) return;
  throw new CookieFindingsError(
    `Cookie Audit: ${found.length} finding(s) at or above ${threshold}:\n${lines.join('\n')}`,
    found,
  );
}
