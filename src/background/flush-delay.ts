/** The timing of coalesced storage writes, apart from the browser so that it can be unit-tested. */

/**
 * How long to wait before writing, for a change made at `now`: the pause (100 ms, more after a slow
 * write), cut short so that the oldest unsaved change waits at most 1 s (or one pause, if longer).
 */
export function flushDelay(now: number, firstPendingAt: number, lastFlushMs: number): number {
  const pause = Math.min(100 + lastFlushMs * 4, 2_000);
  const latest = firstPendingAt + Math.max(1_000, pause);
  return Math.max(0, Math.min(pause, latest - now));
}

/** When the write is due: the delay of the latest change, counted from that change. */
export function flushDueAt(lastChangeAt: number, firstPendingAt: number, lastFlushMs: number): number {
  return lastChangeAt + flushDelay(lastChangeAt, firstPendingAt, lastFlushMs);
}
