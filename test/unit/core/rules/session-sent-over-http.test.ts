import { describe, expect, it } from 'vitest';
import { findingsOf, NOW, SID } from '../../../helpers/site.ts';

const RULE = 'session-sent-over-http';
const sent = (url: string, names: string[]) => ({
  extra: { sentInClear: [{ url, cookieNames: names, observedAt: NOW }] },
});

describe(RULE, () => {
  it('flags a session cookie the browser sent in a plain-HTTP request, naming it but never its value', () => {
    const f = findingsOf(
      RULE,
      [`sessionid=${SID}; Path=/; HttpOnly`],
      sent('http://app.example.com/img.png', ['sessionid', 'lang']),
    );
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toBe('Cookie: sessionid=… sent to http://app.example.com/img.png');
  });

  it('matches domain cookies on subdomains, host-only cookies only on their host', () => {
    expect(
      findingsOf(RULE, [`sid=${SID}; Domain=example.com`], sent('http://cdn.example.com/', ['sid'])),
    ).toHaveLength(1);
    expect(findingsOf(RULE, [`sid=${SID}`], sent('http://cdn.example.com/', ['sid']))).toEqual([]);
  });

  it('does not flag other cookies sent in clear, or nothing sent', () => {
    expect(
      findingsOf(RULE, [`sessionid=${SID}`, 'lang=en'], sent('http://app.example.com/', ['lang'])),
    ).toEqual([]);
    expect(findingsOf(RULE, [`sessionid=${SID}`])).toEqual([]);
  });
});
