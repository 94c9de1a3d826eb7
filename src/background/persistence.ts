/**
 * Writing the recorder's state to storage.session: one key for the tabs and one per site, only the
 * sites that changed. When the quota is exceeded the least recently seen sites (none open in a tab)
 * are dropped until the write fits; the caller shows the returned notice. Never throws.
 */
import type { Recorder } from './recorder.ts';
import { STORAGE_KEYS } from './state.ts';

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

export async function persistState(
  store: SessionStore,
  recorder: Recorder,
  changedSites: Iterable<string>,
  droppedSites: string[],
): Promise<PersistResult> {
  const items: Record<string, unknown> = { [STORAGE_KEYS.tabs]: recorder.state.tabs };
  for (const origin of changedSites) {
    const site = recorder.state.sites[origin];
    if (site) items[STORAGE_KEYS.sitePrefix + origin] = site;
  }
  try {
    if (droppedSites.length > 0) await store.remove(droppedSites.map((o) => STORAGE_KEYS.sitePrefix + o));
    await store.set(items);
    return { ok: true, dropped: [] };
  } catch (error) {
    const inTabs = new Set(Object.values(recorder.state.tabs).map((t) => t.origin));
    const oldest = Object.values(recorder.state.sites)
      .filter((site) => !inTabs.has(site.origin))
      .sort((a, b) => a.lastSeen - b.lastSeen);
    const dropped: string[] = [];
    for (const site of oldest) {
      delete recorder.state.sites[site.origin];
      delete items[STORAGE_KEYS.sitePrefix + site.origin];
      dropped.push(site.origin);
      try {
        await store.remove(STORAGE_KEYS.sitePrefix + site.origin);
        await store.set(items);
        return { ok: true, dropped };
      } catch {
        // still too big: drop the next one
      }
    }
    return { ok: false, dropped, error: error instanceof Error ? error.message : String(error) };
  }
}
