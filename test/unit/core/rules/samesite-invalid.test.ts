import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'samesite-invalid';

describe(RULE, () => {
  it.each(['SameSite=true', 'SameSite=', 'SameSite', 'SameSite=Lax; SameSite=Relaxed'])(
    'flags %j',
    (attr) => {
      const f = findingsOf(RULE, [`pref=1; Secure; ${attr}`]);
      expect(f).toHaveLength(1);
      expect(f[0].severity).toBe('medium');
    },
  );

  it('shows the invalid text, which only the raw header reveals', () => {
    expect(findingsOf(RULE, ['pref=1; SameSite=true'])[0].evidence).toContain(
      'SameSite=true is not Strict, Lax or None',
    );
  });

  it('accepts every valid value in any letter case', () => {
    for (const v of ['Lax', 'STRICT', 'none'])
      expect(findingsOf(RULE, [`pref=1; Secure; SameSite=${v}`])).toEqual([]);
    expect(findingsOf(RULE, ['pref=1; Secure'])).toEqual([]);
  });
});
