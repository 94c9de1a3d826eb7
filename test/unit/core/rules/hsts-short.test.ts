import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'hsts-short';

describe(RULE, () => {
  it('flags max-age under six months (15552000 s)', () => {
    const f = findingsOf(RULE, [], { hsts: 'max-age=86400' });
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('24 h');
    expect(findingsOf(RULE, [], { hsts: 'max-age=15551999' })).toHaveLength(1);
  });

  it('does not flag six months or more, max-age=0 (hsts-disabled) or an invalid header (hsts-invalid)', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=15552000' })).toEqual([]);
    expect(findingsOf(RULE, [], { hsts: 'max-age=0' })).toEqual([]);
    expect(findingsOf(RULE, [], { hsts: 'max-age=100, max-age=100' })).toEqual([]);
  });
});
