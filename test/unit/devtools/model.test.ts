/** The timeline filter's shortcut: an empty filter hides nothing, so the panel skips the pass. */
import { describe, expect, it } from 'vitest';
import { makeTimeline } from '../../../src/devtools/fixtures.ts';
import {
  EMPTY_TIMELINE_FILTER,
  entryMatches,
  findingsByName,
  timelineFilterActive,
} from '../../../src/devtools/model.ts';
import { manyFindingsView } from '../../../src/ui/connect/fixtures.ts';

describe('timelineFilterActive', () => {
  const audit = manyFindingsView(7).audit;
  const cookies = findingsByName(audit);

  it('is false only for a filter that every entry matches', () => {
    expect(timelineFilterActive(EMPTY_TIMELINE_FILTER)).toBe(false);
    expect(timelineFilterActive({ ...EMPTY_TIMELINE_FILTER, text: '   ' })).toBe(false);
    for (const entry of makeTimeline(200))
      expect(entryMatches(entry, { ...EMPTY_TIMELINE_FILTER, text: '  ' }, cookies, audit)).toBe(true);
  });

  it('is true for any field that can hide an entry', () => {
    expect(timelineFilterActive({ ...EMPTY_TIMELINE_FILTER, text: 'track' })).toBe(true);
    expect(timelineFilterActive({ ...EMPTY_TIMELINE_FILTER, rule: 'session-missing-secure' })).toBe(true);
    expect(timelineFilterActive({ ...EMPTY_TIMELINE_FILTER, severity: 'high' })).toBe(true);
    const entries = makeTimeline(200);
    const hidden = entries.filter(
      (e) => !entryMatches(e, { ...EMPTY_TIMELINE_FILTER, text: 'track_3' }, cookies, audit),
    );
    expect(hidden.length).toBeGreaterThan(0);
  });
});
