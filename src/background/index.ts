/**
 * Background service worker (Chrome) / event page (Firefox): the listener wiring. Browser events go
 * to the Recorder, writes to storage.session are coalesced (writes.ts), badges painted
 * (badge-painter.ts), jars read (jar.ts) and the extension's pages answered (handlers.ts).
 * Listeners are registered synchronously at start so that a restarted worker misses nothing.
 */

import type { JarCookie } from '../core/index.ts';
import { keyedHash } from '../core/index.ts';
import { isRequest } from '../messages.ts';
import {
  browser,
  type Cookies,
  IS_FIREFOX,
  type Runtime,
  type Storage,
  type WebRequest,
} from '../platform/browser.ts';
import { hostAccess, loadHostAccess, offerChoiceOnInstall, watchHostAccess } from './access.ts';
import { Auditor } from './auditor.ts';
import { forgetBadge, paintBadge } from './badge-painter.ts';
import { handleRequest } from './handlers.ts';
import { loadOrCreateHashKey } from './hash-key.ts';
import { jarWorkPending, readJar, refreshJarsSoon } from './jar.ts';
import { LiveHub, TimelineObserver } from './live.ts';
import { hasPasswordField, Recorder } from './recorder.ts';
import { isOwnPage, senderStore } from './sender.ts';
import { IN_INCOGNITO_WORKER, recordedArea, sessionArea } from './session-storage.ts';
import { settings } from './settings.ts';
import { openSidePanelFromCommand } from './side-panel.ts';
import { originOfSiteKey, PRIVATE_STORE, stateFromStorage } from './state.ts';
import { TabSettle } from './tab-settle.ts';
import { persistTimeline, Timeline } from './timeline.ts';
import { AuditedTabs, OnDemandListeners } from './watch.ts';
import { scheduleFlush, storageNotice } from './writes.ts';

const EXTENSION_ORIGIN = browser.runtime.getURL('');

/**
 * storage.session: whether the network listeners were on when a worker last switched them. If they
 * were, the browser kept them while the worker slept and a restarted worker's in-flight requests were
 * seen in full; if not, a document request that started before this worker registered them was not.
 */
const WATCHING_KEY = 'cookieAuditWatching';
/**
 * Main-frame requests this worker saw start (onBeforeRequest) with the listeners on. Chromium decides
 * when a request starts whether it will show Set-Cookie to listeners, so a document whose start was
 * not seen may reach onHeadersReceived without its Set-Cookie lines: it is not an observed document.
 */
const watchedStarts = new Set<string>();
let checkStarts = true;

/** Per tab: loaded, jar read after the load and the last cookie change, quiet (the CLI waits on it). */
const tabSettle = new TabSettle();

/**
 * Chrome's incognito worker: the incognito windows open when it last looked. Its storage outlives the
 * incognito session (storage.session lasts until the browser closes) and the worker goes with the
 * last incognito window, mostly before it could clear anything. So a worker that finds none of those
 * windows open belongs to a new incognito session and forgets what the last one saw.
 */
const INCOGNITO_WINDOWS_KEY = 'cookieAuditIncognitoWindows';

/** Notes the incognito windows open now; with none, the last list stays for the next worker to find. */
async function noteIncognitoWindows(windows: { id?: number }[]): Promise<void> {
  if (windows.length > 0) await sessionArea.set({ [INCOGNITO_WINDOWS_KEY]: windows.map((w) => w.id) });
}

async function forgetEndedIncognitoSession(): Promise<void> {
  const [stored, windows] = await Promise.all([
    sessionArea.get(INCOGNITO_WINDOWS_KEY),
    browser.windows.getAll(),
  ]);
  const known = stored[INCOGNITO_WINDOWS_KEY];
  if (Array.isArray(known) && !windows.some((w) => known.includes(w.id))) await sessionArea.clearOwn();
  await noteIncognitoWindows(windows);
}

/** The DevTools timeline and the panels' ports (filled from storage once it is read). */
let live: { observer: TimelineObserver; hub: LiveHub } | undefined;

