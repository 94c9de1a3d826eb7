import { describe, expect, it } from 'vitest';
import { findingsOf, NOW, SID } from '../../../helpers/site.ts';

const RULE = 'session-in-url';

describe(RULE, () => {
  it('flags ;jsessionid= URL rewriting, with the value redacted', () => {
    const f = findingsOf(RULE, [], { url: `https://app.example.com/cart;jsessionid=${SID}?x=1` });
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toBe('https://app.example.com/cart;jsessionid=…?x=…');
    expect(f[0].severity).toBe('medium');
  });

  it('flags session parameters and parameters named like the site session cookie', () => {
    expect(findingsOf(RULE, [], { url: `https://app.example.com/?PHPSESSID=${SID}` })[0].evidence).toBe(
      'https://app.example.com/?PHPSESSID=…',
    );
    const f = findingsOf(RULE, [`app_session=${SID}`], {
      url: `https://app.example.com/?app_session=${SID}&a=b`,
    });
    expect(f[0].evidence).toBe('https://app.example.com/?app_session=…&a=…');
  });

  it('reports what the background saw in page links', () => {
    const f = findingsOf(RULE, [], {
      extra: {
        sessionInUrl: [
          { url: 'https://app.example.com/?sid=…', parameter: 'sid', valueLength: 32, observedAt: NOW },
        ],
      },
    });
    expect(f[0].evidence).toBe('https://app.example.com/?sid=… (parameter sid, 32 characters)');
  });

  it('ignores short values (survey?sId=5) and unrelated parameters', () => {
    expect(findingsOf(RULE, [], { url: 'https://app.example.com/survey?sid=5' })).toEqual([]);
    expect(findingsOf(RULE, [], { url: `https://app.example.com/?q=${SID}` })).toEqual([]);
  });
});
