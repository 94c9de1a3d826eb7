/**
 * One small interface over the two browser automations (playwright-core for Chromium,
 * puppeteer-core over WebDriver BiDi for Firefox), so the CLI and `npm start` audit the same way
 * in either browser.
 */

import type { Page } from 'playwright-core';
import type { Page as FirefoxPage, KeyInput } from 'puppeteer-core';
import type { BrowserCookieVerdict } from '../core/index.ts';
import type { RequestOf, RequestType, ResponseMap } from '../messages.ts';
import { EXTENSION_PAGES } from '../pages.ts';
import { ask, launchChromium, openIdentifiedPage } from './chromium.ts';
import { collectChromiumVerdicts, type VerdictCollector } from './chromium-verdicts.ts';
import { UsageError } from './errors.ts';
import { askFirefox, launchFirefox, openTrackedFirefoxPage } from './firefox.ts';

export type BrowserKind = 'chromium' | 'firefox';

export class NavigationError extends UsageError {}

/** The login step failed (no form, wrong credentials, error page). Never carries the password. */
export class LoginError extends UsageError {}

export interface LoginResult {
  /** Where the browser ended after submitting the form. */
  finalUrl: string;
  tabId: number;
  /** HTTP status of the page after the submission (null when the browser did not say). */
  status: number | null;
}

export interface AuditDriver {
  readonly kind: BrowserKind;
  /** Why the browser runs without its sandbox (Chromium as root, --no-sandbox); null: sandboxed. */
  readonly sandboxOff?: string | null;
  /** Navigates the work tab to url and waits for the page to settle. */
  visit(url: string): Promise<{ finalUrl: string; tabId: number }>;
  /** Sends a typed request to the background from an extension page, as the popup does. */
  ask<T extends RequestType>(request: RequestOf<T>): Promise<ResponseMap[T]>;
  /**
   * Opens url, fills the form that has a password field (user name: the text or e-mail input
   * before it), submits it and waits for the result. Throws LoginError when there is no such form
   * or the site still shows a password field or answers 4xx/5xx. The background watches the form
   * post, which feeds the session-rotation check.
   */
  login(url: string, user: string, password: string): Promise<LoginResult>;
  /**
   * Chromium only: what the browser itself said about every Set-Cookie line on the work page so far
   * (CDP blockedCookies / exemptedCookies, Audits cookie issues).
   */
  browserVerdicts?(): BrowserCookieVerdict[];
  /** Saves a PNG of the popup for a tab. */
  screenshotPopup(tabId: number, file: string, colorScheme?: 'light' | 'dark'): Promise<void>;
  /** Opens another tab in the same profile (parallel audits); each has its own tab id. */
  newTab(): Promise<WorkTab>;
  /** The work tab, as login scripts drive it. */
  readonly scriptPage: ScriptPage;
  /** Extra headers and HTTP credentials for the audited origins, in every tab from now on. */
  setAccess(access: PageAccess): Promise<void>;
  /** Waits until the work tab's requests have settled (after a login script). */
  settle(): Promise<void>;
  /** Adds cookies to the profile (a saved storage state). */
  addCookies(cookies: StoredCookie[]): Promise<void>;
  close(): Promise<void>;
}

/** What the audited origins, and only they, receive with every request. */
export interface PageAccess {
  /** scheme://host[:port] of each audited origin. */
  origins: string[];
  headers: Record<string, string>;
  credentials?: { username: string; password: string };
}

/** A cookie of a Playwright storage-state file. */
export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Seconds since epoch; -1 or absent: a session cookie. */
  expires?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