const ready: Promise<{
  recorder: Recorder;
  auditor: Auditor;
  persistMore(): Promise<void>;
  afterWrite(tabs: number[]): void;
}> = (async () => {
  if (IN_INCOGNITO_WORKER) await forgetEndedIncognitoSession();
  const [key, stored] = await Promise.all([loadOrCreateHashKey(), recordedArea.get(null), loadHostAccess()]);
  const recorder = new Recorder(
    stateFromStorage(stored),
    (value) => keyedHash(value, key),
    Date.now,
    IS_FIREFOX,
    IS_FIREFOX ? 'firefox' : 'chromium',
  );
  checkStarts = stored[WATCHING_KEY] !== true;
  const timeline = Timeline.fromStorage(stored);
  const observer = new TimelineObserver(timeline);
  const hub = new LiveHub(timeline, EXTENSION_ORIGIN, browser.runtime.id);
  live = { observer, hub };
  recorder.observer = observer;
  const auditor = new Auditor(recorder);
  // The user's settings (storage.sync) are in force before the first audit.
  await settings.attach(auditor);
  return {
    recorder,
    auditor,
    // Listing storage to find a closed tab's chunks needs the keys only: read without decoding.
    persistMore: () => persistTimeline(timeline, { ...recordedArea, get: (keys) => sessionArea.get(keys) }),
    // Stored first, then sent: a restarted worker never takes back what a panel shows.
    afterWrite: (tabs) => hub.publish(tabs),
  };
})();

type StateContext = { recorder: Recorder; auditor: Auditor };

/** Set once state is loaded (before any queued handler runs: this is the first callback on `ready`). */
let loaded: Awaited<typeof ready> | undefined;
void ready.then(
  (ctx) => {
    loaded = ctx;
  },
  () => undefined,
);

function logHandlerError(error: unknown): void {
  console.error('Cookie Audit:', error instanceof Error ? error.message : error);
}

/**
 * Run a handler once state is loaded. Until then handlers wait on one promise, in order; after, they
 * run at once, still in order: a promise per event (a page load brings thousands) cost more than
 * most handlers.
 */
function withState(fn: (ctx: StateContext) => void | Promise<void>): void {
  const ctx = loaded;
  if (ctx) {
    try {
      const result = fn(ctx);
      if (result instanceof Promise) result.then(() => scheduleFlush(ctx), logHandlerError);
      else scheduleFlush(ctx);
    } catch (error) {
      logHandlerError(error);
    }
    return;
  }
  ready
    .then(async (readyCtx) => {
      await fn(readyCtx);
      scheduleFlush(readyCtx);
    })
    .catch(logHandlerError);
}

// ---- cookie jar reads ------------------------------------------------------------------------------

async function readTabJar(tabId: number): Promise<JarCookie[]> {
  const { recorder } = await ready;
  return readJar(recorder.tab(tabId));
}

function refreshJar(tabId: number): void {
  withState(async ({ recorder }) => {
    const recorded = tabSettle.jarReadStarted(tabId);
    try {
      const cookies = await readTabJar(tabId).catch(() => null);
      if (cookies) recorder.recordJar(tabId, cookies, true);
    } finally {
      recorded();
    }
  });
}

/** The batched re-read after cookie changes: only tabs whose last read started before a change. */
function refreshJarIfStale(tabId: number): void {
  if (tabSettle.jarStale(tabId)) refreshJar(tabId);
}

// ---- webRequest ------------------------------------------------------------------------------------

/*
 * The webRequest and cookies.onChanged listeners are on only while a tab shows an audited site (or
 * every site is audited): see watch.ts. They are added here, synchronously, and dropped once the
 * open tabs are known.
 */
const onDemand = new OnDemandListeners();
const auditedTabs = new AuditedTabs((url) => hostAccess.allows(url));
/** Tabs whose current page started loading while the listeners were off (their headers were missed). */
const startedUnwatched = new Set<number>();
let tabsKnown = false;

function watchWhileNeeded(): void {
  if (!tabsKnown) return;
  const on = hostAccess.everySite || auditedTabs.size > 0;
  if (!onDemand.set(on)) return;
  if (on) checkStarts = true;
  void sessionArea.set({ [WATCHING_KEY]: on }).catch(() => undefined);
}

function noteDocumentStart(requestId: string): void {
  watchedStarts.add(requestId);
  // Bounded: a request whose end was never reported must not hold memory forever.
  if (watchedStarts.size > 500) watchedStarts.delete(watchedStarts.values().next().value as string);
}

