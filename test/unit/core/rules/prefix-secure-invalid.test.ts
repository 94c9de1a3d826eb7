import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'prefix-secure-invalid';

describe(RULE, () => {
  it('flags __Secure- without Secure, in any letter case', () => {
    expect(findingsOf(RULE, ['__Secure-id=1; Path=/'])).toHaveLength(1);
    expect(findingsOf(RULE, ['__SECURE-id=1; Path=/'])[0].evidence).toContain('no Secure attribute');
  });

  it('flags __Secure- set from an insecure origin', () => {
    expect(
      findingsOf(RULE, ['__Secure-id=1; Secure'], { url: 'http://app.example.com/' })[0].evidence,
    ).toContain('insecure');
  });

  it('flags a nameless cookie whose value starts with __Secure-', () => {
    expect(findingsOf(RULE, ['__Secure-id; Secure'])).toHaveLength(1);
  });

  it('does not flag a valid __Secure- cookie (also over loopback http, which Chromium trusts)', () => {
    expect(findingsOf(RULE, ['__Secure-id=1; Secure'])).toEqual([]);
    expect(findingsOf(RULE, ['__Secure-id=1; Secure'], { url: 'http://localhost:3000/' })).toEqual([]);
    expect(findingsOf(RULE, ['Secure-id=1'])).toEqual([]);
  });
});
