/**
 * Background service worker (Chrome) / event page (Firefox): a thin adapter that feeds browser
 * events to the Recorder, keeps its state in storage.session, paints the badge and answers the
 * popup. Listeners are registered synchronously at start so that a restarted worker misses nothing.
 */
import { badgeShowsGrade, keyedHash } from '../core/index.ts';
import type { JarCookie } from '../core/types.ts';
import { isRequest } from '../messages.ts';
import { browser, IS_FIREFOX, type Runtime, type WebRequest } from '../platform/browser.ts';
import { Auditor } from './auditor.ts';
import { badgeColor, WAITING_BADGE } from './badge.ts';
import { handleRequest } from './handlers.ts';
import { persistState, takePendingWrites } from './persistence.ts';
import { hasPasswordField, Recorder, siteOf } from './recorder.ts';
import { settings } from './settings.ts';
import { STORAGE_KEYS, stateFromStorage } from './state.ts';

const HASH_KEY = STORAGE_KEYS.hashKey;

async function loadOrCreateHashKey(): Promise<string> {
  const stored = (await browser.storage.session.get(HASH_KEY))[HASH_KEY];
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await browser.storage.session.set({ [HASH_KEY]: key });
  return key;
}

const ready: Promise<{ recorder: Recorder; auditor: Auditor }> = (async () => {
  const [key, stored] = await Promise.all([loadOrCreateHashKey(), browser.storage.session.get(null)]);
  const recorder = new Recorder(
    stateFromStorage(stored),
    (value) => keyedHash(value, key),
    Date.now,
    IS_FIREFOX,
  );
  const auditor = new Auditor(recorder);
  // The user's settings (storage.sync) are in force before the first audit.
  await settings.attach(auditor);
  return { recorder, auditor };
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

/**
 * Writes are coalesced: 100 ms after the first change, or longer when the last write was slow (a
 * site with thousands of cookies), so that writing never takes more than about a fifth of the time.
 * A worker is only ever stopped when idle, so nothing observed is lost in between.
 */
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lastFlushMs = 0;
function scheduleFlush(ctx: { recorder: Recorder; auditor: Auditor }): void {
  if (flushTimer !== undefined) return;
  flushTimer = setTimeout(
    () => {
      flushTimer = undefined;
      const started = performance.now();
      void flush(ctx).finally(() => {
        lastFlushMs = performance.now() - started;
      });
    },
    Math.min(100 + lastFlushMs * 4, 2_000),
  );
}

async function flush({ recorder, auditor }: { recorder: Recorder; auditor: Auditor }): Promise<void> {
  const tabs = [...recorder.dirtyTabs];
  recorder.dirtyTabs.clear();
  const pending = takePendingWrites(recorder);
  const sites = new Set([...pending.sites, ...recorder.cookieSites]);
  recorder.cookieSites.clear();
  const result = await persistState(browser.storage.session, recorder, pending);
  if (result.dropped.length > 0) {
    storageNotice = `Storage was full: ${result.dropped.length} of the oldest sites were dropped.`;
    console.warn(`Cookie Audit: ${storageNotice}`);
  }
  if (!result.ok) console.error('Cookie Audit: could not save state:', result.error);
  for (const tab of Object.values(recorder.state.tabs)) {
    if (tab.origin && sites.has(tab.origin) && !tabs.includes(tab.tabId)) tabs.push(tab.tabId);
  }
  scheduleBadges(tabs, recorder, auditor);
}

/** Set when storage overflowed and old sites had to go; shown to the user by the popup. */
let storageNotice: string | null = null;

/** Badges are repainted at most every 150 ms: a busy page does not re-audit on every response. */
const badgeTabs = new Set<number>();
let badgeTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleBadges(tabs: number[], recorder: Recorder, auditor: Auditor): void {
  for (const tabId of tabs) badgeTabs.add(tabId);
  if (badgeTimer !== undefined) return;
  badgeTimer = setTimeout(
    () => {
      badgeTimer = undefined;
      const batch = [...badgeTabs];
      badgeTabs.clear();
      const started = performance.now();
      void Promise.all(batch.map((tabId) => paintBadge(tabId, recorder, auditor))).finally(() => {
        lastBadgeMs = performance.now() - started;
      });
    },
    Math.min(150 + lastBadgeMs * 4, 3_000),
  );
}
let lastBadgeMs = 0;

/** What each tab's badge shows now, so unchanged badges cost no call (a busy page repaints often). */
const painted = new Map<number, string>();

async function paintBadge(tabId: number, recorder: Recorder, auditor: Auditor, force = false): Promise<void> {
  const tab = recorder.tab(tabId);
  let text = '';
  let color: string | null = null;
  let title: string | null = null;
  if (tab?.origin) {
    const audit = auditor.auditForTab(tabId);
    if (!audit || !tab.documentObserved) {
      text = settings.current.badge.mode === 'off' ? '' : WAITING_BADGE.text;
      color = WAITING_BADGE.color;
    } else {
      // Badge settings: always the grade, only below a grade, or never.
      text = badgeShowsGrade(settings.current.badge, audit.grade) ? audit.grade : '';
      color = badgeColor(audit.grade);
      title = `Cookie Audit: grade ${audit.grade} (${audit.score}) for ${audit.origin}`;
    }
  }
  const signature = `${text}|${color}|${title}`;
  if (!force && painted.get(tabId) === signature) return;
  painted.set(tabId, signature);
  try {
    await browser.action.setBadgeText({ tabId, text });
    if (color) await browser.action.setBadgeBackgroundColor({ tabId, color });
    if (title) await browser.action.setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile: nothing to paint.
    painted.delete(tabId);
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
  // Partitioned (CHIPS) cookies only come back when a partition key is given. The key is the top-level
  // site (scheme and registrable domain, no port); every domain's cookies in that partition count,
  // so third-party frames' partitioned cookies are seen too.
  try {
    const page = new URL(tab.url);
    const topLevelSite = `${page.protocol}//${siteOf(page.hostname)}`;
    const partitioned = (await browser.cookies.getAll({
      ...(tab.storeId ? { storeId: tab.storeId } : {}),
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

/*
 * Every listener costs the browser an event dispatch per matching request, even when the handler
 * does nothing; so each one is filtered down to the requests it needs. Only Set-Cookie and HSTS
 * (onHeadersReceived) need every response; cookies sent in clear, redirects and logins concern
 * documents (main and sub frames).
 */
const ALL_URLS = { urls: ['<all_urls>'] };
const DOCUMENTS = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] as WebRequest.ResourceType[] };
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
}, DOCUMENTS);

// Request headers: every plain-HTTP request (documents and subresources: a session cookie scoped to
// Path=/api only travels with the page's API calls), and HTTPS documents, whose login posts carry the
// cookies compared across a login. HTTPS subresources would cost an event each for nothing.
// Two functions, not one registered twice: an event takes a given listener once.
const recordRequestHeaders = (details: WebRequest.OnSendHeadersDetailsType) => {
  withState(({ recorder }) => recorder.onSendHeaders(details));
};
browser.webRequest.onSendHeaders.addListener(
  (details) => recordRequestHeaders(details),
  { urls: ['http://*/*'] },
  requestHeaderSpec as never,
);
browser.webRequest.onSendHeaders.addListener(
  (details) => recordRequestHeaders(details),
  { urls: ['https://*/*'], types: DOCUMENTS.types },
  requestHeaderSpec as never,
);

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    if (details.method !== 'POST' || details.tabId < 0) return;
    if (!hasPasswordField(details.requestBody?.formData as Record<string, unknown> | undefined)) return;
    // Only the fact that a login happened is kept; the form body is never read further or stored.
    withState(({ recorder }) => recorder.onLoginStart(details));
  },
  DOCUMENTS,
  ['requestBody'],
);

browser.webRequest.onCompleted.addListener((details) => {
  withState(({ recorder }) => recorder.onRequestDone(details.requestId));
}, DOCUMENTS);
browser.webRequest.onErrorOccurred.addListener((details) => {
  withState(({ recorder }) => recorder.onRequestDone(details.requestId));
}, DOCUMENTS);

// ---- tabs and cookies ------------------------------------------------------------------------------

browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  withState(async ({ recorder, auditor }) => {
    const storeId = (tab as { cookieStoreId?: string }).cookieStoreId;
    if (changeInfo.url) recorder.startDocument(tabId, changeInfo.url, storeId);
    // Chrome clears a tab's badge when a navigation commits: paint it again.
    if (changeInfo.status === 'loading' || changeInfo.url) await paintBadge(tabId, recorder, auditor, true);
    if (changeInfo.status === 'complete') refreshJar(tabId);
  });
});

