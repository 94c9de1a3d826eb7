import { describe, expect, it } from 'vitest';
import { flushDelay, flushDueAt } from '../../../src/background/flush-delay.ts';

describe('flushDelay: when coalesced state is written', () => {
  it('waits for a 100 ms pause after the latest change', () => {
    expect(flushDelay(0, 0, 0)).toBe(100);
    // A change 400 ms into a burst re-arms the pause from that change.
    expect(flushDelay(400, 0, 0)).toBe(100);
  });

  it('writes at the latest 1 s after the oldest unsaved change while changes keep coming', () => {
    expect(flushDelay(950, 0, 0)).toBe(50);
    expect(flushDelay(1_000, 0, 0)).toBe(0);
    expect(flushDelay(1_500, 0, 0)).toBe(0);
  });

  it('waits longer after a slow write, never more than 2 s', () => {
    expect(flushDelay(0, 0, 100)).toBe(500);
    expect(flushDelay(0, 0, 10_000)).toBe(2_000);
    // A pause longer than the 1 s bound is kept whole for the first change.
    expect(flushDelay(0, 0, 300)).toBe(1_300);
    expect(flushDelay(500, 0, 300)).toBe(800);
  });

  it('is due one pause after the latest change, or 1 s after the oldest', () => {
    // Changes at 0 and 60 ms: due at 160, not at 100 (where the first timer fires and moves on).
    expect(flushDueAt(60, 0, 0)).toBe(160);
    // Changes every 50 ms from 0: the latest at 950 still writes at 1 s.
    expect(flushDueAt(950, 0, 0)).toBe(1_000);
    expect(flushDueAt(1_200, 0, 0)).toBe(1_200);
  });
});
