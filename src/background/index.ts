/**
 * Background service worker (Chrome) / event page (Firefox): a thin adapter that feeds browser
 * events to the Recorder, keeps its state in storage.session, paints the badge and answers the
 * popup. Listeners are registered synchronously at start so that a restarted worker misses nothing.
 */
import { keyedHash } from '../core/index.ts';
import type { JarCookie } from '../core/types.ts';
import { isRequest } from '../messages.ts';
import { browser, IS_FIREFOX, type Runtime } from '../platform/browser.ts';
import { Auditor } from './auditor.ts';
import { badgeColor, WAITING_BADGE } from './badge.ts';
import { handleRequest } from './handlers.ts';
import { hasPasswordField, Recorder } from './recorder.ts';
import { restoreState } from './state.ts';

const STATE_KEY = 'cookieAuditState';
const HASH_KEY = 'cookieAuditHashKey';

async function loadOrCreateHashKey(): Promise<string> {
  const stored = (await browser.storage.session.get(HASH_KEY))[HASH_KEY];
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await browser.storage.session.set({ [HASH_KEY]: key });
  return key;
}

const ready: Promise<{ recorder: Recorder; auditor: Auditor }> = (async () => {
  const [key, stored] = await Promise.all([loadOrCreateHashKey(), browser.storage.session.get(STATE_KEY)]);
  const recorder = new Recorder(
    restoreState(stored[STATE_KEY]),
    (value) => keyedHash(value, key),
    Date.now,
    IS_FIREFOX,
  );
  return { recorder, auditor: new Auditor(recorder) };
})();

/** Run a handler once state is loaded; events keep their order because they chain on one promise. */
function withState(fn: (ctx: { recorder: Recorder; auditor: Auditor }) => void | Promise<void>): void {
  ready
    .then(async (ctx) => {
      await fn(ctx);
      scheduleFlush(ctx);
    })
    .catch((error: unknown) =>
      console.error('Cookie Audit:', error instanceof Error ? error.message : error),
    );
}

// ---- persistence and badge, coalesced -------------------------------------------------------------

let flushTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleFlush(ctx: { recorder: Recorder; auditor: Auditor }): void {
  if (flushTimer !== undefined) return;
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    void flush(ctx);
  }, 25);
}

async function flush({ recorder, auditor }: { recorder: Recorder; auditor: Auditor }): Promise<void> {
  const tabs = [...recorder.dirtyTabs];
  const sites = new Set(recorder.dirtySites);
  recorder.dirtyTabs.clear();
  recorder.dirtySites.clear();
  await persist(recorder);
  for (const tab of Object.values(recorder.state.tabs)) {
    if (tab.origin && sites.has(tab.origin) && !tabs.includes(tab.tabId)) tabs.push(tab.tabId);
  }
  await Promise.all(tabs.map((tabId) => paintBadge(tabId, recorder, auditor)));
}

async function persist(recorder: Recorder): Promise<void> {
  try {
    await browser.storage.session.set({ [STATE_KEY]: recorder.state });
  } catch (error) {
    // Quota exceeded: drop the least recently seen sites until it fits; never crash the worker.
    const sites = Object.values(recorder.state.sites).sort((a, b) => a.lastSeen - b.lastSeen);
    const inTabs = new Set(Object.values(recorder.state.tabs).map((t) => t.origin));
    for (const site of sites) {
      if (inTabs.has(site.origin)) continue;
      delete recorder.state.sites[site.origin];
      try {
        await browser.storage.session.set({ [STATE_KEY]: recorder.state });
        console.warn('Cookie Audit: storage full, dropped the oldest sites');
        return;
      } catch {
        // keep dropping
      }
    }
    console.error('Cookie Audit: could not save state:', error instanceof Error ? error.message : error);
  }
}

async function paintBadge(tabId: number, recorder: Recorder, auditor: Auditor): Promise<void> {
  const tab = recorder.tab(tabId);
  try {
    if (!tab?.origin) {
      await browser.action.setBadgeText({ tabId, text: '' });
      return;
    }
    const audit = auditor.auditForTab(tabId);
    if (!audit || !tab.documentObserved) {
      await browser.action.setBadgeText({ tabId, text: WAITING_BADGE.text });
      await browser.action.setBadgeBackgroundColor({ tabId, color: WAITING_BADGE.color });
      return;
    }
    await browser.action.setBadgeText({ tabId, text: audit.grade });
    await browser.action.setBadgeBackgroundColor({ tabId, color: badgeColor(audit.grade) });
    await browser.action.setTitle({
      tabId,
      title: `Cookie Audit: grade ${audit.grade} (${audit.score}) for ${audit.origin}`,
    });
  } catch {
    // The tab closed meanwhile: nothing to paint.
  }
}

// ---- cookie jar reads ------------------------------------------------------------------------------

