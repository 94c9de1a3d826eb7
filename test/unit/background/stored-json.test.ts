/** The recorded state and the timeline stored as JSON text: what is written, and what reads back. */
import { describe, expect, it } from 'vitest';
import { persistState, takePendingWrites } from '../../../src/background/persistence.ts';
import { Recorder } from '../../../src/background/recorder.ts';
import { emptyState, stateFromStorage } from '../../../src/background/state.ts';
import { decodeStoredItems, encodeItems, jsonTextArea } from '../../../src/background/stored-json.ts';
import { persistTimeline, Timeline } from '../../../src/background/timeline.ts';

/** storage.session stand-in that keeps exactly what it is given (as the browser's copy would). */
class RawArea {
  items: Record<string, unknown> = {};
  async get(): Promise<Record<string, unknown>> {
    return structuredClone(this.items);
  }
  async set(items: Record<string, unknown>): Promise<void> {
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) delete this.items[key];
  }
}

describe('JSON-text storage', () => {
  it('writes objects and arrays as text and leaves strings, numbers and booleans as they are', () => {
    expect(encodeItems({ a: { x: 1 }, b: [1, 2], c: 'abc', d: 3, e: true, f: null })).toEqual({
      a: '{"x":1}',
      b: '[1,2]',
      c: 'abc',
      d: 3,
      e: true,
      f: null,
    });
  });

  it('reads text back, and passes on objects, plain strings and malformed text unchanged', () => {
    expect(
      decodeStoredItems({
        text: '{"x":[1,"two"]}',
        list: '[3]',
        object: { already: 'an object' },
        hex: '0a1b',
        broken: '{"x":',
        flag: false,
      }),
    ).toEqual({
      text: { x: [1, 'two'] },
      list: [3],
      object: { already: 'an object' },
      hex: '0a1b',
      broken: '{"x":',
      flag: false,
    });
  });

  it('stores the recorder state and the timeline as text and restores both after a restart', async () => {
    const raw = new RawArea();
    const area = jsonTextArea(raw);
    let now = 1;
    const recorder = new Recorder(
      emptyState(),
      (v) => `h${v.length}`,
      () => now++,
    );
    recorder.onResponse({
      tabId: 3,
      requestId: 'r1',
      url: 'https://shop.example/',
      type: 'main_frame',
      statusCode: 200,
      responseHeaders: [
        { name: 'Set-Cookie', value: 'sid=abc123; Secure; HttpOnly' },
        { name: 'Set-Cookie', value: 'theme=dark' },
      ],
    });
    const timeline = new Timeline(() => 1000);
    timeline.append(3, { kind: 'navigation', url: 'https://shop.example/' });
    expect((await persistState(area, recorder, takePendingWrites(recorder))).ok).toBe(true);
    await persistTimeline(timeline, area);

    const values = Object.values(raw.items);
    expect(values.length).toBeGreaterThan(3);
    expect(values.every((v) => typeof v === 'string')).toBe(true);

    const restored = await area.get(null);
    expect(stateFromStorage(restored)).toEqual(JSON.parse(JSON.stringify(recorder.state)));
    expect(Timeline.fromStorage(restored).get(3).entries).toEqual(timeline.get(3).entries);
    // Read without decoding, the loaders find nothing of the right shape: decoding is what restores.
    expect(Timeline.fromStorage(raw.items).get(3).entries).toEqual([]);
  });
});
