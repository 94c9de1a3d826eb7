import { describe, expect, it } from 'vitest';
import { TabSettle } from '../../../src/background/tab-settle.ts';

function clockAt(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TabSettle', () => {
  it('is current only once a jar read that started after the load is recorded', () => {
    const clock = clockAt();
    const settle = new TabSettle(clock.now);
    settle.loading(1);
    expect(settle.state(1)).toMatchObject({ loaded: false, jarCurrent: false });
    settle.complete(1);
    expect(settle.state(1)).toMatchObject({ loaded: true, jarCurrent: false });
    const recorded = settle.jarReadStarted(1);
    expect(settle.state(1).jarCurrent).toBe(false);
    recorded();
    expect(settle.state(1).jarCurrent).toBe(true);
  });

  it('a read that started before the load does not count', () => {
    const settle = new TabSettle(clockAt().now);
    const early = settle.jarReadStarted(1);
    settle.complete(1);
    early();
    expect(settle.state(1).jarCurrent).toBe(false);
  });

  it('a cookie change after the read started makes the jar stale again', () => {
    const settle = new TabSettle(clockAt().now);
    settle.complete(1);
    settle.cookieChanged(1);
    expect(settle.jarStale(1)).toBe(true);
    const recorded = settle.jarReadStarted(1);
    // The read in flight started after the change: it sees it, no second read is due.
    expect(settle.jarStale(1)).toBe(false);
    settle.cookieChanged(1);
    expect(settle.jarStale(1)).toBe(true);
    recorded();
    expect(settle.state(1).jarCurrent).toBe(false);
    const again = settle.jarReadStarted(1);
    again();
    expect(settle.state(1).jarCurrent).toBe(true);
    expect(settle.jarStale(1)).toBe(false);
  });

  it('a new navigation is not loaded until its own complete', () => {
    const settle = new TabSettle(clockAt().now);
    settle.complete(1);
    settle.jarReadStarted(1)();
    expect(settle.state(1).jarCurrent).toBe(true);
    settle.loading(1);
    expect(settle.state(1)).toMatchObject({ loaded: false, jarCurrent: false });
  });

  it('judges each tab on its own', () => {
    const settle = new TabSettle(clockAt().now);
    settle.complete(1);
    settle.jarReadStarted(1)();
    settle.complete(2);
    settle.cookieChanged(2);
    const reading2 = settle.jarReadStarted(2);
    expect(settle.state(1).jarCurrent).toBe(true);
    expect(settle.state(2).jarCurrent).toBe(false);
    reading2();
    expect(settle.state(2).jarCurrent).toBe(true);
  });

  it('counts quiet time from the last event of the tab', () => {
    const clock = clockAt();
    const settle = new TabSettle(clock.now);
    settle.complete(1);
    clock.advance(30);
    settle.activity(2);
    expect(settle.state(1).quietMs).toBe(30);
    settle.activity(1);
    clock.advance(10);
    expect(settle.state(1).quietMs).toBe(10);
    settle.activity(-1);
    expect(settle.state(-1).quietMs).toBe(0);
  });

  it('forgets a closed tab, and a read recorded after that changes nothing', () => {
    const settle = new TabSettle(clockAt().now);
    settle.complete(1);
    const recorded = settle.jarReadStarted(1);
    settle.forget(1);
    recorded();
    expect(settle.state(1)).toMatchObject({ loaded: false, jarCurrent: false });
    expect(settle.jarStale(1)).toBe(true);
  });
});
