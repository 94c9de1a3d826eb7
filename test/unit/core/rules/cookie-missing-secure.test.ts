import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'cookie-missing-secure';

describe(RULE, () => {
  it('flags an ordinary cookie without Secure on HTTPS (medium; low with HSTS)', () => {
    expect(findingsOf(RULE, ['cart=7; Path=/'])[0].severity).toBe('medium');
    expect(findingsOf(RULE, ['cart=7; Path=/'], { hsts: 'max-age=31536000' })[0].severity).toBe('low');
  });

  it('rates tracking cookies low and infrastructure cookies info, not like session cookies', () => {
    expect(findingsOf(RULE, ['_ga=GA1.2.1234567.1700000000; Path=/'])[0].severity).toBe('low');
    expect(findingsOf(RULE, ['AWSALB=Zm9vYmFyYmF6cXV4cXV1eA==; Path=/'])[0].severity).toBe('info');
    expect(findingsOf(RULE, ['heroku-session-affinity=ACyDaANoA2gDYQFi; Path=/; HttpOnly'])[0].severity).toBe(
      'info',
    );
  });

  it('leaves session and CSRF cookies to their own rules', () => {
    expect(
      findingsOf(RULE, ['sessionid=k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8', 'csrftoken=abc; SameSite=Lax']),
    ).toEqual([]);
  });

  it('does not flag Secure cookies, plain-HTTP pages, or deletions', () => {
    expect(findingsOf(RULE, ['cart=7; Secure'])).toEqual([]);
    expect(findingsOf(RULE, ['cart=7'], { url: 'http://app.example.com/' })).toEqual([]);
    expect(findingsOf(RULE, ['cart=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])).toEqual([]);
  });
});
