/**
 * Settings in storage.sync: whatever passes validation fits the browser's per-item quota (8,192
 * bytes) and total quota (102,400 bytes), split across items when needed, and reads back the same.
 * The fake storage area refuses what Chrome and Firefox refuse.
 */
import { describe, expect, it } from 'vitest';
import {
  readSettings,
  SETTINGS_KEY,
  SETTINGS_PART_PREFIX,
  type SyncArea,
  syncItemBytes,
  writeSettings,
} from '../../../src/background/settings-sync.ts';
import {
  defaultUserSettings,
  listRules,
  MAX_PROBLEM_LENGTH,
  MAX_PROBLEMS,
  validateSettings,
} from '../../../src/core/index.ts';

/** storage.sync as the browsers enforce it: QUOTA_BYTES_PER_ITEM and QUOTA_BYTES. */
function quotaArea(): SyncArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    async get() {
      return structuredClone(items);
    },
    async set(next) {
      const merged = { ...items, ...next };
      for (const [key, value] of Object.entries(next))
        if (syncItemBytes(key, value) > 8192) throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded (${key})`);
      const total = Object.entries(merged).reduce((n, [k, v]) => n + syncItemBytes(k, v), 0);
      if (total > 102_400) throw new Error('QUOTA_BYTES quota exceeded');
      Object.assign(items, structuredClone(next));
    },
    async remove(keys) {
      for (const key of keys) delete items[key];
    },
  };
}

const longName = (i: number, length = 250) => `n${i}_${'x'.repeat(length)}`.slice(0, length);

describe('settings in storage.sync', () => {
  it('keep a short list in one item, as before', async () => {
    const area = quotaArea();
    await writeSettings(area, defaultUserSettings());
    expect(Object.keys(area.items)).toEqual([SETTINGS_KEY]);
    expect(validateSettings(await readSettings(area)).settings).toEqual(defaultUserSettings());
  });

  it('save and read back the longest list validation lets through, within both quotas', async () => {
    const { settings, problems } = validateSettings({
      ignoreNames: Array.from({ length: 500 }, (_, i) => longName(i)),
      disabledRules: listRules().map((r) => r.id),
      severityOverrides: Object.fromEntries(listRules().map((r) => [r.id, 'info'])),
    });
    expect(settings.ignoreNames.length).toBeGreaterThan(200);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /ignoreNames is longer than 65536 bytes in all; the last \d+ names were dropped/,
    );
    const area = quotaArea();
    await writeSettings(area, settings);
    expect(Object.keys(area.items).filter((k) => k.startsWith(SETTINGS_PART_PREFIX)).length).toBeGreaterThan(
      1,
    );
    const back = validateSettings(await readSettings(area));
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(settings);
  });

  it('remove the parts a longer list left behind when a shorter one is saved', async () => {
    const area = quotaArea();
    const long = validateSettings({ ignoreNames: Array.from({ length: 200 }, (_, i) => longName(i, 100)) });
    await writeSettings(area, long.settings);
    await writeSettings(area, defaultUserSettings());
    expect(Object.keys(area.items)).toEqual([SETTINGS_KEY]);
  });

  it('fall back to the default list with a notice when a part is missing', async () => {
    const area = quotaArea();
    const long = validateSettings({ ignoreNames: Array.from({ length: 200 }, (_, i) => longName(i, 100)) });
    await writeSettings(area, long.settings);
    delete area.items[`${SETTINGS_PART_PREFIX}1`];
    const back = validateSettings(await readSettings(area));
    expect(back.settings.ignoreNames).toEqual(defaultUserSettings().ignoreNames);
    expect(back.problems.join(' ')).toMatch(/ignoreNames must be a list/);
  });
});

describe('validation messages', () => {
  it(`are at most ${MAX_PROBLEMS}, each at most ${MAX_PROBLEM_LENGTH} characters`, () => {
    const hostile = {
      [`${'k'.repeat(5000)}`]: 1,
      ignoreNames: Array.from({ length: 400 }, (_, i) => `bad name ${i} ${'y'.repeat(1000)}`),
      disabledRules: Array.from({ length: 400 }, (_, i) => `no-such-rule-${i}-${'z'.repeat(2000)}`),
    };
    const { problems } = validateSettings(hostile);
    expect(problems).toHaveLength(MAX_PROBLEMS);
    for (const p of problems) expect(p.length).toBeLessThanOrEqual(MAX_PROBLEM_LENGTH);
    expect(problems[MAX_PROBLEMS - 1]).toMatch(/^…and \d+ more problems\.$/);
  });
});
