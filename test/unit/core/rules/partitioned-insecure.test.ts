import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'partitioned-insecure';

describe(RULE, () => {
  it('flags Partitioned without Secure (CHIPS: rejected)', () => {
    expect(findingsOf(RULE, ['embed=1; Partitioned; SameSite=None'])).toHaveLength(1);
  });

  it('does not flag Partitioned; Secure or unpartitioned cookies', () => {
    expect(findingsOf(RULE, ['__Host-embed=1; Partitioned; Secure; Path=/; SameSite=None'])).toEqual([]);
    expect(findingsOf(RULE, ['embed=1'])).toEqual([]);
  });
});
