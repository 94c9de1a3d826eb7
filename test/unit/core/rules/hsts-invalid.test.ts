import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'hsts-invalid';

describe(RULE, () => {
  it.each(['includeSubDomains', 'max-age=31536000, max-age=31536000', 'max-age=abc', 'max-age=1; max-age=2'])(
    'flags %j',
    (h) => {
      const f = findingsOf(RULE, [], { hsts: h });
      expect(f).toHaveLength(1);
      expect(f[0].evidence).toContain('Strict-Transport-Security:');
    },
  );

  it('does not flag a valid header', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=31536000; includeSubDomains' })).toEqual([]);
  });
});
