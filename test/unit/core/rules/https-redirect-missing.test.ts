import { describe, expect, it } from 'vitest';
import { findingsOf, NOW } from '../../../helpers/site.ts';

const RULE = 'https-redirect-missing';
const check = (status: number | null, location: string | null, error?: string) => ({
  extra: {
    redirectCheck: {
      requestedUrl: 'http://app.example.com/',
      status,
      location,
      observedAt: NOW,
      ...(error ? { error } : {}),
    },
  },
});

describe(RULE, () => {
  it('flags http:// answering without a redirect (explicit check)', () => {
    const f = findingsOf(RULE, [], check(200, null));
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toBe('GET http://app.example.com/ answered 200 without redirecting to https://');
  });

  it('flags a plain-HTTP main-frame page that was served, not redirected', () => {
    expect(findingsOf(RULE, [], { url: 'http://app.example.com/' })).toHaveLength(1);
  });

  it('flags a redirect chain that never reaches https://', () => {
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
            to: 'http://www.example.com/',
            status: 302,
            observedAt: NOW,
          },
        ],
      },
    });
    expect(f[0].evidence).toContain('never reaches https://');
  });

  it('does not flag a redirect to https://, or a host with nothing listening on http', () => {
    expect(findingsOf(RULE, [], check(301, 'https://app.example.com/'))).toEqual([]);
    expect(findingsOf(RULE, [], check(null, null, 'connection refused'))).toEqual([]);
  });
});
