import { describe, expect, it } from 'vitest';
import { findingsOf, NOW } from '../../../helpers/site.ts';

const RULE = 'https-redirect-off-host';
const check = (location: string) => ({
  url: 'https://example.com/',
  extra: { redirectCheck: { requestedUrl: 'http://example.com/', status: 301, location, observedAt: NOW } },
});

describe(RULE, () => {
  it('flags http://example.com → https://www.example.com (HSTS never set on the apex)', () => {
    const f = findingsOf(RULE, [], check('https://www.example.com/'));
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toBe('http://example.com/ → https://www.example.com/');
  });

  it('does not flag a same-host upgrade', () => {
    expect(findingsOf(RULE, [], check('https://example.com/'))).toEqual([]);
  });
});
