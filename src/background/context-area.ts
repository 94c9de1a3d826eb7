/**
 * storage.session as one instance of the worker sees it. In Chrome's split incognito mode an
 * incognito window gets a worker of its own, but storage.session is one area for both: measured,
 * each worker read the other's tabs, sites and timelines, and each overwrote the other's tabs record.
 * So the incognito worker's keys carry a prefix, and each worker reads, writes and lists only its own:
 * nothing seen in incognito reaches the normal window's popup, report or export.
 */
import type { StorageArea } from './stored-json.ts';

export const INCOGNITO_KEY_PREFIX = 'incognito:';

/** A storage area narrowed to one context's keys (`get` also takes one key). */
export interface ContextArea extends StorageArea {
  get(keys: null | string): Promise<Record<string, unknown>>;
  /** Removes every key of this context. */
  clearOwn(): Promise<void>;
}

export function contextArea(
  area: StorageArea & { get(keys: null | string | string[]): Promise<Record<string, unknown>> },
  incognito: boolean,
): ContextArea {
  const prefix = incognito ? INCOGNITO_KEY_PREFIX : '';
  const own = (key: string) => (incognito ? key.startsWith(prefix) : !key.startsWith(INCOGNITO_KEY_PREFIX));
  const ownItems = async (): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(await area.get(null))) {
      if (own(key)) out[key.slice(prefix.length)] = value;
    }
    return out;
  };
  return {
    async get(keys) {
      if (keys === null) return ownItems();
      const found = await area.get(prefix + keys);
      return prefix + keys in found ? { [keys]: found[prefix + keys] } : {};
    },
    set(items) {
      if (!incognito) return area.set(items);
      const prefixed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(items)) prefixed[prefix + key] = value;
      return area.set(prefixed);
    },
    remove(keys) {
      const list = Array.isArray(keys) ? keys : [keys];
      return area.remove(list.map((key) => prefix + key));
    },
    async clearOwn() {
      const keys = Object.keys(await area.get(null)).filter(own);
      if (keys.length > 0) await area.remove(keys);
    },
  };
}