/** One tab that audits pages one after another. */
export interface WorkTab {
  readonly tabId: number;
  /** Opens url and waits until the page and its requests have settled, at most timeoutMs in all. */
  visit(
    url: string,
    timeoutMs?: number,
  ): Promise<{ finalUrl: string; status: number | null; navigatedMs: number }>;
  /** Same-origin links of the page (anchors and image-map areas), absolute, without fragment. */
  links(origins: readonly string[], cap: number): Promise<string[]>;
  evaluate(script: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The page a login script drives: the same few calls in Chromium and Firefox. Selectors are CSS.
 * Every wait gives up after its timeout (default 30 s) with an error naming what it waited for.
 */
export interface ScriptPage {
  goto(url: string): Promise<{ status: number | null }>;
  fill(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  press(selector: string, key: string): Promise<void>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<void>;
  /** Waits until the page's URL matches: a string (prefix), a RegExp or a predicate. */
  waitForURL(
    match: string | RegExp | ((url: string) => boolean),
    options?: { timeout?: number },
  ): Promise<void>;
  /** The text content of the first element matching selector ('' when none). */
  textContent(selector: string): Promise<string>;
  url(): string;
}

export interface DriverOptions {
  insecure?: boolean;
  /** Chromium without its sandbox even when not running as root (--no-sandbox). */
  noSandbox?: boolean;
  /** Host names the browser must resolve to 127.0.0.1 (the demo site). */
  loopbackHosts?: string[];
  /** --quiet: the browser prints no notes (only errors); what they said is kept in `sandboxOff`. */
  quiet?: boolean;
}

/**
 * Page scripts, kept as source text: tsx (esbuild) decorates compiled functions with helpers that
 * do not exist in the page, so functions cannot be handed to evaluate() as they are.
 */
const VISIBLE_JS = `(el) => {
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
}`;

/** Marks the login form's fields: the password, the text/e-mail input before it, the submit button. */
const MARK_LOGIN_FORM_JS = `(() => {
  const ATTR = 'data-cookie-audit-login';
  const visible = ${VISIBLE_JS};
  for (const el of document.querySelectorAll('[' + ATTR + ']')) el.removeAttribute(ATTR);
  const password = [...document.querySelectorAll('input[type="password"]')].find(
    (el) => visible(el) && !el.disabled,
  );
  if (!password) return { found: false, user: false, submit: false };
  password.setAttribute(ATTR, 'password');
  const scope = password.form ? [...password.form.elements] : [...document.querySelectorAll('input, button')];
  const before = scope.filter(
    (el) =>
      el instanceof HTMLInputElement &&
      ['text', 'email', 'tel'].includes(el.type) &&
      !el.disabled &&
      visible(el) &&
      (el.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
  const user = before.at(-1);
  if (user) user.setAttribute(ATTR, 'user');
  const submit = scope.find(
    (el) =>
      (el instanceof HTMLButtonElement && (el.type === 'submit' || !el.getAttribute('type'))) ||
      (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image')),
  );
  if (submit) submit.setAttribute(ATTR, 'submit');
  return { found: true, user: !!user, submit: !!submit };
})()`;

/** Whether the page still shows a visible password field. */
const STILL_ASKS_FOR_PASSWORD_JS = `(() => {
  const visible = ${VISIBLE_JS};
  return [...document.querySelectorAll('input[type="password"]')].some(visible);
})()`;

interface LoginForm {
  found: boolean;
  user: boolean;
  submit: boolean;
}

const LOGIN_FIELD = (name: 'user' | 'password' | 'submit') => `[data-cookie-audit-login="${name}"]`;

function checkLoginForm(url: string, form: { found: boolean; user: boolean }, user: string): void {
  if (!form.found) throw new LoginError(`No login form at ${url}: the page has no password field`);
  if (user !== '' && !form.user) {
    throw new LoginError(`No user name field before the password field at ${url}`);
  }
}

function checkLoginOutcome(url: string, status: number | null, asksAgain: boolean): void {
  if (status !== null && status >= 400) {
    throw new LoginError(
      `Login failed at ${url}: the site answered HTTP ${status}${asksAgain ? ' and still asks for a password' : ''} (wrong user name or password?)`,
    );
  }
  if (asksAgain) {
    throw new LoginError(
      `Login failed at ${url}: the page still asks for a password after submitting (wrong user name or password?)`,
    );
  }
}

/** What the browser's network error codes mean for the person running the audit. */
const NETWORK_HINTS: readonly [RegExp, string][] = [
  [
    /ERR_CERT_|SEC_ERROR_|MOZILLA_PKIX_ERROR|SSL_ERROR_|ERR_SSL_/,
    'the TLS certificate is not trusted (a self-signed staging host? add --insecure)',
  ],
  [
    /ERR_INVALID_AUTH_CREDENTIALS|NS_ERROR_.*AUTH/,
    'the site asks for HTTP authentication (give --http-credentials USER --password-env VAR)',
  ],
  [/ERR_TOO_MANY_REDIRECTS|NS_ERROR_REDIRECT_LOOP/, 'redirect loop'],
  [/ERR_CONNECTION_REFUSED|NS_ERROR_CONNECTION_REFUSED/, 'connection refused (is the host up?)'],
  [/ERR_UNSAFE_PORT|deniedPortAccess/, 'the browser refuses this port'],
  [
    /ERR_NAME_NOT_RESOLVED|NS_ERROR_UNKNOWN_HOST/,
    'host name not found (a staging host on this machine? add --loopback-host NAME)',
  ],
  [/ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT|NS_ERROR_NET_TIMEOUT/, 'the connection timed out'],
];

function navigationError(url: string, error: unknown): NavigationError {
  const reason = (error instanceof Error ? error.message.split('\n')[0] : String(error))
    .replace(/^(page\.goto|Navigation|Error): /, '')
    .replace(/ at https?:\/\/\S+$/, '')
    // Firefox appends the remote agent's own stack frame: not for the person running the audit.
    .replace(/\s*\S*@chrome:\/\/\S*/g, '')
    .replace(/^Protocol error \([\w.]+\): /, '');
  const hint = NETWORK_HINTS.find(([re]) => re.test(reason))?.[1];
  const timeout = /Timeout \d+ms exceeded|Navigation timeout of \d+ ms exceeded/.test(reason);
  return new NavigationError(
    `Could not open ${url}: ${hint ? `${hint} (${reason.match(/[A-Z_]{6,}/)?.[0] ?? reason})` : timeout ? 'no answer within the time limit (--timeout)' : reason}`,
  );
}

/** What visit and login need from a page, whichever automation drives it. */
interface WorkPage {
  /** Navigates; the response's status, or null when the browser did not say. */
  goto(url: string, timeoutMs?: number): Promise<number | null>;
  /** Waits until no request of the page is in flight for a moment, at most timeoutMs (never throws). */
  settle(timeoutMs?: number): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  press(selector: string, key: string): Promise<void>;
  waitForSelector(selector: string, timeoutMs: number): Promise<void>;
  /** Clicks the submit button, or presses Enter in the password field, and waits for the next page. */
  submit(withButton: boolean): Promise<number | null>;
  evaluate(script: string): Promise<unknown>;
  url(): string;
  close(): Promise<void>;
}

async function visitWith(
  page: WorkPage,
  url: string,
  timeoutMs = NAVIGATION_TIMEOUT_MS,
): Promise<{ finalUrl: string; status: number | null; navigatedMs: number }> {
  const started = Date.now();
  let status: number | null;
  try {
    status = await page.goto(url, timeoutMs);
  } catch (error) {
    throw navigationError(url, error);
  }
  const navigatedMs = Date.now() - started;
  await page.settle(Math.min(SETTLE_TIMEOUT_MS, Math.max(0, timeoutMs - navigatedMs)));
  return { finalUrl: page.url(), status, navigatedMs };
}

async function loginWith(
  page: WorkPage,
  url: string,
  user: string,
  password: string,
  tabId: number,
): Promise<LoginResult> {
  let opened: number | null;
  try {
    opened = await page.goto(url);
  } catch (error) {
    throw navigationError(url, error);
  }
  if (opened !== null && opened >= 400) {
    throw new LoginError(`Could not open the login page ${url}: HTTP ${opened}`);
  }
  const form = (await page.evaluate(MARK_LOGIN_FORM_JS)) as LoginForm;
  checkLoginForm(url, form, user);
  if (form.user) await page.fill(LOGIN_FIELD('user'), user);
  await page.fill(LOGIN_FIELD('password'), password);
  let status: number | null;
  try {
    status = await page.submit(form.submit);
  } catch {
    throw new LoginError(`Login at ${url}: submitting the form led to no new page within 30 s`);
  }
  await page.settle();
  checkLoginOutcome(url, status, (await page.evaluate(STILL_ASKS_FOR_PASSWORD_JS)) as boolean);
  return { finalUrl: page.url(), tabId, status };
}

/** Same-origin links of the page, deduplicated in the page and capped (a page may hold 100,000). */
const LINKS_JS = (origins: readonly string[], cap: number) => `((origins, cap) => {
  const out = new Set();
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    let u;
    try { u = new URL(a.getAttribute('href'), document.baseURI); } catch { continue; }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    if (!origins.includes(u.origin)) continue;
    u.hash = '';
    out.add(u.href);
    if (out.size >= cap) break;
  }
  return [...out];
})(${JSON.stringify(origins)}, ${JSON.stringify(cap)})`;

function workTab(page: WorkPage, tabId: number): WorkTab {
  return {
    tabId,
    visit: (url, timeoutMs) => visitWith(page, url, timeoutMs),
    links: async (origins, cap) => {
      const links = await page.evaluate(LINKS_JS(origins, cap)).catch(() => []);
      return Array.isArray(links) ? links.filter((l): l is string => typeof l === 'string') : [];
    },
    evaluate: (script) => page.evaluate(script),
    close: () => page.close(),
  };
}

function timeoutError(what: string, ms: number): Error {
  return new Error(`${what}: still waiting after ${Math.round(ms / 1000)} s`);
}

/** The login-script page over a work page: waits are polls, so both automations behave alike. */
function scriptPageOf(page: WorkPage): ScriptPage {
  const poll = async (what: string, timeout: number, test: () => Promise<boolean> | boolean) => {
    const deadline = Date.now() + timeout;
    while (!(await test())) {
      if (Date.now() > deadline) throw timeoutError(what, timeout);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    goto: async (url) => {
      try {
        return { status: await page.goto(url) };
      } catch (error) {
        throw navigationError(url, error);
      }
    },
    fill: (selector, text) => page.fill(selector, text),
    click: (selector) => page.click(selector),
    press: (selector, key) => page.press(selector, key),
    waitForSelector: async (selector, options) => {
      const timeout = options?.timeout ?? NAVIGATION_TIMEOUT_MS;
      await page.waitForSelector(selector, timeout).catch(() => {
        throw timeoutError(`waitForSelector(${selector})`, timeout);
      });
    },
    waitForURL: (match, options) =>
      poll(`waitForURL(${String(match)})`, options?.timeout ?? NAVIGATION_TIMEOUT_MS, () => {
        const url = page.url();
        return typeof match === 'string'
          ? url.startsWith(match)
          : match instanceof RegExp
            ? match.test(url)
            : match(url);
      }),
    textContent: async (selector) =>
      String(
        (await page.evaluate(`(document.querySelector(${JSON.stringify(selector)})?.textContent ?? '')`)) ??
          '',
      ),
    url: () => page.url(),
  };
}

const NAVIGATION_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 5_000;
/** Quiet time that counts as settled: long enough for a script's follow-up fetch to start. */
const IDLE_MS = 80;

/**
 * Counts a page's requests in flight and resolves when none has been for IDLE_MS. `subscribe`
 * wires the page's request events (started; finished or failed) to it.
 */
function inflightTracker(subscribe: (started: () => void, ended: () => void) => void) {
  let inflight = 0;
  let lastChange = Date.now();
  subscribe(
    () => {
      inflight++;
      lastChange = Date.now();
    },
    () => {
      inflight = Math.max(0, inflight - 1);
      lastChange = Date.now();
    },
  );
  return {
    reset() {
      inflight = 0;
      lastChange = Date.now();
    },
    async settle(timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (inflight === 0 && Date.now() - lastChange >= IDLE_MS) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** What both drivers keep: their work pages, and the access to give them (set once, before the audit). */
function sharedDriverState<P extends object>() {
  let access: PageAccess | null = null;
  const given = new WeakSet<P>();
  return {
    pages: [] as P[],
    setAccess(next: PageAccess) {
      access = next;
    },
    /** The access in force now (null: none given). */
    current(): PageAccess | null {
      return access;
    },
    /** The access for a page not yet given it; null when there is nothing to give. */
    accessFor(page: P): PageAccess | null {
      if (!access || (Object.keys(access.headers).length === 0 && !access.credentials)) return null;
      if (given.has(page)) throw new Error('Access is set once, before the audit');
      given.add(page);
      return access;
    },
  };
}

/** The parts of a driver that only need its work pages: the same in Chromium and Firefox. */
async function commonDriverParts<P extends { isClosed(): boolean } & object>(
  shared: ReturnType<typeof sharedDriverState<P>>,
  openWorkPage: () => Promise<{ work: WorkPage; tabId: number }>,
  applyAccess: (page: P) => Promise<void>,
  /** The automation can open several tabs at once and still tell their ids apart. */
  parallelTabs = false,
): Promise<Pick<AuditDriver, 'visit' | 'login' | 'scriptPage' | 'settle' | 'newTab' | 'setAccess'>> {
  const main = await openWorkPage();
  // One new tab at a time: a tab's id is found as the one tab that was not there before.
  let opening: Promise<unknown> = Promise.resolve();
  return {
    visit: async (url) => ({ ...(await visitWith(main.work, url)), tabId: main.tabId }),
    login: (url, user, password) => loginWith(main.work, url, user, password, main.tabId),
    scriptPage: scriptPageOf(main.work),
    settle: () => main.work.settle(),
    newTab() {
      if (parallelTabs) return openWorkPage().then(({ work, tabId }) => workTab(work, tabId));
      const next = opening.then(openWorkPage).then(({ work, tabId }) => workTab(work, tabId));
      opening = next.catch(() => undefined);
      return next;
    },
    async setAccess(next) {
      shared.setAccess(next);
      for (const page of shared.pages) if (!page.isClosed()) await applyAccess(page);
    },
  };
}

async function chromiumDriver(options: DriverOptions): Promise<AuditDriver> {
  const hostResolverRules = options.loopbackHosts?.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  const browser = await launchChromium({
    insecure: options.insecure,
    hostResolverRules,
    ...(options.noSandbox ? { noSandbox: true } : {}),
    ...(options.quiet ? { quiet: true } : {}),
  });
  const ext = await browser.extensionPage(EXTENSION_PAGES.popup);
  const shared = sharedDriverState<Page>();
  const collectors: VerdictCollector[] = [];

  /**
   * Headers and credentials go through the page's own CDP Fetch interception, decided per request
   * and per redirect hop: Playwright's route headers would follow a redirect to another site.
   */
  const applyAccess = async (page: Page) => {
    const current = shared.accessFor(page);
    if (!current) return;
    const allowed = new Set(current.origins);
    const cdp = await browser.context.newCDPSession(page);
    const answered = new Set<string>();
    cdp.on(
      'Fetch.requestPaused',
      (event: { requestId: string; request: { url: string; headers: Record<string, string> } }) => {
        const origin = originOf(event.request.url);
        const extra = origin && allowed.has(origin) ? current.headers : null;
        const headers = extra
          ? Object.entries({ ...event.request.headers, ...extra }).map(([name, value]) => ({ name, value }))
          : undefined;
        cdp
          .send('Fetch.continueRequest', { requestId: event.requestId, ...(headers ? { headers } : {}) })
          .catch(() => undefined);
      },
    );
    cdp.on(
      'Fetch.authRequired',
      (event: { requestId: string; request: { url: string }; authChallenge: { source?: string } }) => {
        const origin = originOf(event.request.url);
        const give =
          current.credentials &&
          event.authChallenge.source !== 'Proxy' &&
          origin !== null &&
          allowed.has(origin) &&
          !answered.has(event.requestId);
        answered.add(event.requestId);
        cdp
          .send('Fetch.continueWithAuth', {
            requestId: event.requestId,
            authChallengeResponse: give
              ? {
                  response: 'ProvideCredentials',
                  username: current.credentials!.username,
                  password: current.credentials!.password,
                }
              : { response: 'CancelAuth' },
          })
          .catch(() => undefined);
      },
    );
    await cdp.send('Fetch.enable', {
      patterns: [{ urlPattern: '*', requestStage: 'Request' }],
      handleAuthRequests: !!current.credentials,
    });
  };

  const openWorkPage = async (): Promise<{ work: WorkPage; tabId: number }> => {
    const { page, tabId } = await openIdentifiedPage(browser.context, browser.extensionId!);
    shared.pages.push(page);
    // Chromium's own verdicts on the Set-Cookie lines of every work tab, kept after it closes.
    collectors.push(await collectChromiumVerdicts(await browser.context.newCDPSession(page)));
    await applyAccess(page);
    const tracker = inflightTracker((started, ended) => {
      page.on('request', started);
      page.on('requestfinished', ended);
      page.on('requestfailed', ended);
    });
    const work: WorkPage = {
      goto: async (url, timeoutMs = NAVIGATION_TIMEOUT_MS) => {
        tracker.reset();
        return (await page.goto(url, { waitUntil: 'load', timeout: timeoutMs }))?.status() ?? null;
      },
      settle: (timeoutMs = SETTLE_TIMEOUT_MS) => tracker.settle(timeoutMs),
      fill: (selector, text) => page.fill(selector, text),
      click: (selector) => page.click(selector),
      press: (selector, key) => page.press(selector, key),
      waitForSelector: async (selector, timeoutMs) => {
        await page.waitForSelector(selector, { timeout: timeoutMs });
      },
      submit: async (withButton) => {
        const [response] = await Promise.all([
          page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }),
          withButton ? page.click(LOGIN_FIELD('submit')) : page.press(LOGIN_FIELD('password'), 'Enter'),
        ]);
        return response?.status() ?? null;
      },
      evaluate: (script) => page.evaluate(script),
      url: () => page.url(),
      close: () => page.close(),
    };
    return { work, tabId };
  };

  return {
    kind: 'chromium',
    sandboxOff: browser.sandboxOff,
    ...(await commonDriverParts(shared, openWorkPage, applyAccess, true)),
    ask: (request) => ask(ext, request),
    async addCookies(cookies) {
      await browser.context.addCookies(
        cookies.map((c) => ({
          name: c.name,
          value: c.value,
          domain: c.domain,
          path: c.path,
          expires: c.expires ?? -1,
          httpOnly: !!c.httpOnly,
          secure: !!c.secure,
          ...(c.sameSite ? { sameSite: c.sameSite } : {}),
        })),
      );
    },
    async screenshotPopup(tabId, file, colorScheme = 'light') {
      const popup = await browser.context.newPage();
      await popup.emulateMedia({ colorScheme });
      await popup.setViewportSize({ width: 420, height: 760 });
      await popup.goto(`chrome-extension://${browser.extensionId}/${EXTENSION_PAGES.popup}?tabId=${tabId}`);
      await popup.waitForTimeout(400);
      await popup.screenshot({ path: file, fullPage: true });
      await popup.close();
    },
    browserVerdicts: () => collectors.flatMap((c) => c.verdicts()),
    close: () => browser.close(),
  };
}

/** The parts of puppeteer's WebDriver BiDi page that answering a challenge per origin needs. */
interface BidiPageInternals {
  _credentials: { username: string; password: string } | null;
  mainFrame(): {
    browsingContext?: {
      userContext?: {
        browser?: { session?: { on(event: string, listener: (e: AuthRequiredEvent) => void): void } };
      };
    };
  };
}

interface AuthRequiredEvent {
  request: { url: string };
  isBlocked: boolean;
}

/**
 * Every HTTP authentication challenge of the page is intercepted (page.authenticate: the BiDi
 * authRequired phase); puppeteer answers each blocked challenge once per request, with the page's
 * credentials or, when there are none, by cancelling. Puppeteer offers no per-request choice, so
 * a listener on the same BiDi event, registered before any request exists and therefore called
 * before puppeteer's own, sets the page's credentials for that one challenge: the audited origins
 * get the --http-credentials, any other origin (and every origin without them) a cancel, which
 * shows its 401 page instead of a prompt that headless Firefox would wait on forever.
 */
async function answerAuthChallenges(page: FirefoxPage, access: () => PageAccess | null): Promise<void> {
  const internals = page as unknown as BidiPageInternals;
  const session = internals.mainFrame().browsingContext?.userContext?.browser?.session;
  if (!session) {
    throw new UsageError(
      '--http-credentials in Firefox: this puppeteer-core has no WebDriver BiDi session to answer challenges with',
    );
  }
  session.on('network.authRequired', (event) => {
    const current = access();
    const origin = originOf(event.request.url);
    internals._credentials =
      current?.credentials && origin !== null && current.origins.includes(origin)
        ? current.credentials
        : null;
  });
  // Turns the interception on; what each challenge gets is set by the listener above.
  await page.authenticate({ username: '', password: '' });
}

async function firefoxDriver(options: DriverOptions): Promise<AuditDriver> {
  const firefox = await launchFirefox({ insecure: options.insecure, localDomains: options.loopbackHosts });
  const ext = await firefox.extensionPage(EXTENSION_PAGES.popup);
  const shared = sharedDriverState<FirefoxPage>();

  /**
   * Headers through request interception, decided per request and per redirect hop, only for the
   * audited origins. HTTP credentials (basic and digest alike) answer the server's challenge
   * through WebDriver BiDi's authRequired phase (network.continueWithAuth), never sent up front:
   * Firefox computes the digest response itself.
   */
  const applyAccess = async (page: FirefoxPage) => {
    const current = shared.accessFor(page);
    if (!current || Object.keys(current.headers).length === 0) return;
    const allowed = new Set(current.origins);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const origin = originOf(request.url());
      const headers =
        origin && allowed.has(origin) ? { ...request.headers(), ...current.headers } : undefined;
      request.continue(headers ? { headers } : undefined).catch(() => undefined);
    });
  };

  const openWorkPage = async (): Promise<{ work: WorkPage; tabId: number }> => {
    const { page, tabId } = await openTrackedFirefoxPage(firefox.browser, ext);
    shared.pages.push(page);
    await answerAuthChallenges(page, () => shared.current());
    await applyAccess(page);
    const tracker = inflightTracker((started, ended) => {
      page.on('request', started);
      page.on('requestfinished', ended);
      page.on('requestfailed', ended);
    });
    const work: WorkPage = {
      goto: async (url, timeoutMs = NAVIGATION_TIMEOUT_MS) => {
        tracker.reset();
        return (await page.goto(url, { waitUntil: 'load', timeout: timeoutMs }))?.status() ?? null;
      },
      settle: (timeoutMs = SETTLE_TIMEOUT_MS) => tracker.settle(timeoutMs),
      fill: (selector, text) => page.locator(selector).fill(text),
      click: (selector) => page.locator(selector).click(),
      press: async (selector, key) => {
        await page.locator(selector).click();
        await page.keyboard.press(key as KeyInput);
      },
      waitForSelector: async (selector, timeoutMs) => {
        await page.waitForSelector(selector, { timeout: timeoutMs });
      },
      submit: async (withButton) => {
        const [response] = await Promise.all([
          page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }),
          withButton ? page.click(LOGIN_FIELD('submit')) : page.keyboard.press('Enter'),
        ]);
        return response?.status() ?? null;
      },
      evaluate: (script) => page.evaluate(script),
      url: () => page.url(),
      close: () => page.close(),
    };
    return { work, tabId };
  };

  return {
    kind: 'firefox',
    ...(await commonDriverParts(shared, openWorkPage, applyAccess)),
    ask: (request) => askFirefox(ext, request),
    async addCookies(cookies) {
      await firefox.browser.setCookie(
        ...cookies.map((c) => ({
          name: c.name,
          value: c.value,
          domain: c.domain,
          path: c.path,
          ...(c.expires !== undefined && c.expires > 0 ? { expires: c.expires } : {}),
          httpOnly: !!c.httpOnly,
          secure: !!c.secure,
          ...(c.sameSite ? { sameSite: c.sameSite } : {}),
        })),
      );
    },
    async screenshotPopup(tabId, file) {
      const popup = await firefox.extensionPage(`${EXTENSION_PAGES.popup}?tabId=${tabId}`);
      await popup.setViewport({ width: 420, height: 760 });
      await new Promise((r) => setTimeout(r, 400));
      await popup.screenshot({ path: file as `${string}.png`, fullPage: true });
      await popup.close();
    },
    close: () => firefox.close(),
  };
}

export function openDriver(kind: BrowserKind, options: DriverOptions): Promise<AuditDriver> {
  return kind === 'firefox' ? firefoxDriver(options) : chromiumDriver(options);
}
