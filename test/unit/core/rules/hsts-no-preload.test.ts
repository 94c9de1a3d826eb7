import { describe, expect, it } from 'vitest';
import { audit, findingsOf } from '../../../helpers/site.ts';

const RULE = 'hsts-no-preload';

describe(RULE, () => {
  it('notes HSTS without preload, and never costs points', () => {
    const f = findingsOf(RULE, [], { hsts: 'max-age=31536000; includeSubDomains' });
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(audit([], { hsts: 'max-age=31536000; includeSubDomains' }).score).toBe(
      audit([], { hsts: 'max-age=31536000; includeSubDomains; preload' }).score,
    );
  });

  it('does not flag preload or missing HSTS', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=31536000; includeSubDomains; preload' })).toEqual([]);
    expect(findingsOf(RULE, [], { hsts: null })).toEqual([]);
  });
});
