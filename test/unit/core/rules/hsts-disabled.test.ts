import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'hsts-disabled';

describe(RULE, () => {
  it('flags max-age=0', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=0; includeSubDomains' })).toHaveLength(1);
    expect(findingsOf(RULE, [], { hsts: 'max-age="0"' })).toHaveLength(1);
  });

  it('does not flag a positive max-age', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=1' })).toEqual([]);
  });
});
