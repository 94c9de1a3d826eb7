import { describe, expect, it } from 'vitest';
import { findingsOf, SID } from '../../../helpers/site.ts';

const RULE = 'session-long-lived';

describe(RULE, () => {
  it("flags Django's default two-week session cookie against the 12-hour default", () => {
    const f = findingsOf(RULE, [
      `sessionid=${SID}; expires=Sun, 15 Jun 2025 12:00:00 GMT; Max-Age=1209600; Path=/; SameSite=Lax`,
    ]);
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('lifetime 14 days, limit 12 h');
  });

  it('honours the sessionMaxLifetimeSeconds setting', () => {
    expect(
      findingsOf(RULE, [`sessionid=${SID}; Max-Age=7200`], {}, { sessionMaxLifetimeSeconds: 3600 }),
    ).toHaveLength(1);
    expect(findingsOf(RULE, [`sessionid=${SID}; Max-Age=7200`])).toEqual([]);
  });

  it('does not flag browser-session cookies, an unparseable Expires, or non-session cookies', () => {
    expect(findingsOf(RULE, [`sessionid=${SID}; Path=/`])).toEqual([]);
    expect(findingsOf(RULE, [`sessionid=${SID}; Expires=in two weeks`])).toEqual([]);
    expect(findingsOf(RULE, ['lang=en; Max-Age=31536000'])).toEqual([]);
  });
});
