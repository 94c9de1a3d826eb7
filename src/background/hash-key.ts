/**
 * The key of the keyed hash that stands in for cookie values (so a value can be compared across a
 * login without being kept). It lives in storage.session: the same across worker restarts, gone when
 * the browser closes.
 */

import { sessionArea } from './session-storage.ts';
import { STORAGE_KEYS } from './state.ts';

const HASH_KEY = STORAGE_KEYS.hashKey;

export async function loadOrCreateHashKey(): Promise<string> {
  const stored = (await sessionArea.get(HASH_KEY))[HASH_KEY];
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await sessionArea.set({ [HASH_KEY]: key });
  return key;
}