async function readJar(tabId: number): Promise<JarCookie[]> {
  const { recorder } = await ready;
  const tab = recorder.tab(tabId);
  if (!tab?.url) return [];
  const details: { url: string; storeId?: string } = { url: tab.url };
  if (tab.storeId) details.storeId = tab.storeId;
  const cookies = (await browser.cookies.getAll(details)) as JarCookie[];
  // Partitioned (CHIPS) cookies only come back when a partition key is given.
  try {
    const topLevelSite = new URL(tab.url).origin;
    const partitioned = (await browser.cookies.getAll({
      ...details,
      partitionKey: { topLevelSite },
    } as never)) as JarCookie[];
    for (const c of partitioned)
      if (c.partitionKey && !cookies.some((k) => sameCookie(k, c))) cookies.push(c);
  } catch {
    // Browser without partitionKey support.
  }
  return cookies;
}

function sameCookie(a: JarCookie, b: JarCookie): boolean {
  return a.name === b.name && a.domain === b.domain && a.path === b.path;
}

function refreshJar(tabId: number): void {
  withState(async ({ recorder }) => {
    const cookies = await readJar(tabId).catch(() => null);
    if (cookies) recorder.recordJar(tabId, cookies, true);
  });
}

// ---- webRequest ------------------------------------------------------------------------------------

const ALL_URLS = { urls: ['<all_urls>'] };
const responseSpec = IS_FIREFOX ? ['responseHeaders'] : ['responseHeaders', 'extraHeaders'];
const requestHeaderSpec = IS_FIREFOX ? ['requestHeaders'] : ['requestHeaders', 'extraHeaders'];

browser.webRequest.onHeadersReceived.addListener(
  (details) => {
    withState(({ recorder }) => recorder.onResponse(details));
  },
  ALL_URLS,
  responseSpec as never,
);

browser.webRequest.onBeforeRedirect.addListener((details) => {
  withState(({ recorder }) => recorder.onRedirect(details));
}, ALL_URLS);

browser.webRequest.onSendHeaders.addListener(
  (details) => {
    withState(({ recorder }) => recorder.onSendHeaders(details));
  },
  ALL_URLS,
  requestHeaderSpec as never,
);

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    if (details.method !== 'POST' || details.tabId < 0) return;
    if (!hasPasswordField(details.requestBody?.formData as Record<string, unknown> | undefined)) return;
    // Only the fact that a login happened is kept; the form body is never read further or stored.
    withState(({ recorder }) => recorder.onLoginStart(details));
  },
  ALL_URLS,
  ['requestBody'],
);

browser.webRequest.onCompleted.addListener((details) => {
  withState(({ recorder }) => recorder.onRequestDone(details.requestId));
}, ALL_URLS);
browser.webRequest.onErrorOccurred.addListener((details) => {
  withState(({ recorder }) => recorder.onRequestDone(details.requestId));
}, ALL_URLS);

// ---- tabs and cookies ------------------------------------------------------------------------------

browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  withState(async ({ recorder, auditor }) => {
    const storeId = (tab as { cookieStoreId?: string }).cookieStoreId;
    if (changeInfo.url) recorder.startDocument(tabId, changeInfo.url, storeId);
    // Chrome clears a tab's badge when a navigation commits: paint it again.
    if (changeInfo.status === 'loading' || changeInfo.url) await paintBadge(tabId, recorder, auditor);
    if (changeInfo.status === 'complete') refreshJar(tabId);
  });
});

browser.tabs.onActivated.addListener(({ tabId }) => {
  withState(({ recorder, auditor }) => paintBadge(tabId, recorder, auditor));
});

browser.tabs.onRemoved.addListener((tabId) => {
  withState(({ recorder }) => recorder.closeTab(tabId));
});

/** cookies.onChanged fires once per cookie write; batch them and re-read the affected tabs' jars. */
let cookieBatch: Set<number> | undefined;
browser.cookies.onChanged.addListener((change) => {
  withState(({ recorder }) => {
    if (change.removed && change.cause !== 'overwrite') recorder.removeJarCookie(change.cookie as JarCookie);
    const tabs = recorder.tabsForCookieDomain(change.cookie.domain);
    if (!cookieBatch) {
      cookieBatch = new Set();
      setTimeout(() => {
        const batch = cookieBatch ?? new Set<number>();
        cookieBatch = undefined;
        for (const tabId of batch) refreshJar(tabId);
      }, 150);
    }
    for (const tabId of tabs) cookieBatch.add(tabId);
  });
});

// ---- messages --------------------------------------------------------------------------------------

const EXTENSION_ORIGIN = browser.runtime.getURL('');

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only the extension's own pages may ask: no content scripts, no web pages, no other extensions.
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(EXTENSION_ORIGIN)) {
    return Promise.resolve({
      ok: false,
      error: 'Refused: messages are accepted only from Cookie Audit pages',
    });
  }
  if (!isRequest(message)) {
    return Promise.resolve({ ok: false, error: 'Unknown message type' });
  }
  return ready
    .then((ctx) => handleRequest(message, { ...ctx, readJar, paintBadge, persist: () => scheduleFlush(ctx) }))
    .then(
      (data) => ({ ok: true, data }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});
