/** Listeners registered only while needed, and which tabs show an audited site. */
import { describe, expect, it } from 'vitest';
import { HostAccess } from '../../../src/background/host-patterns.ts';
import { AuditedTabs, OnDemandListeners } from '../../../src/background/watch.ts';

/** A browser event that keeps its listeners with their extra arguments, as Chrome's do. */
function fakeEvent<L>() {
  const listeners = new Map<L, unknown[]>();
  return {
    listeners,
    addListener(listener: L, ...extra: unknown[]) {
      listeners.set(listener, extra);
    },
    removeListener(listener: L) {
      listeners.delete(listener);
    },
  };
}

describe('OnDemandListeners', () => {
  it('registers at once, then removes and re-adds every listener with its filter', () => {
    const headers = fakeEvent<(d: unknown) => void>();
    const cookies = fakeEvent<(c: unknown) => void>();
    const set = new OnDemandListeners();
    const onHeaders = () => undefined;
    const onCookie = () => undefined;
    set.add(headers, onHeaders, { urls: ['<all_urls>'] }, ['responseHeaders', 'extraHeaders']);
    set.add(cookies, onCookie);
    // Synchronously present: an event that woke the worker finds its listener.
    expect(headers.listeners.get(onHeaders)).toEqual([
      { urls: ['<all_urls>'] },
      ['responseHeaders', 'extraHeaders'],
    ]);
    expect(cookies.listeners.has(onCookie)).toBe(true);
    expect(set.active).toBe(true);

    expect(set.set(false)).toBe(true);
    expect(headers.listeners.size + cookies.listeners.size).toBe(0);
    expect(set.set(false)).toBe(false);

    expect(set.set(true)).toBe(true);
    expect(headers.listeners.get(onHeaders)).toEqual([
      { urls: ['<all_urls>'] },
      ['responseHeaders', 'extraHeaders'],
    ]);
    expect(cookies.listeners.has(onCookie)).toBe(true);
  });

  it('adds a listener registered while off only when switched on', () => {
    const event = fakeEvent<() => void>();
    const set = new OnDemandListeners();
    set.set(false);
    const late = () => undefined;
    set.add(event, late);
    expect(event.listeners.size).toBe(0);
    set.set(true);
    expect(event.listeners.has(late)).toBe(true);
  });
});

describe('AuditedTabs', () => {
  const access = new HostAccess();
  access.set(['http://legacy.staging.test/*']);
  const allows = (url: string | undefined) => access.allows(url);

  it('counts a tab from its pending URL on, and until its committed URL is hidden', () => {
    const tabs = new AuditedTabs(allows);
    // A site without access: its URL is hidden from the extension.
    expect(tabs.update(1, {})).toBe(false);
    // Navigation to the audited site starts: the pending URL is visible.
    expect(tabs.update(1, { pendingUrl: 'http://legacy.staging.test/a' })).toBe(true);
    expect(tabs.size).toBe(1);
    // Leaving it: the pending URL of the other site is hidden, the committed one still counts.
    expect(tabs.update(1, { url: 'http://legacy.staging.test/a' })).toBe(true);
    // Committed elsewhere: nothing visible any more.
    expect(tabs.update(1, {})).toBe(false);
    expect(tabs.size).toBe(0);
  });

  it('starts over from the open tabs and forgets closed ones', () => {
    const tabs = new AuditedTabs(allows);
    tabs.reset([
      { id: 1, url: 'http://legacy.staging.test/' },
      { id: 2 },
      { id: 3, url: 'https://secure.staging.test/' },
      { url: 'http://legacy.staging.test/' },
    ]);
    expect(tabs.size).toBe(1);
    expect(tabs.has(1)).toBe(true);
    tabs.remove(1);
    expect(tabs.size).toBe(0);
  });
});

describe('HostAccess memo', () => {
  it('answers from scheme and authority as a full parse does, and forgets on a new grant', () => {
    const access = new HostAccess();
    access.set(['http://legacy.staging.test/*']);
    for (let i = 0; i < 3; i++) {
      expect(access.allows(`http://legacy.staging.test/c/${i}?q=${i}`)).toBe(true);
      expect(access.allows(`http://LEGACY.staging.test:8080/${i}`)).toBe(true);
      expect(access.allows(`https://legacy.staging.test/${i}`)).toBe(false);
      // The authority ends at ?, # or a backslash too: none of these is the granted host.
      expect(access.allows(`http://evil.test?legacy.staging.test/${i}`)).toBe(false);
      expect(access.allows(`http://evil.test#@legacy.staging.test/${i}`)).toBe(false);
      expect(access.allows(`http://evil.test\\@legacy.staging.test/${i}`)).toBe(false);
      expect(access.allows(`http://x@legacy.staging.test/${i}`)).toBe(true);
    }
    access.set(['https://secure.staging.test/*']);
    expect(access.allows('http://legacy.staging.test/c/0?q=0')).toBe(false);
    expect(access.allows('https://secure.staging.test/a')).toBe(true);
  });
});
