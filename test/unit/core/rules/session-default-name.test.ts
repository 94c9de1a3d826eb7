import { describe, expect, it } from 'vitest';
import { findingsOf, SID } from '../../../helpers/site.ts';

const RULE = 'session-default-name';

describe(RULE, () => {
  it.each(['PHPSESSID', 'JSESSIONID', 'ASP.NET_SessionId', 'connect.sid', 'sessionid', 'laravel_session'])(
    'flags %s (info)',
    (name) => {
      const f = findingsOf(RULE, [`${name}=${SID}; Secure; HttpOnly; SameSite=Lax`]);
      expect(f).toHaveLength(1);
      expect(f[0].severity).toBe('info');
    },
  );

  it('does not flag custom or generic names', () => {
    expect(findingsOf(RULE, [`__Host-id=${SID}; Secure; HttpOnly; Path=/`])).toEqual([]);
    expect(findingsOf(RULE, [`__Host-sid=${SID}; Secure; HttpOnly; Path=/`])).toEqual([]);
    expect(findingsOf(RULE, [`_acme_session=${SID}`])).toEqual([]);
  });
});
