import { describe, expect, it } from 'vitest';
import { persistState, type SessionStore, takePendingWrites } from '../../../src/background/persistence.ts';
import { Recorder } from '../../../src/background/recorder.ts';
import { emptyState, STORAGE_KEYS, stateFromStorage } from '../../../src/background/state.ts';

/** storage.session stand-in with a byte quota, measured like Chrome (JSON of key + value). */
class QuotaStore implements SessionStore {
  items = new Map<string, string>();
  constructor(private readonly quota: number) {}
  bytes(items = this.items): number {
    let total = 0;
    for (const [k, v] of items) total += k.length + v.length;
    return total;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    const next = new Map(this.items);
    for (const [k, v] of Object.entries(items)) next.set(k, JSON.stringify(v));
    if (this.bytes(next) > this.quota) throw new Error('Session storage quota bytes exceeded');
    this.items = next;
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.items.delete(k);
  }
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.items].map(([k, v]) => [k, JSON.parse(v)]));
  }
}

function siteResponse(r: Recorder, tabId: number, i: number) {
  r.onResponse({
    tabId,
    requestId: `r${i}`,
    url: `https://site${i}.example/`,
    type: 'main_frame',
    statusCode: 200,
    responseHeaders: Array.from({ length: 20 }, (_, j) => ({
      name: 'Set-Cookie',
      value: `c${j}=${'v'.repeat(30)}; Secure`,
    })),
  });
}

describe('persistState', () => {
  it('writes only the changed sites and restores the same state', async () => {
    let now = 1;
    const r = new Recorder(
      emptyState(),
      (v) => `h${v.length}`,
      () => now++,
    );
    const store = new QuotaStore(10_000_000);
    siteResponse(r, 1, 1);
    siteResponse(r, 2, 2);
    expect((await persistState(store, r, takePendingWrites(r))).ok).toBe(true);
    const keys = [...store.items.keys()];
    expect(keys).toContain(STORAGE_KEYS.tabs);
    expect(keys).toContain(`${STORAGE_KEYS.sitePrefix}https://site1.example`);
    expect(keys).toContain(`${STORAGE_KEYS.sitePrefix}https://site2.example`);
    expect(keys.filter((k) => k.startsWith(STORAGE_KEYS.cookiePrefix))).toHaveLength(40);
    // The same cookies again: nothing to rewrite but the tabs.
    siteResponse(r, 1, 1);
    const again = takePendingWrites(r);
    expect([...again.cookies.values()].flatMap((k) => [...k])).toEqual([]);
    await persistState(store, r, again);
    expect(stateFromStorage(store.snapshot())).toEqual(JSON.parse(JSON.stringify(r.state)));
  });

  it('drops the oldest sites not open in a tab when the quota is exceeded, and never throws', async () => {
    let now = 1;
    const r = new Recorder(
      emptyState(),
      (v) => `h${v.length}`,
      () => now++,
    );
    const store = new QuotaStore(60_000);
    for (let i = 0; i < 30; i++) {
      siteResponse(r, 100 + i, i);
      if (i < 29) r.closeTab(100 + i);
      const result = await persistState(store, r, takePendingWrites(r));
      expect(result.ok).toBe(true);
    }
    expect(store.bytes()).toBeLessThanOrEqual(60_000);
    const kept = Object.keys(r.state.sites);
    expect(kept).toContain('https://site29.example');
    expect(kept).not.toContain('https://site0.example');
    // What is stored is what is in memory: nothing dropped in one and kept in the other.
    expect(Object.keys(stateFromStorage(store.snapshot()).sites).sort()).toEqual(kept.sort());
  });

  it('reports failure without throwing when even one site cannot fit', async () => {
    const r = new Recorder(
      emptyState(),
      (v) => v,
      () => 1,
    );
    siteResponse(r, 1, 1);
    const result = await persistState(new QuotaStore(100), r, takePendingWrites(r));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/quota/);
  });

  it('removes every stored key of a dropped store, the jar cookies emptied as its last window closed too', async () => {
    const r = new Recorder(
      emptyState(),
      (v) => `h${v.length}`,
      () => 1,
    );
    const store = new QuotaStore(10_000_000);
    const url = 'https://shop.example/';
    const jarCookie = (name: string, storeId: string) => ({
      name,
      value: 'v',
      domain: 'shop.example',
      hostOnly: true,
      path: '/',
      secure: true,
      httpOnly: true,
      session: true,
      storeId,
    });
    for (const [tabId, storeId] of [
      [1, 'firefox-default'],
      [2, 'firefox-private'],
    ] as const) {
      r.startDocument(tabId, url, storeId);
      r.onResponse({
        tabId,
        requestId: `r${tabId}`,
        url,
        type: 'main_frame',
        statusCode: 200,
        cookieStoreId: storeId,
        responseHeaders: [{ name: 'Set-Cookie', value: `seen_${tabId}=1; Secure` }],
      });
      r.recordJar(tabId, [jarCookie(`jar_${tabId}`, storeId)], true);
    }
    await persistState(store, r, takePendingWrites(r));
    const privateKeys = () => [...store.items.keys()].filter((k) => k.includes('firefox-private|'));
    expect(privateKeys().filter((k) => k.startsWith(STORAGE_KEYS.cookiePrefix))).toHaveLength(2);

    // Firefox empties the private jar as the last private window closes, then the window is gone.
    r.removeJarCookie(jarCookie('jar_2', 'firefox-private'));
    r.closeTab(2);
    r.dropStore('firefox-private');
    await persistState(store, r, takePendingWrites(r));
    expect(privateKeys()).toEqual([]);
    expect(JSON.stringify(store.snapshot())).not.toMatch(/seen_2|jar_2/);
    expect(Object.keys(stateFromStorage(store.snapshot()).sites)).toEqual(['https://shop.example']);
    expect([...store.items.keys()].filter((k) => k.startsWith(STORAGE_KEYS.cookiePrefix))).toHaveLength(2);
  });
});
