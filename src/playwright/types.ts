/**
 * The slice of Playwright's cross-browser API the helper uses, declared structurally so that any
 * Playwright 1.56+ (`playwright`, `@playwright/test`, `playwright-core`) can be passed in without a
 * version-locked type import.
 */

export interface PlaywrightHeader {
  name: string;
  value: string;
}

export interface PlaywrightFrame {
  parentFrame(): PlaywrightFrame | null;
  page(): PlaywrightPage;
}

export interface PlaywrightRequest {
  url(): string;
  method(): string;
  resourceType(): string;
  isNavigationRequest(): boolean;
  frame(): PlaywrightFrame;
  redirectedFrom(): PlaywrightRequest | null;
  postData(): string | null;
  headersArray(): Promise<PlaywrightHeader[]>;
  response(): Promise<PlaywrightResponse | null>;
}

export interface PlaywrightResponse {
  url(): string;
  status(): number;
  request(): PlaywrightRequest;
  headersArray(): Promise<PlaywrightHeader[]>;
}

/** A cookie as BrowserContext.cookies() returns it. */
export interface PlaywrightCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Seconds since epoch; -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
  partitionKey?: string;
}

export interface PlaywrightBindingSource {
  frame: PlaywrightFrame;
}

interface EventTarget {
  on(event: 'response', listener: (response: PlaywrightResponse) => unknown): unknown;
  addInitScript(script: string): Promise<unknown>;
  exposeBinding(
    name: string,
    callback: (source: PlaywrightBindingSource, ...args: string[]) => unknown,
  ): Promise<unknown>;
}

export interface PlaywrightPage extends EventTarget {
  url(): string;
  mainFrame(): PlaywrightFrame;
  context(): PlaywrightContext;
  isClosed(): boolean;
  /** Playwright 1.56+: up to the last 100 requests of the page. */
  requests?(): Promise<PlaywrightRequest[]>;
}

export interface PlaywrightContext extends EventTarget {
  pages(): PlaywrightPage[];
  cookies(urls?: string | string[]): Promise<PlaywrightCookie[]>;
}
