import { describe, expect, it } from 'vitest';
import { findingsOf, NOW } from '../../../helpers/site.ts';

const RULE = 'https-redirect-insecure-hop';

describe(RULE, () => {
  it('flags a first redirect to another http:// URL', () => {
    const f = findingsOf(RULE, [], {
      extra: {
        redirects: [
          {
            from: 'http://app.example.com/',
            to: 'http://app.example.com/home',
            status: 301,
            observedAt: NOW,
          },
          {
            from: 'http://app.example.com/home',
            to: 'https://app.example.com/home',
            status: 301,
            observedAt: NOW,
          },
        ],
      },
    });
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toBe('http://app.example.com/ → http://app.example.com/home');
  });

  it('flags it from the explicit check too (relative Location)', () => {
    const f = findingsOf(RULE, [], {
      extra: {
        redirectCheck: {
          requestedUrl: 'http://app.example.com/',
          status: 302,
          location: '/start',
          observedAt: NOW,
        },
      },
    });
    expect(f[0].evidence).toBe('http://app.example.com/ → http://app.example.com/start');
  });

  it('does not flag a direct redirect to https://', () => {
    expect(
      findingsOf(RULE, [], {
        extra: {
          redirectCheck: {
            requestedUrl: 'http://app.example.com/',
            status: 301,
            location: 'https://app.example.com/',
            observedAt: NOW,
          },
        },
      }),
    ).toEqual([]);
  });
});
