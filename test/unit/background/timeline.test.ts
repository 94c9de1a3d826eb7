/** The timeline's numbering, bound and storage round trip, and the host-access mirror's matching. */
import { describe, expect, it } from 'vitest';
import { HostAccess, parsePattern } from '../../../src/background/host-patterns.ts';
import { LiveHub, TimelineObserver } from '../../../src/background/live.ts';
import { Timeline } from '../../../src/background/timeline.ts';
import type { JarCookie } from '../../../src/core/index.ts';
import { observeSetCookie } from '../../../src/core/index.ts';
import { LIVE_PORT, type LiveMessage } from '../../../src/messages.ts';

const nav = (url: string) => ({ kind: 'navigation' as const, url });

describe('timeline', () => {
  it('numbers entries, survives a storage round trip and continues numbering without repeats', () => {
    const t = new Timeline(() => 1000);
    t.append(5, nav('https://a.test/'));
    t.append(5, nav('https://a.test/b'));
    const stored = t.takeWrites().set;
    const again = Timeline.fromStorage(stored);
    expect(again.get(5).entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(again.append(5, nav('https://a.test/c')).seq).toBe(3);
    expect(again.since(5, 2).map((e) => e.seq)).toEqual([3]);
  });

  it('keeps the newest entries within the bound, counts the dropped, and removes emptied chunks', () => {
    const t = new Timeline(Date.now, 100);
    for (let i = 0; i < 10_000; i++) t.append(1, nav(`https://a.test/${i}`));
    const tab = t.get(1);
    expect(tab.entries).toHaveLength(100);
    expect(tab.dropped).toBe(9_900);
    expect(tab.entries[0].seq).toBe(9_901);
    const { set } = t.takeWrites();
    const restored = Timeline.fromStorage(set, Date.now, 100);
    expect(restored.get(1).entries).toHaveLength(100);
    expect(restored.get(1).dropped).toBe(9_900);
  });

  it('does not rewrite a partly dropped chunk, and a restore keeps only the newest entries', () => {
    const t = new Timeline(Date.now, 100);
    for (let i = 0; i < 100; i++) t.append(1, nav(`https://a.test/${i}`));
    const stored = { ...t.takeWrites().set };
    // Ten more: ten old entries leave the first stored chunk, which still holds newer ones.
    for (let i = 100; i < 110; i++) t.append(1, nav(`https://a.test/${i}`));
    const { set, remove } = t.takeWrites();
    expect(Object.keys(set).filter((k) => k.endsWith(':0'))).toEqual([]);
    expect(remove).toEqual([]);
    const restored = Timeline.fromStorage({ ...stored, ...set }, Date.now, 100);
    expect(restored.get(1).entries).toHaveLength(100);
    expect(restored.get(1).entries[0].seq).toBe(11);
    expect(restored.get(1).entries.at(-1)?.seq).toBe(110);
    expect(restored.get(1).dropped).toBe(10);
    // Once every entry of a chunk has left, the chunk is removed.
    for (let i = 110; i < 160; i++) t.append(1, nav(`https://a.test/${i}`));
    expect(t.takeWrites().remove).toEqual(['cookieAuditTimeline:1:0']);
  });

  it('forgets a closed tab in storage', () => {
    const t = new Timeline();
    t.append(3, nav('https://a.test/'));
    const first = t.takeWrites().set;
    t.closeTab(3);
    const { remove } = t.takeWrites(Object.keys(first));
    expect(remove.sort()).toEqual(Object.keys(first).sort());
    expect(remove).toHaveLength(2);
  });
});

describe('timeline observer', () => {
  const obs = (line: string) => observeSetCookie(line, { url: 'http://a.test/', now: 0, thirdParty: false });

  it('masks values, gives verdicts, and tells script writes from header echoes', () => {
    const t = new Timeline(() => 0);
    const o = new TimelineObserver(t, () => 0);
    o.setCookies(
      {
        tabId: 1,
        requestId: 'r',
        url: 'http://a.test/p?token=secret',
        type: 'main_frame',
        statusCode: 200,
        method: 'GET',
      },
      [obs('sid=SECRETVALUE123; Path=/'), obs('t=1; SameSite=None')],
    );
    const cookie = (name: string, httpOnly = false) =>
      ({
        name,
        value: 'RAWVALUE',
        domain: 'a.test',
        path: '/',
        httpOnly,
        secure: false,
        sameSite: 'lax',
        hostOnly: true,
        session: true,
        storeId: '0',
      }) as unknown as JarCookie;
    o.cookieChanged([1], cookie('sid'), false, 'explicit', 'http://a.test/');
    o.cookieChanged([1], cookie('ui_theme'), false, 'explicit', 'http://a.test/');
    o.cookieChanged([1], cookie('ui_theme'), true, 'explicit', 'http://a.test/');
    const entries = t.get(1).entries;
    expect(entries.map((e) => e.kind)).toEqual(['response', 'script-cookie', 'deletion']);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('SECRETVALUE123');
    expect(text).not.toContain('RAWVALUE');
    expect(text).not.toContain('token=secret');
    const response = entries[0] as Extract<(typeof entries)[0], { kind: 'response' }>;
    expect(response.cookies.map((c) => c.verdict)).toEqual(['stored', 'rejected']);
    expect(response.url).toBe('http://a.test/p');
  });
});

describe('live hub', () => {
  function fakePort(url: string) {
    const sent: LiveMessage[] = [];
    const listeners: ((m: unknown) => void)[] = [];
    let disconnected = false;
    return {
      sent,
      get disconnected() {
        return disconnected;
      },
      deliver: (m: unknown) => {
        for (const l of listeners) l(m);
      },
      port: {
        name: LIVE_PORT,
        sender: { id: 'ext', url },
        postMessage: (m: LiveMessage) => sent.push(m),
        disconnect: () => {
          disconnected = true;
        },
        onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
        onDisconnect: { addListener: () => undefined },
      },
    };
  }

  it('refuses pages that are not the extension’s and sends each entry once', () => {
    const t = new Timeline();
    const hub = new LiveHub(t, 'chrome-extension://ext/', 'ext');
    const stranger = fakePort('https://evil.test/');
    hub.accept(stranger.port as never);
    expect(stranger.disconnected).toBe(true);
    t.append(2, nav('https://a.test/'));
    const panel = fakePort('chrome-extension://ext/src/devtools/panel.html');
    hub.accept(panel.port as never, [{ type: 'subscribe', tabId: 2, afterSeq: 0 }]);
    t.append(2, nav('https://a.test/next'));
    hub.publish([2]);
    hub.publish([]);
    const seqs = panel.sent.flatMap((m) => (m.type === 'timeline' ? m.entries.map((e) => e.seq) : []));
    expect(seqs).toEqual([1, 2]);
    // A page holding seq 9 of a timeline that only reached 2 (the browser restarted) starts over.
    panel.deliver({ type: 'subscribe', tabId: 2, afterSeq: 9 });
    expect(panel.sent.at(-1)).toMatchObject({ type: 'timeline', reset: true });
  });
});

describe('host access mirror', () => {
  it('matches granted patterns per host, any port, and nothing else', () => {
    const a = new HostAccess();
    a.set(['http://legacy.staging.test/*', 'https://*.example.org/*']);
    expect(a.allows('http://legacy.staging.test:8080/x')).toBe(true);
    expect(a.allows('https://legacy.staging.test/')).toBe(false);
    expect(a.allows('https://www.example.org/')).toBe(true);
    expect(a.allows('https://example.org/')).toBe(true);
    expect(a.allows('https://badexample.org/')).toBe(false);
    expect(a.allows('http://secure.staging.test/')).toBe(false);
    expect(a.allows(undefined)).toBe(false);
    expect(a.everySite).toBe(false);
    a.set(['<all_urls>']);
    expect(a.everySite).toBe(true);
    expect(a.allows('chrome://settings')).toBe(false);
    expect(parsePattern('file:///*')).toBeNull();
  });
});
