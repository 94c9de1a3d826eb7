/**
 * Made-up timelines and a stand-in for the live port, so that the panel runs without the extension
 * (component tests, the render benchmark). Values are already masked, as the background sends them.
 */
import type { LiveMessage, LiveRequest, TimelineEntry } from '../messages.ts';
import type { LiveConnect } from './live.ts';

const START = Date.UTC(2026, 0, 15, 9, 30, 0);

/** n entries: a navigation every 25, then responses, script writes, deletions and a login. */
export function makeTimeline(n: number, origin = 'https://shop.example'): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (let i = 0; i < n; i++) {
    const seq = i + 1;
    const at = START + i * 250;
    const step = i % 25;
    if (step === 0) entries.push({ seq, at, kind: 'navigation', url: `${origin}/page/${i / 25}` });
    else if (step === 7)
      entries.push({
        seq,
        at,
        kind: 'script-cookie',
        name: `ui_pref_${i % 40}`,
        domain: new URL(origin).hostname,
        path: '/',
        evidence: `cookie jar: ui_pref_${i % 40}=…; Path=/`,
      });
    else if (step === 13)
      entries.push({
        seq,
        at,
        kind: 'deletion',
        name: `tmp_${i % 40}`,
        domain: new URL(origin).hostname,
        path: '/',
        cause: 'explicit',
      });
    else if (step === 19)
      entries.push({
        seq,
        at,
        kind: 'login',
        url: `${origin}/login`,
        rotated: i % 2 ? 'yes' : 'no',
        sessionNames: ['sessionid'],
        unchangedSessionNames: i % 2 ? [] : ['sessionid'],
      });
    else
      entries.push({
        seq,
        at,
        kind: 'response',
        method: step === 3 ? 'POST' : 'GET',
        url: `${origin}/api/item/${i}`,
        status: 200,
        frame: 'subresource',
        resourceType: 'xmlhttprequest',
        cookies: [
          {
            name: 'sessionid',
            evidence: 'Set-Cookie: sessionid=…; Path=/; HttpOnly',
            verdict: 'stored',
            reasons: [],
            thirdParty: false,
          },
          {
            name: `track_${i % 40}`,
            evidence: `Set-Cookie: track_${i % 40}=…; Path=/; SameSite=None`,
            verdict: 'rejected',
            reasons: ['samesite-none-insecure'],
            thirdParty: false,
          },
        ],
      });
  }
  return entries;
}

export interface MockLive {
  connect: LiveConnect;
  /** What the pages sent, in order. */
  requests: LiveRequest[];
  /** Adds entries and sends them to every subscriber, as the background does after a write. */
  push(entries: TimelineEntry[], dropped?: number): void;
  /** Drops every port, as a stopped worker does. */
  dropAll(): void;
  nudge(tabId: number): void;
}

/** A background holding `entries` for `tabId`: answers subscriptions with what came after afterSeq. */
export function createMockLive(tabId: number, initial: TimelineEntry[] = [], initialDropped = 0): MockLive {
  const held = [...initial];
  let dropped = initialDropped;
  const requests: LiveRequest[] = [];
  const ports = new Set<{ onMessage: (m: LiveMessage) => void; onDisconnect: () => void }>();
  const send = (port: { onMessage: (m: LiveMessage) => void }, after: number) =>
    port.onMessage({ type: 'timeline', tabId, entries: held.filter((e) => e.seq > after), dropped });
  return {
    requests,
    connect(onMessage, onDisconnect) {
      const port = { onMessage, onDisconnect };
      ports.add(port);
      return {
        send(request) {
          requests.push(request);
          if (request.type === 'subscribe' && request.tabId === tabId && request.entries !== false)
            send(port, request.afterSeq);
        },
        close() {
          ports.delete(port);
        },
      };
    },
    push(entries, nextDropped = dropped) {
      held.push(...entries);
      dropped = nextDropped;
      for (const port of ports) port.onMessage({ type: 'timeline', tabId, entries, dropped });
    },
    dropAll() {
      const all = [...ports];
      ports.clear();
      for (const port of all) port.onDisconnect();
    },
    nudge(id) {
      for (const port of ports) port.onMessage({ type: 'changed', tabId: id });
    },
  };
}
