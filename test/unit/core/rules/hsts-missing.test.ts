import { describe, expect, it } from 'vitest';
import { findingsOf, HSTS_2Y, LOOPBACK } from '../../../helpers/site.ts';

const RULE = 'hsts-missing';

describe(RULE, () => {
  it('flags an HTTPS page without Strict-Transport-Security', () => {
    const f = findingsOf(RULE, [], { hsts: null });
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('medium');
    expect(f[0].evidence).toBe('https://app.example.com/: no Strict-Transport-Security header');
  });

  it('notes the production relevance on localhost', () => {
    expect(findingsOf(RULE, [], { url: 'https://localhost:8443/' })[0].message).toContain(LOOPBACK);
  });

  it('does not flag a page with HSTS, a plain-HTTP page (HSTS is ignored there), or no response at all', () => {
    expect(findingsOf(RULE, [], { hsts: HSTS_2Y })).toEqual([]);
    expect(findingsOf(RULE, [], { url: 'http://app.example.com/' })).toEqual([]);
    expect(findingsOf(RULE, [], { responses: [] })).toEqual([]);
  });
});
