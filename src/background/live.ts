/**
 * The DevTools panel's timeline and the panels' live updates: turns what the recorder saw into
 * timeline entries, and serves them on the long-lived port (runtime.connect) the panels open.
 * Entries are sent only once stored (after the coalesced write), so that a worker restart can never
 * take back an entry a panel already shows, nor number a new one twice.
 */

import type { CookieObservation, JarCookie, RedirectCheck } from '../core/index.ts';
import { classifyCookie, observeJarCookie, scrubUrl } from '../core/index.ts';
import type { LiveMessage, TimelineFrame, TimelineSetCookie } from '../messages.ts';
import { isLiveRequest, LIVE_PORT } from '../messages.ts';
import type { Runtime } from '../platform/browser.ts';
import type { RecorderObserver, ResponseDetails } from './recorder.ts';
import type { SiteState } from './state.ts';
import { TIMELINE_LIMITS, type Timeline } from './timeline.ts';

/** A cookie the page's headers set within this window is not taken for a script write. */
const HEADER_ECHO_MS = 5_000;

function frameOf(type: string): TimelineFrame {
  return type === 'main_frame' ? 'main' : type === 'sub_frame' ? 'sub' : 'subresource';
}

function lineOf(obs: CookieObservation): TimelineSetCookie {
  return {
    name: obs.name,
    evidence: obs.evidence.slice(0, TIMELINE_LIMITS.evidenceChars),
    verdict: obs.rejected.length > 0 ? 'rejected' : obs.deletion ? 'deletes' : 'stored',
    reasons: obs.rejected,
    thirdParty: obs.thirdParty,
  };
}

export class TimelineObserver implements RecorderObserver {
  /** Per tab, "name|domain" of cookies set by headers lately → when. */
  private readonly headerCookies = new Map<number, Map<string, number>>();

  constructor(
    readonly timeline: Timeline,
    private readonly clock: () => number = Date.now,
  ) {}

  document(tabId: number, url: string): void {
    if (this.timeline.lastNavigation(tabId) === url) return;
    this.timeline.append(tabId, { kind: 'navigation', url });
  }

  setCookies(details: ResponseDetails, observations: CookieObservation[]): void {
    if (details.tabId < 0 || observations.length === 0) return;
    const now = this.clock();
    let recent = this.headerCookies.get(details.tabId);
    if (!recent) {
      recent = new Map();
      this.headerCookies.set(details.tabId, recent);
    }
    if (recent.size > 500) for (const [k, at] of recent) if (now - at > HEADER_ECHO_MS) recent.delete(k);
    for (const obs of observations) recent.set(`${obs.name}|${obs.domain}`, now);
    const listed = observations.slice(0, TIMELINE_LIMITS.linesPerResponse);
    this.timeline.append(details.tabId, {
      kind: 'response',
      method: details.method ?? 'GET',
      url: scrubUrl(details.url),
      status: details.statusCode,
      frame: frameOf(details.type),
      resourceType: details.type,
      cookies: listed.map(lineOf),
      ...(observations.length > listed.length ? { moreLines: observations.length - listed.length } : {}),
    });
  }

  login(tabId: number, site: SiteState, login: SiteState['logins'][number]): void {
    if (tabId < 0) return;
    const isSession = (name: string) =>
      Object.values(site.cookies).some((obs) => obs.name === name && classifyCookie(obs).role === 'session');
    const sessions = login.cookies.filter((c) => isSession(c.name));
    const unchanged = sessions.filter((c) => c.beforeHash !== null && c.afterHash === c.beforeHash);
    this.timeline.append(tabId, {
      kind: 'login',
      url: login.url,
      rotated: sessions.length === 0 ? 'unknown' : unchanged.length > 0 ? 'no' : 'yes',
      sessionNames: sessions.map((c) => c.name),
      unchangedSessionNames: unchanged.map((c) => c.name),
    });
  }

