/**
 * Per-tab timeline of what happened to cookies, for the DevTools panel. Entries are numbered (seq,
 * increasing per tab) and stored in storage.session in chunks of CHUNK entries, so that a restarted
 * worker resumes numbering where it stopped and a panel that reconnects asks for "after seq N":
 * nothing lost, nothing twice. Bounded: beyond LIMIT entries per tab the oldest go, and the count of
 * dropped entries is kept for the panel's notice. No browser API here; entries never hold a value.
 */
import type { TimelineEntry } from '../messages.ts';

export const TIMELINE_LIMITS = {
  entriesPerTab: 1_000,
  /** Set-Cookie lines listed per response entry (the rest are counted). */
  linesPerResponse: 50,
  /** Characters of masked evidence kept per line. */
  evidenceChars: 300,
} as const;

/** Entries per storage key: a new entry rewrites one small key, not the whole timeline. */
export const CHUNK = 50;

export const TIMELINE_KEYS = {
  metaPrefix: 'cookieAuditTimelineMeta:',
  chunkPrefix: 'cookieAuditTimeline:',
} as const;

export interface TabTimeline {
  /** Seq of the next entry (the first is 1). */
  nextSeq: number;
  dropped: number;
  entries: TimelineEntry[];
}

interface TimelineMeta {
  nextSeq: number;
  dropped: number;
}

/** An entry as given to append: the timeline numbers and dates it. */
export type NewEntry = TimelineEntry extends infer E
  ? E extends TimelineEntry
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

export function chunkKey(tabId: number, chunk: number): string {
  return `${TIMELINE_KEYS.chunkPrefix}${tabId}:${chunk}`;
}

export function metaKey(tabId: number): string {
  return TIMELINE_KEYS.metaPrefix + tabId;
}

const chunkOf = (seq: number) => Math.floor(seq / CHUNK);

export class Timeline {
  readonly tabs = new Map<number, TabTimeline>();
  /** Chunks (per tab) written or emptied since the last persist. */
  private readonly dirty = new Map<number, Set<number>>();
  private readonly removedTabs = new Set<number>();

  constructor(
    private readonly clock: () => number = Date.now,
    readonly limit: number = TIMELINE_LIMITS.entriesPerTab,
  ) {}

