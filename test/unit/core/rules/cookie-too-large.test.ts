import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'cookie-too-large';

describe(RULE, () => {
  it('flags name + value over 4096 bytes (the browser drops it)', () => {
    const f = findingsOf(RULE, [`big=${'x'.repeat(4094)}; Secure`]);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('low');
    expect(f[0].evidence).toContain('4097 bytes');
  });

  it('notes an attribute over 1024 bytes (that attribute is ignored)', () => {
    const f = findingsOf(RULE, [`a=1; Secure; Path=/${'p'.repeat(1100)}`]);
    expect(f[0].severity).toBe('info');
    expect(f[0].evidence).toContain('ignored (over 1024 bytes): Path');
  });

  it('does not flag normal cookies', () => {
    expect(findingsOf(RULE, [`ok=${'x'.repeat(4000)}; Secure`])).toEqual([]);
  });
});