/** A main-frame response of a request that started before this worker's listeners were on. */
function startedUnseen(details: { type: string; requestId: string }): boolean {
  return details.type === 'main_frame' && checkStarts && !watchedStarts.has(details.requestId);
}

async function recountAuditedTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  auditedTabs.reset(tabs);
  tabsKnown = true;
  watchWhileNeeded();
}

/*
 * Every listener costs the browser an event dispatch per matching request, even when the handler
 * does nothing; so each one is filtered down to the requests it needs. Only Set-Cookie and HSTS
 * (onHeadersReceived) need every response; cookies sent in clear, redirects and logins concern
 * documents (main and sub frames).
 */
/*
 * Image, font and media responses are not read: on a page full of them each costs an event with
 * extraHeaders for cookies the jar shows anyway (the coverage line says what this gives up).
 */
export const HEADERS_NOT_READ = ['image', 'font', 'media'];
const HEADER_TYPES = {
  urls: ['<all_urls>'],
  types: (IS_FIREFOX
    ? [
        'main_frame',
        'sub_frame',
        'stylesheet',
        'script',
        'object',
        'object_subrequest',
        'xmlhttprequest',
        'xslt',
        'ping',
        'beacon',
        'xml_dtd',
        'websocket',
        'csp_report',
        'web_manifest',
        'json',
        'speculative',
        'other',
      ]
    : [
        'main_frame',
        'sub_frame',
        'stylesheet',
        'script',
        'object',
        'xmlhttprequest',
        'ping',
        'csp_report',
        'websocket',
        'other',
      ]) as WebRequest.ResourceType[],
};
const DOCUMENTS = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] as WebRequest.ResourceType[] };
const responseSpec = IS_FIREFOX ? ['responseHeaders'] : ['responseHeaders', 'extraHeaders'];
const requestHeaderSpec = IS_FIREFOX ? ['requestHeaders'] : ['requestHeaders', 'extraHeaders'];

onDemand.add(
  browser.webRequest.onHeadersReceived,
  (details: WebRequest.OnHeadersReceivedDetailsType) => {
    tabSettle.activity(details.tabId);
    const unseen = startedUnseen(details);
    withState(({ recorder }) => {
      if (!hostAccess.allows(details.url)) return;
      recorder.onResponse(details);
      if (details.type !== 'main_frame') return;
      const tab = recorder.tab(details.tabId);
      if (unseen && tab) {
        // Its Set-Cookie lines may have been withheld: the popup asks for a reload, never guesses.
        tab.documentObserved = false;
        startedUnwatched.add(details.tabId);
      } else if (!unseen) startedUnwatched.delete(details.tabId);
    });
  },
  HEADER_TYPES,
  responseSpec as never,
);

onDemand.add(
  browser.webRequest.onBeforeRedirect,
  (details: WebRequest.OnBeforeRedirectDetailsType) => {
    tabSettle.activity(details.tabId);
    withState(({ recorder }) => {
      if (hostAccess.allows(details.url)) recorder.onRedirect(details);
    });
  },
  DOCUMENTS,
);

// Request headers: every plain-HTTP request (documents and subresources: a session cookie scoped to
// Path=/api only travels with the page's API calls), and HTTPS documents, whose login posts carry the
// cookies compared across a login. HTTPS subresources would cost an event each for nothing.
// Two functions, not one registered twice: an event takes a given listener once.
const recordRequestHeaders = (details: WebRequest.OnSendHeadersDetailsType) => {
  tabSettle.activity(details.tabId);
  withState(({ recorder }) => {
    if (hostAccess.allows(details.url)) recorder.onSendHeaders(details);
  });
};
onDemand.add(
  browser.webRequest.onSendHeaders,
  (details: WebRequest.OnSendHeadersDetailsType) => recordRequestHeaders(details),
  { urls: ['http://*/*'] },
  requestHeaderSpec as never,
);
onDemand.add(
  browser.webRequest.onSendHeaders,
  (details: WebRequest.OnSendHeadersDetailsType) => recordRequestHeaders(details),
  { urls: ['https://*/*'], types: DOCUMENTS.types },
  requestHeaderSpec as never,
);

