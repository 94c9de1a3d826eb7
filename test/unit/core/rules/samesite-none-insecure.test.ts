import { describe, expect, it } from 'vitest';
import { audit, findingsOf } from '../../../helpers/site.ts';

const RULE = 'samesite-none-insecure';

describe(RULE, () => {
  it('flags SameSite=None without Secure and marks the cookie rejected', () => {
    const f = findingsOf(RULE, ['widget=1; SameSite=None']);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('medium');
    expect(audit(['widget=1; SameSite=None']).cookies[0].rejected).toEqual(['samesite-none-insecure']);
  });

  it('does not flag SameSite=None; Secure or other values', () => {
    expect(findingsOf(RULE, ['widget=1; SameSite=None; Secure'])).toEqual([]);
    expect(findingsOf(RULE, ['widget=1; SameSite=Lax'])).toEqual([]);
  });
});