browser.tabs.onActivated.addListener(({ tabId }) => {
  withState(({ recorder, auditor }) => paintBadge(tabId, recorder, auditor));
});

browser.tabs.onRemoved.addListener((tabId) => {
  painted.delete(tabId);
  withState(({ recorder }) => recorder.closeTab(tabId));
});

/** cookies.onChanged fires once per cookie write; batch them and re-read the affected tabs' jars. */
let cookieBatch: Set<number> | undefined;
browser.cookies.onChanged.addListener((change) => {
  // An overwrite is two events, the old cookie removed then the new one added: the second says it all.
  if (change.removed && change.cause === 'overwrite') return;
  withState(({ recorder }) => {
    if (change.removed) recorder.removeJarCookie(change.cookie as JarCookie);
    const tabs = recorder.tabsForCookieDomain(change.cookie.domain);
    if (!cookieBatch) {
      cookieBatch = new Set();
      setTimeout(() => {
        const batch = cookieBatch ?? new Set<number>();
        cookieBatch = undefined;
        for (const tabId of batch) refreshJar(tabId);
      }, 300);
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
    .then((ctx) =>
      handleRequest(message, {
        ...ctx,
        readJar,
        paintBadge,
        persist: () => scheduleFlush(ctx),
        storageNotice: () => storageNotice,
      }),
    )
    .then(
      (data) => ({ ok: true, data }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});

// ---- settings ---------------------------------------------------------------------------------------

/** The options page, another device or the CLI changed the settings: re-grade and repaint open tabs. */
browser.storage.onChanged.addListener((changes, area) => {
  // Our own storage.session writes land here too: ignore them at once, or each write would cause another.
  if (area !== 'sync') return;
  withState(async ({ recorder, auditor }) => {
    if (!settings.onStorageChanged(changes, area)) return;
    await Promise.all(
      Object.keys(recorder.state.tabs).map((id) => paintBadge(Number(id), recorder, auditor)),
    );
  });
});