onDemand.add(
  browser.webRequest.onBeforeRequest,
  (details: WebRequest.OnBeforeRequestDetailsType) => {
    if (details.type === 'main_frame') noteDocumentStart(details.requestId);
    if (details.method !== 'POST' || details.tabId < 0) return;
    if (!hasPasswordField(details.requestBody?.formData as Record<string, unknown> | undefined)) return;
    // Only the fact that a login happened is kept; the form body is never read further or stored.
    withState(({ recorder }) => {
      if (hostAccess.allows(details.url)) recorder.onLoginStart(details);
    });
  },
  DOCUMENTS,
  ['requestBody'],
);

const requestDone = (details: { requestId: string; tabId: number }) => {
  watchedStarts.delete(details.requestId);
  tabSettle.activity(details.tabId);
  withState(({ recorder }) => recorder.onRequestDone(details.requestId));
};
onDemand.add(browser.webRequest.onCompleted, requestDone, DOCUMENTS);
onDemand.add(browser.webRequest.onErrorOccurred, requestDone, DOCUMENTS);

// ---- tabs and cookies ------------------------------------------------------------------------------

browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.status === 'loading') tabSettle.loading(tabId);
  else if (changeInfo.status === 'complete') tabSettle.complete(tabId);
  else tabSettle.activity(tabId);
  if (tabsKnown && (changeInfo.status === 'loading' || changeInfo.url)) {
    // A page of an audited site that starts while the listeners are off: its request is already
    // under way without them (the flag is cleared when a document is seen from its start).
    if (auditedTabs.update(tabId, tab) && !onDemand.active) startedUnwatched.add(tabId);
    watchWhileNeeded();
  }
  withState(async ({ recorder, auditor }) => {
    const storeId = (tab as { cookieStoreId?: string }).cookieStoreId;
    const url = changeInfo.url ?? tab.url;
    if (!hostAccess.allows(url)) {
      // A page of a site without access (its URL is hidden, or not granted): nothing of it is kept,
      // and the record of the tab's previous site no longer describes the tab. A tab that showed no
      // audited site costs nothing more: the browser clears a tab's badge as it navigates.
      if (changeInfo.status === 'loading' && recorder.tab(tabId)) {
        recorder.closeTab(tabId);
        await paintBadge(tabId, recorder, auditor, true);
      }
      return;
    }
    if (changeInfo.url && hostAccess.allows(changeInfo.url)) {
      recorder.startDocument(tabId, changeInfo.url, storeId);
      live?.observer.document(tabId, recorder.tab(tabId)?.url ?? changeInfo.url);
    }
    // Chrome clears a tab's badge when a navigation commits: paint it again.
    if (changeInfo.status === 'loading' || changeInfo.url) await paintBadge(tabId, recorder, auditor, true);
    if (changeInfo.status === 'complete') refreshJar(tabId);
  });
});

browser.tabs.onActivated.addListener(({ tabId }) => {
  withState(({ recorder, auditor }) => paintBadge(tabId, recorder, auditor));
});

browser.tabs.onRemoved.addListener((tabId) => {
  forgetBadge(tabId);
  auditedTabs.remove(tabId);
  startedUnwatched.delete(tabId);
  watchWhileNeeded();
  tabSettle.forget(tabId);
  withState(({ recorder }) => {
    recorder.closeTab(tabId);
    live?.observer.closeTab(tabId);
  });
});

/** cookies.onChanged fires once per cookie write; the affected tabs' jars are re-read in batches. */
onDemand.add(browser.cookies.onChanged, (change: Cookies.OnChangedChangeInfoType) => {
  // An overwrite is two events, the old cookie removed then the new one added: the second says it all.
  if (change.removed && change.cause === 'overwrite') return;
  withState(({ recorder }) => {
    const bare = change.cookie.domain.replace(/^\./, '');
    if (!hostAccess.allows(`https://${bare}/`) && !hostAccess.allows(`http://${bare}/`)) return;
    if (change.removed) recorder.removeJarCookie(change.cookie as JarCookie);
    const tabs = recorder.tabsForCookieDomain(change.cookie.domain, change.cookie.storeId);
    const entered = live?.observer.cookieChanged(
      tabs,
      change.cookie as JarCookie,
      change.removed,
      change.cause,
      recorder.tab(tabs[0])?.url ?? `https://${bare}/`,
    );
    // Only a new timeline entry needs its tab written and announced now; what the jar read below
    // changes marks its own tabs (most changes are a header's cookie landing in the jar: no entry).
    for (const tabId of entered ?? tabs) recorder.dirtyTabs.add(tabId);
    for (const tabId of tabs) tabSettle.cookieChanged(tabId);
    refreshJarsSoon(tabs, refreshJarIfStale);
  });
});

