import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../src/core/bounded-cache.ts';

describe('BoundedCache', () => {
  it('returns what was stored', () => {
    const c = new BoundedCache<string, number>(4);
    c.set('a', 1);
    expect(c.get('a')).toBe(1);
    expect(c.get('b')).toBeUndefined();
  });

  it('keeps at most two generations: entries older than that are dropped', () => {
    const c = new BoundedCache<number, number>(2);
    for (let i = 0; i < 6; i++) c.set(i, i * 10);
    // young = {4, 5}, old = {2, 3}; 0 and 1 are gone.
    expect(c.get(0)).toBeUndefined();
    expect(c.get(1)).toBeUndefined();
    expect(c.get(2)).toBe(20);
    expect(c.get(5)).toBe(50);
  });

  it('keeps an entry alive while it is used, even past the bound', () => {
    const c = new BoundedCache<number, number>(2);
    c.set(-1, 99);
    for (let i = 0; i < 100; i++) {
      expect(c.get(-1)).toBe(99);
      c.set(i, i);
    }
  });

  it('keeps more hits than clearing one map when full, for a working set larger than the bound', () => {
    const cyclic = (get: (k: number) => number | undefined, set: (k: number) => void) => {
      let hits = 0;
      for (let round = 0; round < 10; round++) {
        for (let k = 0; k < 150; k++) {
          if (get(k) !== undefined) hits++;
          else set(k);
        }
      }
      return hits / 1500;
    };
    const c = new BoundedCache<number, number>(100);
    const ours = cyclic(
      (k) => c.get(k),
      (k) => c.set(k, k),
    );
    const plain = new Map<number, number>();
    const clearing = cyclic(
      (k) => plain.get(k),
      (k) => {
        if (plain.size >= 100) plain.clear();
        plain.set(k, k);
      },
    );
    expect(ours).toBeGreaterThan(clearing + 0.1);
  });
});
