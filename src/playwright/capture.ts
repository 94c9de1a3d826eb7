/**
 * Playwright requests and responses, reduced to what the extension's webRequest listeners see, and
 * replayed into the extension's Recorder in the order webRequest reports them: login start, request
 * headers, response headers, then the redirect or the end of the request.
 */
import { hasPasswordField, type Recorder } from '../background/recorder.ts';
import type { PlaywrightHeader, PlaywrightPage, PlaywrightRequest, PlaywrightResponse } from './types.ts';

export interface Captured {
  tabId: number;
  /** One id per redirect chain, as webRequest's requestId. */
  requestId: string;
  url: string;
  method: string;
  /** webRequest's resource type where it matters: main_frame, sub_frame; else Playwright's. */
  type: string;
  status: number;
  /** A form post with a password-like field (the body itself is never kept). */
  loginPost: boolean;
  at: number;
  requestHeaders: Promise<PlaywrightHeader[]>;
  responseHeaders: Promise<PlaywrightHeader[]>;
}

const tabIds = new WeakMap<PlaywrightPage, number>();
let nextTabId = 1;
const chainIds = new WeakMap<PlaywrightRequest, string>();
let nextChainId = 1;
let lastAt = 0;

function tabIdOf(page: PlaywrightPage): number {
  let id = tabIds.get(page);
  if (id === undefined) {
    id = nextTabId++;
    tabIds.set(page, id);
  }
  return id;
}

function chainIdOf(request: PlaywrightRequest): string {
  let root = request;
  for (let from = root.redirectedFrom(); from; from = from.redirectedFrom()) root = from;
  let id = chainIds.get(root);
  if (id === undefined) {
    id = `pw-${nextChainId++}`;
    chainIds.set(root, id);
  }
  return id;
}

/** Field names of a urlencoded or multipart form body. */
function formFieldNames(body: string): Record<string, true> {
  const names: Record<string, true> = {};
  for (const m of body.matchAll(/name="([^"]{1,200})"/g)) names[m[1]] = true;
  if (Object.keys(names).length === 0) {
    for (const key of new URLSearchParams(body).keys()) names[key] = true;
  }
  return names;
}

const noHeaders = (): PlaywrightHeader[] => [];

function capture(request: PlaywrightRequest, response: PlaywrightResponse | null): Captured | null {
  let page: PlaywrightPage;
  let topFrame: boolean;
  try {
    const frame = request.frame();
    page = frame.page();
    topFrame = frame.parentFrame() === null;
  } catch {
    // A service worker's request: no tab, as in webRequest (tabId -1).
    return null;
  }
  const navigation = request.isNavigationRequest();
  const type = navigation ? (topFrame ? 'main_frame' : 'sub_frame') : request.resourceType();
  const method = request.method();
  const body = method === 'POST' && navigation && !request.redirectedFrom() ? request.postData() : null;
  // Distinct, increasing times keep the replay's order when several responses share a millisecond.
  lastAt = Math.max(Date.now(), lastAt + 1);
  return {
    tabId: tabIdOf(page),
    requestId: chainIdOf(request),
    url: request.url(),
    method,
    type,
    status: response ? response.status() : 0,
    loginPost: body !== null && hasPasswordField(formFieldNames(body)),
    at: lastAt,
    requestHeaders: request.headersArray().catch(noHeaders),
    responseHeaders: response ? response.headersArray().catch(noHeaders) : Promise.resolve([]),
  };
}

/** From a `response` event (headers are fetched at once, while Playwright still holds them). */
export function captureResponse(response: PlaywrightResponse): Captured | null {
  return capture(response.request(), response);
}

/** From `page.requests()` history; requests that got no response are skipped. */
export async function captureRequest(request: PlaywrightRequest): Promise<Captured | null> {
  const response = await request.response().catch(() => null);
  return response ? capture(request, response) : null;
}

function locationOf(headers: readonly PlaywrightHeader[], base: string): string | null {
  const value = headers.find((h) => h.name.toLowerCase() === 'location')?.value;
  if (!value) return null;
  try {
    return new URL(value, base).href;
  } catch {
    return null;
  }
}

/** Replays captured traffic into a Recorder; returns the top-level documents in the order loaded. */
export async function replayInto(
  recorder: Recorder,
  events: readonly Captured[],
  setClock: (at: number) => void,
): Promise<{ url: string; tabId: number }[]> {
  const documents: { url: string; tabId: number }[] = [];
  const ordered = [...events].sort((a, b) => a.at - b.at);
  for (const e of ordered) {
    const [requestHeaders, responseHeaders] = await Promise.all([e.requestHeaders, e.responseHeaders]);
    setClock(e.at);
    const base = { tabId: e.tabId, requestId: e.requestId, url: e.url };
    if (e.loginPost) recorder.onLoginStart(base);
    recorder.onSendHeaders({ ...base, method: e.method, type: e.type, requestHeaders });
    recorder.onResponse({ ...base, type: e.type, statusCode: e.status, responseHeaders });
    const location = e.status >= 300 && e.status < 400 ? locationOf(responseHeaders, e.url) : null;
    if (location) {
      recorder.onRedirect({ ...base, redirectUrl: location, statusCode: e.status, type: e.type });
    } else {
      recorder.onRequestDone(e.requestId);
      if (e.type === 'main_frame') documents.push({ url: e.url, tabId: e.tabId });
    }
  }
  return documents;
}
