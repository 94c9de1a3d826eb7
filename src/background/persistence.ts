/**
 * Writing the recorder's state to storage.session: the tabs, the changed sites' records and only the
 * cookie observations that changed (see STORAGE_KEYS). When the quota is exceeded the least recently
 * seen sites (none open in a tab) are dropped until the write fits; the caller shows the returned
 * notice. Never throws.
 */
import type { Recorder } from './recorder.ts';
import { cookieStorageKey, droppableSites, STORAGE_KEYS, siteMeta, siteStorageKey } from './state.ts';

/** The part of storage.session this needs (a fake in unit tests). */
export interface SessionStore {
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface PersistResult {
  ok: boolean;
  /** Origins dropped to make room. */
  dropped: string[];
  error?: string;
}

/** What changed since the last write, taken (and cleared) from the recorder. */
export interface PendingWrites {
  tabs: boolean;
  sites: Set<string>;
  cookies: Map<string, Set<string>>;
  removedCookies: Map<string, Set<string>>;
  droppedSites: Map<string, string[]>;
}

export function takePendingWrites(recorder: Recorder): PendingWrites {
  const pending = {
    tabs: recorder.tabsDirty,
    sites: new Set(recorder.dirtySites),
    cookies: new Map(recorder.dirtyCookies),
    removedCookies: new Map(recorder.removedCookies),
    droppedSites: new Map(recorder.droppedSites),
  };
  recorder.tabsDirty = false;
  recorder.dirtySites.clear();
  recorder.dirtyCookies.clear();
  recorder.removedCookies.clear();
  recorder.droppedSites.clear();
  return pending;
}

export function nothingToWrite(pending: PendingWrites): boolean {
  return (
    !pending.tabs &&
    pending.sites.size === 0 &&
    pending.cookies.size === 0 &&
    pending.removedCookies.size === 0 &&
    pending.droppedSites.size === 0
  );
}

function siteKeys(origin: string, cookieKeys: Iterable<string>): string[] {
  const keys = [siteStorageKey(origin)];
  for (const key of cookieKeys) keys.push(cookieStorageKey(origin, key));
  return keys;
}

export async function persistState(
  store: SessionStore,
  recorder: Recorder,
  pending: PendingWrites,
): Promise<PersistResult> {
  if (nothingToWrite(pending)) return { ok: true, dropped: [] };
  const items: Record<string, unknown> = {};
  if (pending.tabs) items[STORAGE_KEYS.tabs] = recorder.state.tabs;
  const removals: string[] = [];
  for (const [origin, keys] of pending.droppedSites) removals.push(...siteKeys(origin, keys));
  for (const [origin, keys] of pending.removedCookies)
    for (const key of keys) removals.push(cookieStorageKey(origin, key));
  for (const origin of pending.sites) {
    const site = recorder.state.sites[origin];
    if (site) items[siteStorageKey(origin)] = siteMeta(site);
  }
  for (const [origin, keys] of pending.cookies) {
    const site = recorder.state.sites[origin];
    if (!site) continue;
    for (const key of keys) if (site.cookies[key]) items[cookieStorageKey(origin, key)] = site.cookies[key];
  }
  try {
    if (removals.length > 0) await store.remove(removals);
    if (Object.keys(items).length > 0) await store.set(items);
    return { ok: true, dropped: [] };
  } catch (error) {
    items[STORAGE_KEYS.tabs] = recorder.state.tabs;
    const dropped: string[] = [];
    for (const site of droppableSites(recorder.state)) {
      const keys = siteKeys(site.origin, Object.keys(site.cookies));
      delete recorder.state.sites[site.origin];
      for (const key of keys) delete items[key];
      dropped.push(site.origin);
      try {
        await store.remove(keys);
        await store.set(items);
        return { ok: true, dropped };
      } catch {
        // still too big: drop the next one
      }
    }
    return { ok: false, dropped, error: error instanceof Error ? error.message : String(error) };
  }
}
