import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'hsts-no-subdomains';

describe(RULE, () => {
  it('notes HSTS without includeSubDomains (info)', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=31536000' })[0].severity).toBe('info');
  });

  it('is low when the site also sets cookies for the whole domain', () => {
    const f = findingsOf(RULE, ['pref=1; Domain=example.com; Secure'], { hsts: 'max-age=31536000' });
    expect(f[0].severity).toBe('low');
    expect(f[0].evidence).toContain('pref is scoped to example.com');
  });

  it('does not flag includeSubDomains, missing or disabled HSTS', () => {
    expect(findingsOf(RULE, [], { hsts: 'max-age=31536000; includeSubDomains' })).toEqual([]);
    expect(findingsOf(RULE, [], { hsts: null })).toEqual([]);
    expect(findingsOf(RULE, [], { hsts: 'max-age=0' })).toEqual([]);
  });
});
