/**
 * Coalesced writes of the recorded state to storage.session: once changes have paused for 100 ms
 * (longer when the last write was slow, a site with thousands of cookies, so that writing never
 * takes more than about a fifth of the time), and at the latest 1 s after the first unsaved change
 * while they keep coming. A page load's burst of responses and cookie writes is then stored once,
 * not every 100 ms, and the last change is never more than the pause away from storage. A worker is
 * only ever stopped when idle, so nothing observed is lost in between. Each write then repaints the
 * badges of the tabs it concerns.
 */
import type { Auditor } from './auditor.ts';
import { scheduleBadges } from './badge-painter.ts';
import { flushDelay, flushDueAt } from './flush-delay.ts';
import { persistState, takePendingWrites } from './persistence.ts';
import type { Recorder } from './recorder.ts';
import { recordedArea } from './session-storage.ts';

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
/** When the oldest unsaved change was made (performance.now()); undefined when all is saved. */
let firstPendingAt: number | undefined;
/** When the latest unsaved change was made (performance.now()). */
let lastChangeAt = 0;
/** What the next write stores (the latest caller's). */
let pendingCtx: WriteContext | undefined;

/** Set when storage overflowed and old sites had to go; shown to the user by the popup. */
let notice: string | null = null;

export function storageNotice(): string | null {
  return notice;
}

/**
 * Writes what changed in the next round. One timer per burst, moved on when it fires early: setting
 * and clearing a timer on every change (hundreds per page load) cost the worker more than the write.
 */
export function scheduleFlush(ctx: WriteContext): void {
  const now = performance.now();
  firstPendingAt ??= now;
  lastChangeAt = now;
  pendingCtx = ctx;
  if (flushTimer === undefined) armFlush(flushDelay(now, firstPendingAt, lastFlushMs));
}

function armFlush(delay: number): void {
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    const first = firstPendingAt ?? lastChangeAt;
    const wait = flushDueAt(lastChangeAt, first, lastFlushMs) - performance.now();
    if (wait >= 1) {
      armFlush(wait);
      return;
    }
    firstPendingAt = undefined;
    const ctx = pendingCtx;
    if (!ctx) return;
    const started = performance.now();
    void flush(ctx).finally(() => {
      lastFlushMs = performance.now() - started;
    });
  }, delay);
}

async function flush({ recorder, auditor, persistMore, afterWrite }: WriteContext): Promise<void> {
  const tabs = [...recorder.dirtyTabs];
  recorder.dirtyTabs.clear();
  const pending = takePendingWrites(recorder);
  const sites = new Set([...pending.sites, ...recorder.cookieSites]);
  recorder.cookieSites.clear();
  const result = await persistState(recordedArea, recorder, pending);
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
