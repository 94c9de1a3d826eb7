import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'expiry-over-400-days';

describe(RULE, () => {
  it('notes a lifetime the browser caps at 400 days', () => {
    expect(findingsOf(RULE, ['remember=1; Max-Age=63072000; Secure'])[0].evidence).toContain(
      'asks for 730 days',
    );
    expect(findingsOf(RULE, ['remember=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Secure'])).toHaveLength(1);
  });

  it('does not flag 400 days or less, or session cookies', () => {
    expect(findingsOf(RULE, ['remember=1; Max-Age=34560000; Secure'])).toEqual([]);
    expect(findingsOf(RULE, ['remember=1; Secure'])).toEqual([]);
  });
});