  /**
   * cookies.onChanged for a tab's site: a script write (not echoed from a header) or a deletion.
   * Returns the tabs that got an entry.
   */
  cookieChanged(
    tabIds: number[],
    cookie: JarCookie,
    removed: boolean,
    cause: string,
    pageUrl: string,
  ): number[] {
    const domain = cookie.domain.replace(/^\./, '').toLowerCase();
    const entered: number[] = [];
    for (const tabId of tabIds) {
      if (removed) {
        this.timeline.append(tabId, {
          kind: 'deletion',
          name: cookie.name,
          domain,
          path: cookie.path,
          cause,
        });
        entered.push(tabId);
        continue;
      }
      // Page script cannot write HttpOnly cookies; a cookie the headers just set is the header's.
      if (cookie.httpOnly || cause !== 'explicit') continue;
      const at = this.headerCookies.get(tabId)?.get(`${cookie.name}|${domain}`);
      if (at !== undefined && this.clock() - at < HEADER_ECHO_MS) continue;
      const obs = observeJarCookie(cookie, { url: pageUrl, now: this.clock(), thirdParty: false });
      this.timeline.append(tabId, {
        kind: 'script-cookie',
        name: cookie.name,
        domain,
        path: cookie.path,
        evidence: obs.evidence.slice(0, TIMELINE_LIMITS.evidenceChars),
      });
      entered.push(tabId);
    }
    return entered;
  }

  redirectCheck(tabId: number, check: RedirectCheck): void {
    this.timeline.append(tabId, { kind: 'redirect-check', check });
  }

  closeTab(tabId: number): void {
    this.headerCookies.delete(tabId);
    this.timeline.closeTab(tabId);
  }
}

interface Subscription {
  tabId: number;
  /** False: this follower wants nudges only. */
  entries: boolean;
  /** Highest seq sent on this port. */
  sentSeq: number;
  sentDropped: number;
}

/** The panels' ports: who follows which tab, and what each has been sent. */
export class LiveHub {
  private readonly ports = new Map<Runtime.Port, Subscription[]>();

  constructor(
    private readonly timeline: Timeline,
    private readonly extensionOrigin: string,
    private readonly extensionId: string,
  ) {}

  /** runtime.onConnect: only the extension's own pages may follow a tab. */
  accept(port: Runtime.Port, early: readonly unknown[] = []): void {
    if (port.name !== LIVE_PORT) return;
    const sender = port.sender;
    if (sender?.id !== this.extensionId || !sender.url?.startsWith(this.extensionOrigin)) {
      port.disconnect();
      return;
    }
    this.ports.set(port, []);
    const onMessage = (message: unknown) => {
      if (!isLiveRequest(message)) return;
      const subs = this.ports.get(port);
      if (!subs) return;
      const others = subs.filter((s) => s.tabId !== message.tabId);
      if (message.type === 'unsubscribe') {
        this.ports.set(port, others);
        return;
      }
      const tab = this.timeline.get(message.tabId);
      const entries = message.entries !== false;
      // The page holds entries this timeline never numbered (the browser restarted): start over.
      const reset = entries && message.afterSeq >= tab.nextSeq;
      const sub = { tabId: message.tabId, entries, sentSeq: reset ? 0 : message.afterSeq, sentDropped: -1 };
      this.ports.set(port, [...others, sub]);
      if (entries) this.send(port, sub, reset);
    };
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(() => this.ports.delete(port));
    for (const message of early) onMessage(message);
  }

  /** After a write: every follower gets the entries stored since, and a nudge when its tab changed. */
  publish(changedTabs: Iterable<number>): void {
    const changed = new Set(changedTabs);
    for (const [port, subs] of this.ports) {
      for (const sub of subs) {
        if (sub.entries) this.send(port, sub, false);
        if (changed.has(sub.tabId)) this.post(port, { type: 'changed', tabId: sub.tabId });
      }
    }
  }

  private send(port: Runtime.Port, sub: Subscription, reset: boolean): void {
    const tab = this.timeline.get(sub.tabId);
    const entries = this.timeline.since(sub.tabId, sub.sentSeq);
    if (entries.length === 0 && !reset && sub.sentDropped === tab.dropped) return;
    if (entries.length > 0) sub.sentSeq = entries[entries.length - 1].seq;
    sub.sentDropped = tab.dropped;
    this.post(port, { type: 'timeline', tabId: sub.tabId, entries, dropped: tab.dropped, reset });
  }

  private post(port: Runtime.Port, message: LiveMessage): void {
    try {
      port.postMessage(message);
    } catch {
      this.ports.delete(port);
    }
  }
}
