/**
 * How the settings are laid out in storage.sync. An item may hold at most 8,192 bytes (its key plus
 * its value as JSON, in both Chrome and Firefox), so a settings object that does not fit one item
 * keeps its ignore list in numbered parts: `cookieAuditSettings` says how many, each part holds a
 * slice of the names. Settings that pass validation always fit (validateSettings bounds the list's
 * size), so saving a long ignore list never fails. No browser API here: the storage area is passed in.
 */
import type { UserSettings } from '../core/index.ts';

export const SETTINGS_KEY = 'cookieAuditSettings';
export const SETTINGS_PART_PREFIX = 'cookieAuditSettings.ignoreNames.';
/** storage.sync's QUOTA_BYTES_PER_ITEM (Chrome and Firefox). */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;
/** Room kept below the quota in case a browser counts a few bytes more than we do. */
const ITEM_BUDGET = SYNC_QUOTA_BYTES_PER_ITEM - 256;
/** More parts than validation can ever need; stale ones up to this index are removed on save. */
const MAX_PARTS = 16;

/** The part of storage.sync this needs (a quota-checking fake in unit tests). */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const encoder = new TextEncoder();

/** What storage.sync counts for an item: the key and the value's JSON, in UTF-8 bytes. */
export function syncItemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

export function isSettingsKey(key: string): boolean {
  return key === SETTINGS_KEY || key.startsWith(SETTINGS_PART_PREFIX);
}

/** The items that store these settings: one when they fit, else the ignore list in parts. */
export function settingsToSyncItems(settings: UserSettings): Record<string, unknown> {
  if (syncItemBytes(SETTINGS_KEY, settings) <= ITEM_BUDGET) return { [SETTINGS_KEY]: settings };
  const items: Record<string, unknown> = {};
  const parts: string[][] = [[]];
  for (const name of settings.ignoreNames) {
    const current = parts[parts.length - 1];
    const key = SETTINGS_PART_PREFIX + (parts.length - 1);
    if (current.length > 0 && syncItemBytes(key, [...current, name]) > ITEM_BUDGET) parts.push([name]);
    else current.push(name);
  }
  parts.forEach((names, i) => {
    items[SETTINGS_PART_PREFIX + i] = names;
  });
  const { ignoreNames: _names, ...rest } = settings;
  items[SETTINGS_KEY] = { ...rest, ignoreNamesParts: parts.length };
  return items;
}

/**
 * The stored settings joined back into one object for validateSettings. A missing or broken part
 * makes the ignore list invalid, so validation falls back to the default list with a notice.
 */
export function settingsFromSyncItems(items: Record<string, unknown>): unknown {
  const main = items[SETTINGS_KEY];
  if (typeof main !== 'object' || main === null || Array.isArray(main) || !('ignoreNamesParts' in main))
    return main;
  const { ignoreNamesParts, ...rest } = main as Record<string, unknown>;
  const count = typeof ignoreNamesParts === 'number' ? ignoreNamesParts : -1;
  if (!Number.isInteger(count) || count < 0 || count > MAX_PARTS) return { ...rest, ignoreNames: null };
  const names: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const part = items[SETTINGS_PART_PREFIX + i];
    if (!Array.isArray(part)) return { ...rest, ignoreNames: null };
    names.push(...part);
  }
  return { ...rest, ignoreNames: names };
}

/** Writes the settings, then removes the parts a longer list left behind. */
export async function writeSettings(area: SyncArea, settings: UserSettings): Promise<void> {
  const items = settingsToSyncItems(settings);
  await area.set(items);
  const stale: string[] = [];
  for (let i = 0; i < MAX_PARTS; i++)
    if (!(SETTINGS_PART_PREFIX + i in items)) stale.push(SETTINGS_PART_PREFIX + i);
  await area.remove(stale);
}

/** The stored settings as one raw object (undefined when none are stored). */
export async function readSettings(area: SyncArea): Promise<unknown> {
  return settingsFromSyncItems(await area.get(null));
}
