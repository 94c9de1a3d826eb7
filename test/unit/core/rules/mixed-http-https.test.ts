import { describe, expect, it } from 'vitest';
import { findingsOf, NOW } from '../../../helpers/site.ts';

const RULE = 'mixed-http-https';

describe(RULE, () => {
  it('flags a host that served content over both schemes', () => {
    const f = findingsOf(RULE, [], {
      extra: { schemesSeen: ['http', 'https'] },
      responses: [
        { url: 'https://app.example.com/', status: 200, hsts: null, mainFrame: true, observedAt: NOW },
        {
          url: 'http://app.example.com/img/logo.png',
          status: 200,
          hsts: null,
          mainFrame: false,
          observedAt: NOW,
        },
      ],
    });
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toBe('http://app.example.com/img/logo.png answered 200 over http://');
  });

  it('does not count the http:// → https:// redirect itself', () => {
    expect(
      findingsOf(RULE, [], {
        extra: {
          schemesSeen: ['http', 'https'],
          redirects: [
            { from: 'http://app.example.com/', to: 'https://app.example.com/', status: 301, observedAt: NOW },
          ],
        },
        responses: [
          { url: 'http://app.example.com/', status: 301, hsts: null, mainFrame: true, observedAt: NOW },
          { url: 'https://app.example.com/', status: 200, hsts: null, mainFrame: true, observedAt: NOW },
        ],
      }),
    ).toEqual([]);
  });

  it('does not flag a single scheme', () => {
    expect(findingsOf(RULE, [])).toEqual([]);
  });
});