// What a private window saw is forgotten when the last private window closes.
browser.windows?.onRemoved.addListener(() => {
  withState(async ({ recorder }) => {
    const windows = await browser.windows.getAll();
    // Chrome's incognito worker sees only incognito windows; the next session's worker forgets them.
    if (IN_INCOGNITO_WORKER) return noteIncognitoWindows(windows);
    if (!windows.some((w) => w.incognito)) recorder.dropStore(PRIVATE_STORE);
  });
});
if (IN_INCOGNITO_WORKER) {
  browser.windows.onCreated.addListener(() => {
    void browser.windows.getAll().then(noteIncognitoWindows).catch(logHandlerError);
  });
}

// ---- messages --------------------------------------------------------------------------------------

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only the extension's own pages may ask: no content scripts, no web pages, no other extensions.
  if (!isOwnPage(sender, browser.runtime.id, EXTENSION_ORIGIN)) {
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
        readJar: readTabJar,
        paintBadge,
        persist: () => scheduleFlush(ctx),
        storageNotice,
        senderStore: senderStore(sender),
        headersNotRead: HEADERS_NOT_READ,
        startedUnwatched: (tabId) => startedUnwatched.has(tabId),
        listening: () => onDemand.active,
        onRedirectCheck: (tabId, check) => live?.observer.redirectCheck(tabId, check),
        jarPending: jarWorkPending,
        tabSettle: (tabId) => tabSettle.state(tabId),
      }),
    )
    .then(
      (data) => ({ ok: true, data }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});

// ---- settings ---------------------------------------------------------------------------------------

/**
 * The options page, another device or the CLI changed the settings: re-grade and repaint open tabs.
 * Listened to on storage.sync alone: with storage.onChanged, every one of our own storage.session
 * writes (the recorded state, many per second on a busy page) came back as an event carrying the old
 * and new values, serialised for nothing.
 */
const syncChanged = (browser.storage.sync as { onChanged?: typeof browser.storage.onChanged }).onChanged;
const onSettingsChanged = (changes: Record<string, Storage.StorageChange>, area: string) => {
  if (area !== 'sync') return;
  withState(async ({ recorder, auditor }) => {
    if (!(await settings.onStorageChanged(changes, area))) return;
    await Promise.all(
      Object.keys(recorder.state.tabs).map((id) => paintBadge(Number(id), recorder, auditor)),
    );
  });
};
if (syncChanged) syncChanged.addListener((changes) => onSettingsChanged(changes, 'sync'));
else browser.storage.onChanged.addListener(onSettingsChanged);

// ---- live ports, host access, first run, side panel -------------------------------------------------

browser.runtime.onConnect.addListener((port) => {
  // A page that wakes a stopped worker subscribes at once: hold its messages until state is loaded.
  const early: unknown[] = [];
  const hold = (message: unknown) => {
    early.push(message);
  };
  port.onMessage.addListener(hold);
  void ready.then(() => {
    port.onMessage.removeListener(hold);
    live?.hub.accept(port, early);
  });
});

/** Access taken away: forget the sites it covered (their records are no longer the user's choice). */
watchHostAccess((removed) => {
  void recountAuditedTabs().catch(() => undefined);
  if (removed.length === 0) return;
  withState(({ recorder }) => {
    // Site keys carry the cookie store ("store|origin"): access is about the origin.
    for (const key of Object.keys(recorder.state.sites)) {
      if (hostAccess.allows(originOfSiteKey(key))) continue;
      recorder.droppedSites.set(key, Object.keys(recorder.state.sites[key].cookies));
      delete recorder.state.sites[key];
    }
    for (const tab of Object.values(recorder.state.tabs)) {
      if (tab.origin && !hostAccess.allows(originOfSiteKey(tab.origin))) {
        recorder.closeTab(tab.tabId);
        recorder.dirtyTabs.add(tab.tabId);
      }
    }
    recorder.tabsDirty = true;
  });
});

void ready.then(recountAuditedTabs).catch(logHandlerError);

offerChoiceOnInstall('src/access/index.html');
openSidePanelFromCommand();
