/**
 * One small interface over the two browser automations (playwright-core for Chromium,
 * puppeteer-core over WebDriver BiDi for Firefox), so the CLI and `npm start` audit the same way
 * in either browser.
 */

import type { BrowserCookieVerdict } from '../core/index.ts';
import type { RequestOf, RequestType, ResponseMap } from '../messages.ts';
import { EXTENSION_PAGES } from '../pages.ts';
import { ask, launchChromium, openTrackedPage } from './chromium.ts';
import { collectChromiumVerdicts } from './chromium-verdicts.ts';
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
  close(): Promise<void>;
}

export interface DriverOptions {
  insecure?: boolean;
  /** Chromium without its sandbox even when not running as root (--no-sandbox). */
  noSandbox?: boolean;
  /** Host names the browser must resolve to 127.0.0.1 (the demo site). */
  loopbackHosts?: string[];
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

function navigationError(url: string, error: unknown): NavigationError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new NavigationError(`Could not open ${url}: ${reason.replace(/^page\.goto: /, '')}`);
}

/** What visit and login need from a page, whichever automation drives it. */
interface WorkPage {
  /** Navigates; the response's status, or null when the browser did not say. */
  goto(url: string): Promise<number | null>;
  /** Waits briefly for the network to go quiet (never throws). */
  settle(): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  /** Clicks the submit button, or presses Enter in the password field, and waits for the next page. */
  submit(withButton: boolean): Promise<number | null>;
  evaluate(script: string): Promise<unknown>;
  url(): string;
}

async function visitWith(
  page: WorkPage,
  url: string,
  tabId: number,
): Promise<{ finalUrl: string; tabId: number }> {
  try {
    await page.goto(url);
  } catch (error) {
    throw navigationError(url, error);
  }
  await page.settle();
  return { finalUrl: page.url(), tabId };
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

const NAVIGATION_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 5_000;

async function chromiumDriver(options: DriverOptions): Promise<AuditDriver> {
  const hostResolverRules = options.loopbackHosts?.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  const browser = await launchChromium({
    insecure: options.insecure,
    hostResolverRules,
    ...(options.noSandbox ? { noSandbox: true } : {}),
  });
  const ext = await browser.extensionPage(EXTENSION_PAGES.popup);
  const { page, tabId: workTab } = await openTrackedPage(browser.context, ext);
  const collector = await collectChromiumVerdicts(await browser.context.newCDPSession(page));
  const work: WorkPage = {
    goto: async (url) =>
      (await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }))?.status() ?? null,
    settle: () => page.waitForLoadState('networkidle', { timeout: SETTLE_TIMEOUT_MS }).catch(() => undefined),
    fill: (selector, text) => page.fill(selector, text),
    submit: async (withButton) => {
      const [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }),
        withButton ? page.click(LOGIN_FIELD('submit')) : page.press(LOGIN_FIELD('password'), 'Enter'),
      ]);
      return response?.status() ?? null;
    },
    evaluate: (script) => page.evaluate(script),
    url: () => page.url(),
  };
  return {
    kind: 'chromium',
    visit: (url) => visitWith(work, url, workTab),
    login: (url, user, password) => loginWith(work, url, user, password, workTab),
    ask: (request) => ask(ext, request),
    async screenshotPopup(tabId, file, colorScheme = 'light') {
      const popup = await browser.context.newPage();
      await popup.emulateMedia({ colorScheme });
      await popup.setViewportSize({ width: 420, height: 760 });
      await popup.goto(`chrome-extension://${browser.extensionId}/${EXTENSION_PAGES.popup}?tabId=${tabId}`);
      await popup.waitForTimeout(400);
      await popup.screenshot({ path: file, fullPage: true });
      await popup.close();
    },
    browserVerdicts: () => collector.verdicts(),
    close: () => browser.close(),
  };
}

async function firefoxDriver(options: DriverOptions): Promise<AuditDriver> {
  const firefox = await launchFirefox({ insecure: options.insecure, localDomains: options.loopbackHosts });
  const ext = await firefox.extensionPage(EXTENSION_PAGES.popup);
  const { page, tabId: workTab } = await openTrackedFirefoxPage(firefox.browser, ext);
  const work: WorkPage = {
    goto: async (url) =>
      (await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }))?.status() ?? null,
    settle: () =>
      page.waitForNetworkIdle({ idleTime: 300, timeout: SETTLE_TIMEOUT_MS }).catch(() => undefined),
    fill: (selector, text) => page.locator(selector).fill(text),
    submit: async (withButton) => {
      const [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }),
        withButton ? page.click(LOGIN_FIELD('submit')) : page.keyboard.press('Enter'),
      ]);
      return response?.status() ?? null;
    },
    evaluate: (script) => page.evaluate(script),
    url: () => page.url(),
  };
  return {
    kind: 'firefox',
    visit: (url) => visitWith(work, url, workTab),
    login: (url, user, password) => loginWith(work, url, user, password, workTab),
    ask: (request) => askFirefox(ext, request),
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
