/**
 * Per tab, whether what the background holds for its page is complete: the page finished loading,
 * a jar read started after the load and after the last cookie change of the tab has been recorded,
 * and no event of the tab arrived for a moment. The CLI waits on this for each tab on its own, so
 * tabs audited in parallel never wait for each other.
 *
 * Order is kept with a sequence number rather than the clock: two events in the same millisecond
 * are still ordered, and a jar read covers exactly the changes that arrived before it started.
 */
interface TabEntry {
  /** Sequence number of the last 'complete' of the current document (0: still loading). */
  completeSeq: number;
  /** Sequence number of the last cookie change that concerns the tab. */
  changeSeq: number;
  /** Sequence number at which the last recorded jar read started (-1: none yet). */
  readSeq: number;
  /** Sequence number at which the last jar read started, recorded or not (-1: none yet). */
  startedSeq: number;
  /** Jar reads started and not yet recorded. */
  reading: number;
  /** Clock time of the tab's last event (a request, a cookie change, a navigation step). */
  lastActivity: number;
}

export interface TabSettleState {
  loaded: boolean;
  /** The jar was read and recorded after the load and after every cookie change of the tab. */
  jarCurrent: boolean;
  /** Milliseconds since the tab's last event. */
  quietMs: number;
}

export class TabSettle {
  private seq = 0;
  private readonly tabs = new Map<number, TabEntry>();

  constructor(private readonly clock: () => number = Date.now) {}

  private entry(tabId: number): TabEntry {
    let entry = this.tabs.get(tabId);
    if (!entry) {
      entry = {
        completeSeq: 0,
        changeSeq: 0,
        readSeq: -1,
        startedSeq: -1,
        reading: 0,
        lastActivity: this.clock(),
      };
      this.tabs.set(tabId, entry);
    }
    return entry;
  }

  /** Any event of the tab (a request or response, a redirect): it is not quiet yet. */
  activity(tabId: number): void {
    if (tabId < 0) return;
    this.entry(tabId).lastActivity = this.clock();
  }

  /** A document started loading in the tab. */
  loading(tabId: number): void {
    const entry = this.entry(tabId);
    entry.completeSeq = 0;
    entry.lastActivity = this.clock();
  }

  /** The tab's document finished loading (tabs.onUpdated status 'complete'). */
  complete(tabId: number): void {
    const entry = this.entry(tabId);
    entry.completeSeq = ++this.seq;
    entry.lastActivity = this.clock();
  }

  /** A cookie that the tab's page may see changed. */
  cookieChanged(tabId: number): void {
    const entry = this.entry(tabId);
    entry.changeSeq = ++this.seq;
    entry.lastActivity = this.clock();
  }

  /** A jar read of the tab starts; call the returned function once its result is recorded. */
  jarReadStarted(tabId: number): () => void {
    const entry = this.entry(tabId);
    const startedAt = ++this.seq;
    entry.startedSeq = startedAt;
    entry.reading++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const current = this.tabs.get(tabId);
      if (current !== entry) return;
      entry.reading--;
      entry.readSeq = Math.max(entry.readSeq, startedAt);
      entry.lastActivity = this.clock();
    };
  }

  /**
   * Whether a cookie change of the tab arrived after the last jar read started: a re-read is due.
   * A read that started after the change sees it, so no second read is needed for it.
   */
  jarStale(tabId: number): boolean {
    const entry = this.tabs.get(tabId);
    return !entry || entry.changeSeq > entry.startedSeq;
  }

  state(tabId: number): TabSettleState {
    const entry = this.tabs.get(tabId);
    if (!entry) return { loaded: false, jarCurrent: false, quietMs: 0 };
    const loaded = entry.completeSeq > 0;
    return {
      loaded,
      jarCurrent:
        loaded && entry.reading === 0 && entry.readSeq > entry.completeSeq && entry.readSeq > entry.changeSeq,
      quietMs: Math.max(0, this.clock() - entry.lastActivity),
    };
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