  get(tabId: number): TabTimeline {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = { nextSeq: 1, dropped: 0, entries: [] };
      this.tabs.set(tabId, tab);
    }
    return tab;
  }

  append(tabId: number, entry: NewEntry): TimelineEntry {
    const tab = this.get(tabId);
    const full = { ...entry, seq: tab.nextSeq++, at: this.clock() } as TimelineEntry;
    tab.entries.push(full);
    this.markDirty(tabId, full.seq);
    if (tab.entries.length > this.limit) {
      // shift, not splice: V8 drops an array's first element in place, where splice(0, 1) copies
      // the whole array (3 µs against 0.1 µs at 1,000 entries, on every append once full).
      const gone: TimelineEntry[] = [];
      while (tab.entries.length > this.limit) gone.push(tab.entries.shift() as TimelineEntry);
      tab.dropped += gone.length;
      // Only a chunk left with no entry is touched (removed). One that still holds newer entries is
      // not rewritten for each entry that leaves it, once per append on a full timeline: its stored
      // copy keeps a few older entries, which a restore drops again (it keeps the newest `limit`).
      const firstKept = chunkOf(tab.entries[0].seq);
      for (const old of gone) if (chunkOf(old.seq) < firstKept) this.markDirty(tabId, old.seq);
    }
    this.removedTabs.delete(tabId);
    return full;
  }

  /** The last navigation's URL, to avoid a separator twice for one document. */
  lastNavigation(tabId: number): string | null {
    const entries = this.tabs.get(tabId)?.entries ?? [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e.kind === 'navigation') return e.url;
    }
    return null;
  }

  /** Entries with seq > afterSeq. */
  since(tabId: number, afterSeq: number): TimelineEntry[] {
    const entries = this.tabs.get(tabId)?.entries ?? [];
    // Entries are in seq order: find the first newer one from the end (usually only a few are new).
    let i = entries.length;
    while (i > 0 && entries[i - 1].seq > afterSeq) i--;
    return entries.slice(i);
  }

  closeTab(tabId: number): void {
    if (!this.tabs.has(tabId)) return;
    this.tabs.delete(tabId);
    this.dirty.delete(tabId);
    this.removedTabs.add(tabId);
  }

  private markDirty(tabId: number, seq: number): void {
    let set = this.dirty.get(tabId);
    if (!set) {
      set = new Set();
      this.dirty.set(tabId, set);
    }
    set.add(chunkOf(seq));
  }

  /** A closed tab's chunks are still to be removed (they are found by listing storage). */
  hasRemovedTabs(): boolean {
    return this.removedTabs.size > 0;
  }

  hasPendingWrites(): boolean {
    return this.dirty.size > 0 || this.removedTabs.size > 0;
  }

  /**
   * What to write and remove so that storage mirrors memory, and clears the pending set. `stored`
   * lists the keys storage holds (for removing a closed tab's chunks).
   */
  takeWrites(storedKeys: Iterable<string> = []): { set: Record<string, unknown>; remove: string[] } {
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const [tabId, chunks] of this.dirty) {
      const tab = this.tabs.get(tabId);
      if (!tab) continue;
      set[metaKey(tabId)] = { nextSeq: tab.nextSeq, dropped: tab.dropped } satisfies TimelineMeta;
      for (const chunk of chunks) {
        const entries = tab.entries.filter((e) => chunkOf(e.seq) === chunk);
        if (entries.length > 0) set[chunkKey(tabId, chunk)] = entries;
        else remove.push(chunkKey(tabId, chunk));
      }
    }
    if (this.removedTabs.size > 0) {
      for (const key of storedKeys) {
        const tabId = tabOfKey(key);
        if (tabId !== null && this.removedTabs.has(tabId)) remove.push(key);
      }
    }
    this.dirty.clear();
    this.removedTabs.clear();
    return { set, remove };
  }

  /** Rebuilds the timelines from storage.session items (anything malformed is skipped). */
  static fromStorage(items: Record<string, unknown>, clock?: () => number, limit?: number): Timeline {
    const timeline = new Timeline(clock, limit);
    for (const [key, value] of Object.entries(items)) {
      if (!key.startsWith(TIMELINE_KEYS.metaPrefix)) continue;
      const tabId = Number(key.slice(TIMELINE_KEYS.metaPrefix.length));
      const meta = value as Partial<TimelineMeta> | null;
      if (!Number.isInteger(tabId) || !meta || typeof meta.nextSeq !== 'number') continue;
      timeline.tabs.set(tabId, {
        nextSeq: meta.nextSeq,
        dropped: typeof meta.dropped === 'number' ? meta.dropped : 0,
        entries: [],
      });
    }
    for (const [key, value] of Object.entries(items)) {
      if (!key.startsWith(TIMELINE_KEYS.chunkPrefix) || !Array.isArray(value)) continue;
      const tab = timeline.tabs.get(tabOfKey(key) ?? Number.NaN);
      if (!tab) continue;
      for (const entry of value as TimelineEntry[]) {
        if (typeof entry?.seq === 'number' && entry.seq < tab.nextSeq && typeof entry.kind === 'string')
          tab.entries.push(entry);
      }
    }
    for (const tab of timeline.tabs.values()) {
      tab.entries.sort((a, b) => a.seq - b.seq);
      // A stored chunk may still hold entries that had already left the bound (see append).
      const oldest = tab.nextSeq - timeline.limit;
      if (tab.entries.length > 0 && tab.entries[0].seq < oldest) {
        tab.entries = tab.entries.filter((e) => e.seq >= oldest);
      }
    }
    return timeline;
  }
}

function tabOfKey(key: string): number | null {
  const rest = key.startsWith(TIMELINE_KEYS.metaPrefix)
    ? key.slice(TIMELINE_KEYS.metaPrefix.length)
    : key.startsWith(TIMELINE_KEYS.chunkPrefix)
      ? key.slice(TIMELINE_KEYS.chunkPrefix.length).split(':')[0]
      : null;
  if (rest === null) return null;
  const id = Number(rest);
  return Number.isInteger(id) ? id : null;
}

/** The part of storage.session the timeline writes through (a fake in unit tests). */
export interface TimelineStore {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Writes the timeline's pending changes; never throws (a failed write is logged). */
export async function persistTimeline(timeline: Timeline, store: TimelineStore): Promise<void> {
  if (!timeline.hasPendingWrites()) return;
  try {
    // Listing storage is only needed to find a closed tab's chunks.
    const stored = timeline.hasRemovedTabs()
      ? Object.keys(await store.get(null)).filter(
          (k) => k.startsWith(TIMELINE_KEYS.chunkPrefix) || k.startsWith(TIMELINE_KEYS.metaPrefix),
        )
      : [];
    const { set, remove } = timeline.takeWrites(stored);
    if (remove.length > 0) await store.remove(remove);
    if (Object.keys(set).length > 0) await store.set(set);
  } catch (error) {
    console.error(
      'Cookie Audit: could not save the timeline:',
      error instanceof Error ? error.message : error,
    );
  }
}
