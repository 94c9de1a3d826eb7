/** One storage.session shared by Chrome's normal and incognito workers: each sees only its own keys. */
import { describe, expect, it } from 'vitest';
import { contextArea, INCOGNITO_KEY_PREFIX } from '../../../src/background/context-area.ts';

class SharedArea {
  items: Record<string, unknown> = {};
  async get(keys: null | string | string[]): Promise<Record<string, unknown>> {
    if (keys === null) return { ...this.items };
    const list = Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(list.filter((k) => k in this.items).map((k) => [k, this.items[k]]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    Object.assign(this.items, items);
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) delete this.items[key];
  }
}

describe('context area', () => {
  it('keeps the two workers’ keys apart in one shared area', async () => {
    const shared = new SharedArea();
    const normal = contextArea(shared, false);
    const incognito = contextArea(shared, true);
    await normal.set({ cookieAuditTabs: 'normal tabs', cookieAuditHashKey: 'a' });
    await incognito.set({ cookieAuditTabs: 'private tabs', 'cookieAuditSite:https://p.test': '{}' });

    expect(Object.keys(shared.items).sort()).toEqual([
      'cookieAuditHashKey',
      'cookieAuditTabs',
      `${INCOGNITO_KEY_PREFIX}cookieAuditSite:https://p.test`,
      `${INCOGNITO_KEY_PREFIX}cookieAuditTabs`,
    ]);
    expect(await normal.get(null)).toEqual({ cookieAuditTabs: 'normal tabs', cookieAuditHashKey: 'a' });
    expect(await incognito.get(null)).toEqual({
      cookieAuditTabs: 'private tabs',
      'cookieAuditSite:https://p.test': '{}',
    });
    expect(await incognito.get('cookieAuditTabs')).toEqual({ cookieAuditTabs: 'private tabs' });
    expect(await incognito.get('cookieAuditHashKey')).toEqual({});
  });

  it('removes and clears only its own keys', async () => {
    const shared = new SharedArea();
    const normal = contextArea(shared, false);
    const incognito = contextArea(shared, true);
    await normal.set({ a: 1, b: 2 });
    await incognito.set({ a: 3, b: 4 });
    await incognito.remove('a');
    expect(shared.items).toEqual({ a: 1, b: 2, [`${INCOGNITO_KEY_PREFIX}b`]: 4 });
    await incognito.clearOwn();
    expect(shared.items).toEqual({ a: 1, b: 2 });
    await incognito.set({ c: 5 });
    await normal.clearOwn();
    expect(shared.items).toEqual({ [`${INCOGNITO_KEY_PREFIX}c`]: 5 });
  });
});
