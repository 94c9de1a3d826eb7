/**
 * Coalesced writes of the recorded state to storage.session: 100 ms after the first change, or
 * longer when the last write was slow (a site with thousands of cookies), so that writing never
 * takes more than about a fifth of the time. A worker is only ever stopped when idle, so nothing
 * observed is lost in between. Each write then repaints the badges of the tabs it concerns.
 */
import { browser } from '../platform/browser.ts';
import type { Auditor } from './auditor.ts';
import { scheduleBadges } from './badge-painter.ts';
import { persistState, takePendingWrites } from './persistence.ts';
import type { Recorder } from './recorder.ts';

export interface WriteContext {
  recorder: Recorder;
  auditor: Auditor;
  /** More to store in the same round (the DevTools timeline). */
  persistMore?(): Promise<void>;
  /** Told which tabs changed once everything is stored (the panels' live port). */
  afterWrite?(tabs: number[]): void;
}

let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lastFlushMs = 0;

/** Set when storage overflowed and old sites had to go; shown to the user by the popup. */
let notice: string | null = null;

export function storageNotice(): string | null {
  return notice;
}

/** Writes what changed in the next round (one timer at a time). */
export function scheduleFlush(ctx: WriteContext): void {
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

async function flush({ recorder, auditor, persistMore, afterWrite }: WriteContext): Promise<void> {
  const tabs = [...recorder.dirtyTabs];
  recorder.dirtyTabs.clear();
  const pending = takePendingWrites(recorder);
  const sites = new Set([...pending.sites, ...recorder.cookieSites]);
  recorder.cookieSites.clear();
  const result = await persistState(browser.storage.session, recorder, pending);
  await persistMore?.();
  if (result.dropped.length > 0) {
    notice = `Storage was full: ${result.dropped.length} of the oldest sites were dropped.`;
    console.warn(`Cookie Audit: ${notice}`);
  }
  if (!result.ok) console.error('Cookie Audit: could not save state:', result.error);
  for (const tab of Object.values(recorder.state.tabs)) {
    if (tab.origin && sites.has(tab.origin) && !tabs.includes(tab.tabId)) tabs.push(tab.tabId);
  }
  scheduleBadges(tabs, recorder, auditor);
  afterWrite?.(tabs);
}
