import { describe, expect, it } from 'vitest';
import { findingsOf, LOOPBACK } from '../../../helpers/site.ts';

const RULE = 'session-set-over-http';

describe(RULE, () => {
  it('flags a session cookie set in an http:// response', () => {
    const f = findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/'], {
      url: 'http://shop.example.com/login',
    });
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('high');
    expect(f[0].evidence).toContain('set by http://shop.example.com/login');
  });

  it('is audited on localhost too, noting that it matters in production', () => {
    const f = findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/'], {
      url: 'http://127.0.0.1:8080/insecure',
    });
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(LOOPBACK);
  });

  it('does not flag https responses or non-session cookies', () => {
    expect(findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8; Path=/'])).toEqual([]);
    expect(findingsOf(RULE, ['lang=en; Path=/'], { url: 'http://shop.example.com/' })).toEqual([]);
  });
});
